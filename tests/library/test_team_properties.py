"""analyse_team agrees with evaluate, person by person, on random maps and random staff."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careermap import Catalogue, analyse_team, catalogue_from_data, evaluate, find_role
from careermap import bulk as bulk_module
from careermap.bulk import evaluate_many
from careermap.engine import Status, engine_for
from careermap.models import Qualification
from careermap.staff import StaffRow

from ..strategies import CODES, _qualifications, catalogues


@st.composite
def teams(draw: st.DrawFn) -> tuple[Catalogue, list[StaffRow]]:
    """A random map and up to eight staff, each with held codes and maybe a current role."""
    catalogue = draw(catalogues())
    role_ids = [role.id for role in catalogue.roles]
    rows = []
    for index in range(draw(st.integers(1, 8))):
        held = draw(st.lists(st.sampled_from(CODES), unique=True))
        role = draw(st.none() | st.sampled_from(role_ids))
        rows.append(StaffRow(index + 2, f"P{index}", "; ".join(held), role or ""))
    return catalogue, rows


def held_codes(row: StaffRow) -> frozenset[str]:
    return frozenset(code for code in row.quals.split("; ") if code)


@given(teams())
def test_team_counts_equal_the_engine_person_by_person(
    team: tuple[Catalogue, list[StaffRow]],
) -> None:
    catalogue, rows = team
    report = analyse_team(catalogue, rows, per_person=True, strict=True)
    assert report.staff == len(rows)
    expected: Counter[tuple[str, Status]] = Counter()
    for row in rows:
        for result in evaluate(catalogue, held_codes(row)).results:
            expected[result.role.id, result.status] += 1
    assert [(count.role.id, count.eligible, count.one_away) for count in report.roles] == [
        (role.id, expected[role.id, Status.ELIGIBLE], expected[role.id, Status.ONE_AWAY])
        for role in catalogue.roles
    ]
    assert report.people is not None
    assert [person.line for person in report.people] == [row.line for row in rows]
    for row, person in zip(rows, report.people, strict=True):
        evaluation = evaluate(catalogue, held_codes(row))
        assert [role.id for role in person.eligible] == [
            result.role.id for result in evaluation.results if result.status is Status.ELIGIBLE
        ], row
        assert (person.role.id if person.role else "") == row.role


@st.composite
def banded_teams(draw: st.DrawFn) -> tuple[Catalogue, list[StaffRow]]:
    """As ``teams``, with the roles spread over three bands, so "above their band" bites."""
    catalogue, rows = draw(teams())
    data = catalogue.to_data()
    data["bands"] = ["A", "B", "C"]
    for role in data["roles"]:
        role["band"] = draw(st.sampled_from(data["bands"]))
    return catalogue_from_data(data), rows


def with_unused_codes_first(catalogue: Catalogue) -> Catalogue:
    """The map with 64 codes nobody holds or needs first: the codes that matter lie past
    the first 64-bit word."""
    unused = tuple(Qualification(f"U{index}", f"Unused {index}") for index in range(64))
    return replace(catalogue, qualifications=(*unused, *catalogue.qualifications))


def reference_unlocks(catalogue: Catalogue, rows: list[StaffRow]) -> dict[str, int]:
    """Person by person with the engine's per-set status: the codes that alone would open
    a role one away in a band above the person's (any band without a role)."""
    engine = engine_for(catalogue)
    role_rank = [catalogue.band_rank[role.band] for role in catalogue.roles]
    unlocks: Counter[str] = Counter()
    for row in rows:
        rank = catalogue.band_rank[find_role(catalogue, row.role).band] if row.role else -1
        unlocking = 0
        for index, singles in engine.status(
            engine.effective_mask(held_codes(row))
        ).one_away.items():
            if role_rank[index] > rank:
                unlocking |= singles
        for code in engine.codes_in(unlocking):
            unlocks[code] += 1
    return dict(unlocks)


@pytest.mark.parametrize(
    ("tables", "wide"),
    [(True, False), (False, False), (True, True)],
    ids=["cover-tables", "cover-search", "past-64-codes"],
)
@given(banded_teams())
def test_bulk_counts_equal_the_per_set_engine(
    tables: bool, wide: bool, team: tuple[Catalogue, list[StaffRow]]
) -> None:
    """The matrices (careermap.bulk) and the per-set engine agree: counts, unlocks, and
    each person's next steps, "counts as" chains and ties included, a tangled route's
    answers from its table or a search, and the codes that matter past the first word."""
    catalogue, rows = team
    if wide:
        catalogue = with_unused_codes_first(catalogue)
    entries = bulk_module._TABLE_ENTRIES if tables else 0
    with patch.object(bulk_module, "_TABLE_ENTRIES", entries):
        report = analyse_team(catalogue, rows, per_person=True, strict=True)
    engine = engine_for(catalogue)
    expected_open: Counter[str] = Counter()
    expected_one: Counter[str] = Counter()
    for row in rows:
        status = engine.status(engine.effective_mask(held_codes(row)))
        expected_open.update(catalogue.roles[index].id for index in status.eligible)
        expected_one.update(catalogue.roles[index].id for index in status.one_away)
    assert {c.role.id: (c.eligible, c.one_away) for c in report.roles} == {
        role.id: (expected_open[role.id], expected_one[role.id]) for role in catalogue.roles
    }
    assert {need.qualification.code: need.unlocks for need in report.training} == (
        reference_unlocks(catalogue, rows)
    )
    assert report.people is not None
    for row, person in zip(rows, report.people, strict=True):
        evaluation = evaluate(catalogue, held_codes(row))
        for step in person.next_steps:
            assert step.missing == evaluation.result_for(step.role.id).missing


