"""analyse_team agrees with evaluate, person by person, on random maps and random staff."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from careermap import Catalogue, analyse_team, evaluate
from careermap.engine import Status
from careermap.staff import StaffRow

from ..strategies import CODES, catalogues


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