@pytest.mark.parametrize("tables", [True, False], ids=["cover-tables", "cover-search"])
@given(catalogues(), st.lists(st.lists(st.sampled_from(CODES), unique=True), max_size=8))
def test_evaluate_many_equals_evaluate(
    tables: bool, catalogue: Catalogue, people: list[list[str]]
) -> None:
    """Both ways a tangled route (a code counting as two of its codes) is answered: a
    table per subset, and past the tables' budget a search for each distinct gap."""
    with patch.object(bulk_module, "_TABLE_ENTRIES", bulk_module._TABLE_ENTRIES if tables else 0):
        bulk = evaluate_many(catalogue, people)
    for index, held in enumerate(people):
        single = evaluate(catalogue, held)
        assert bulk.evaluation(index).results == single.results
        assert bulk.eligible[index].tolist() == [r.eligible for r in single.results]
        assert bulk.missing_counts[index].tolist() == [len(r.missing) for r in single.results]


@st.composite
def ladders(draw: st.DrawFn) -> tuple[Catalogue, list[StaffRow]]:
    """Up to six roles over three bands, each leading to some of the roles above it, and
    up to twelve staff: staff in a role have next steps of their own, not just the
    entry roles. "Counts as" chains as ``catalogues`` draws them."""
    qualifications = _qualifications(draw, counts_as=2, courses=False)
    route = st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True).map(tuple)
    count = draw(st.integers(1, 6))
    bands = [draw(st.sampled_from("ABC")) for _ in range(count)]
    roles = [
        {"id": f"role-{index}", "title": f"Role {index}", "band": band, "tracks": ("t",),
         "requires": tuple(draw(st.lists(route, min_size=1, max_size=3, unique_by=frozenset))),
         "progresses_to": tuple(
             f"role-{other}" for other in range(count)
             if bands[other] > band and draw(st.booleans())
         )}
        for index, band in enumerate(bands)
    ]  # fmt: skip
    catalogue = catalogue_from_data(
        {"name": "ladder", "bands": ("A", "B", "C"), "tracks": ("t",),
         "qualifications": tuple(qualifications), "roles": tuple(roles)}
    )  # fmt: skip
    rows = []
    for index in range(draw(st.integers(1, 12))):
        held = draw(st.lists(st.sampled_from(CODES), unique=True))
        role = draw(st.none() | st.sampled_from([role["id"] for role in roles]))
        rows.append(StaffRow(index + 2, f"P{index}", "; ".join(held), str(role or "")))
    return catalogue, rows


@pytest.mark.parametrize(
    ("chunked", "tables", "wide"),
    [(False, True, False), (True, True, False), (False, False, False), (False, True, True)],
    ids=["one-chunk", "a-chunk-a-group", "cover-search", "past-64-codes"],
)
@given(teams() | ladders())
def test_needs_past_the_plan_bound_are_the_union_of_next_step_gaps(
    chunked: bool, tables: bool, wide: bool, team: tuple[Catalogue, list[StaffRow]]
) -> None:
    """Groups past the plan bound count their needs on bit matrices: the same codes as
    the union of their next steps' gaps, person by person, and by the same roles, in
    one chunk of groups or many, with a stand-in's cover from a table or a search, and
    with the codes that matter past the first 64-bit word."""
    catalogue, rows = team
    if wide:
        catalogue = with_unused_codes_first(catalogue)
    chunk = 1 if chunked else bulk_module._CHUNK_CELLS
    entries = bulk_module._TABLE_ENTRIES if tables else 0
    with (
        patch("careermap.team.MAX_TEAM_PLANS", 0),
        patch.object(bulk_module, "_CHUNK_CELLS", chunk),
        patch.object(bulk_module, "_TABLE_ENTRIES", entries),
    ):
        report = analyse_team(catalogue, rows, per_person=True, strict=True)
    assert report.people is not None
    family_of = {}
    for need in report.next_step_needs:
        for member in (need.qualification, *need.equivalents):
            family_of[member.code] = need.qualification.code
    expected: Counter[str] = Counter()
    by_role: dict[str, Counter[str | None]] = {}
    for person in report.people:
        gaps = {code for step in person.next_steps for code in step.missing}
        for family in {family_of.get(code, code) for code in gaps}:
            expected[family] += 1
            by_role.setdefault(family, Counter())[person.role.id if person.role else None] += 1
    assert {need.qualification.code: need.staff for need in report.next_step_needs} == dict(
        expected
    )
    assert {
        need.qualification.code: {role.id if role else None: n for role, n in need.by_role}
        for need in report.next_step_needs
    } == {family: dict(counts) for family, counts in by_role.items()}
