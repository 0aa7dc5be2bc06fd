"""catalogue_diff: what changes between two editions of a map, and for whom."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from careermap import Catalogue, catalogue_diff, catalogue_from_data, evaluate, load_catalogue
from careermap.diff import FieldChange, Shift
from careermap.staff import StaffRow

from ..strategies import CODES, catalogues

STAFF = [
    StaffRow(2, "Asha Patel", "DIPSM; L3TSM; ILM5", "senior-practitioner"),
    StaffRow(3, "Ben Okafor", "DEGREE; L3TSM; ILM5; EXP_SIG", "senior-practitioner"),
    StaffRow(4, "Cara Lewis", "DIPSM; L3TSM; ILM3", "senior-practitioner"),
    StaffRow(5, "Dev Singh", "DEGREE; L3TSM; ILM7", "practitioner"),
    StaffRow(6, "Ella Jones", "GCSE; EXP", "recovery-worker"),
    StaffRow(7, "Asha Patel", "DIPSM; L3TSM; ILM5", "senior-practitioner"),
]


def edited(catalogue: Catalogue, edit: Any) -> Catalogue:
    """``catalogue`` with ``edit(data)`` applied to its plain data, checked afresh."""
    data = catalogue.to_data()
    edit(data)
    return catalogue_from_data(data)


def role(data: dict[str, Any], role_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data["roles"] if r["id"] == role_id)
    return found


def qualification(data: dict[str, Any], code: str) -> dict[str, Any]:
    found: dict[str, Any] = next(q for q in data["qualifications"] if q["code"] == code)
    return found


def team_leader_needs_exp_sig(data: dict[str, Any]) -> None:
    """The motivating change: Team Leader also requires significant experience."""
    role(data, "team-leader")["requires"] = [
        [*route, "EXP_SIG"] for route in role(data, "team-leader")["requires"]
    ]
    data["version"], data["effective_from"] = "2026-27", "2026-04-01"


def test_the_team_leader_change_names_the_staff_it_affects(shipped: Catalogue) -> None:
    new = edited(shipped, team_leader_needs_exp_sig)
    diff = catalogue_diff(shipped, new, STAFF, source="staff.csv")
    assert diff.new.version == "2026-27"
    assert diff.new.effective_from == "2026-04-01"
    [change] = diff.roles_changed
    assert change.role.id == "team-leader"
    assert change.routes_added == (
        ("DEGREE", "L3TSM", "ILM5", "EXP_SIG"),
        ("DIPSM", "L3TSM", "ILM5", "EXP_SIG"),
    )
    assert change.routes_removed == (("DEGREE", "L3TSM", "ILM5"), ("DIPSM", "L3TSM", "ILM5"))
    staff = diff.staff
    assert staff is not None
    assert staff.staff == 6
    affected = [
        (p.line, p.name, p.role, [(s.role.id, s.shift, s.missing_before, s.missing_after)
                                  for s in p.shifts])
        for p in staff.people
    ]  # fmt: skip
    assert affected == [
        (2, "Asha Patel", "senior-practitioner",
         [("team-leader", Shift.LOSES, (), ("EXP_SIG",))]),
        (4, "Cara Lewis", "senior-practitioner",
         [("team-leader", Shift.GAP, ("ILM5",), ("ILM5", "EXP_SIG"))]),
        (5, "Dev Singh", "practitioner", [("team-leader", Shift.LOSES, (), ("EXP_SIG",))]),
        (6, "Ella Jones", "recovery-worker",
         [("team-leader", Shift.GAP, ("DEGREE", "L3TSM", "ILM5"),
           ("DEGREE", "L3TSM", "ILM5", "EXP_SIG"))]),
        (7, "Asha Patel", "senior-practitioner",
         [("team-leader", Shift.LOSES, (), ("EXP_SIG",))]),
    ]  # fmt: skip
    [total] = staff.totals
    assert (total.role.id, total.gains, total.losses, total.gap_changes) == (
        "team-leader", 0, 3, 2,
    )  # fmt: skip
    assert staff.affected == 5
    assert diff.differs


def test_identical_maps_have_no_differences(shipped: Catalogue) -> None:
    diff = catalogue_diff(shipped, shipped, STAFF)
    assert not diff.differs
    assert not diff.map_differs
    assert diff.staff is not None
    assert diff.staff.people == ()
    assert diff.staff.staff == len(STAFF)


def test_reordering_routes_and_their_codes_is_no_change(shipped: Catalogue) -> None:
    def reorder(data: dict[str, Any]) -> None:
        for r in data["roles"]:
            r["requires"] = [list(reversed(route)) for route in reversed(r["requires"])]
            r["tracks"] = list(reversed(r["tracks"]))
        data["qualifications"].reverse()

    diff = catalogue_diff(shipped, edited(shipped, reorder), STAFF)
    assert not diff.differs, diff


def test_qualifications_added_removed_and_changed(small: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["qualifications"].append({"code": "NEW", "name": "A new one"})
        lead5 = qualification(data, "LEAD5")
        lead5.update(name="Leadership five", rqf=5, course_months=12, cost=900)
        lead5["alongside_work"] = False
        lead5["satisfies"] = []
        lead5["aliases"] = ["L5"]
        lead5["requires"] = [["BASIC"]]

    new = edited(small, edit)
    diff = catalogue_diff(small, new)
    assert [q.code for q in diff.qualifications_added] == ["NEW"]
    assert diff.qualifications_removed == ()
    [change] = diff.qualifications_changed
    assert change.code == "LEAD5"
    assert change.changes == (
        FieldChange("name", "Leadership level 5", "Leadership five"),
        FieldChange("rqf", None, 5),
        FieldChange("aliases", (), ("L5",)),
        FieldChange("counts_as", ("LEAD3",), ()),
        FieldChange("course_months", None, 12),
        FieldChange("cost", None, 900),
        FieldChange("needs_first", (), (("BASIC",),)),
        FieldChange("alongside_work", True, False),
    )
    back = catalogue_diff(new, small)
    assert [q.code for q in back.qualifications_removed] == ["NEW"]


def test_roles_added_removed_and_changed(small: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["roles"] = [r for r in data["roles"] if r["id"] != "head"]
        role(data, "lead")["progresses_to"] = ["deputy"]
        data["roles"].append(
            {"id": "deputy", "title": "Deputy", "band": "C", "tracks": ["main"],
             "requires": [["LEAD5"]]}
        )  # fmt: skip
        helper = role(data, "helper")
        helper.update(title="Helper (new)", band="B", experience=["BASIC"])
        helper["training"] = {"items": ["Induction", "Safeguarding"], "leads_to": ["LEAD3"],
                              "months": 3}  # fmt: skip
        helper["requires"] = [["BASIC"], ["LEAD3"]]

    diff = catalogue_diff(small, edited(small, edit))
    assert [r.id for r in diff.roles_added] == ["deputy"]
    assert [r.id for r in diff.roles_removed] == ["head"]
    changes = {change.role.id: change for change in diff.roles_changed}
    assert set(changes) == {"helper", "lead"}
    helper = changes["helper"]
    assert helper.changes == (
        FieldChange("title", "Helper", "Helper (new)"),
        FieldChange("band", "A", "B"),
        FieldChange("training", ("Induction",), ("Induction", "Safeguarding")),
        FieldChange("training_months", 6, 3),
        FieldChange("experience", (), ("BASIC",)),
    )
    assert helper.routes_added == (("LEAD3",),)
    assert helper.routes_removed == ()
    lead = changes["lead"]
    assert (lead.progressions_added, lead.progressions_removed) == (("deputy",), ("head",))
    assert lead.changes == lead.routes_added == lead.routes_removed == ()


def test_bands_and_tracks_are_map_changes(small: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["bands"] = ["A", "B", "C", "D"]
        data["tracks"] = ["main", "other"]

    diff = catalogue_diff(small, edited(small, edit))
    assert [change.field for change in diff.map_changes] == ["bands", "tracks"]
    assert diff.differs


def test_a_role_on_one_side_only_is_added_not_gained_by_everyone(small: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["roles"].append(
            {"id": "extra", "title": "Extra", "band": "A", "tracks": ["main"],
             "requires": [["BASIC"]]}
        )  # fmt: skip

    rows = [StaffRow(2, "Ann", "BASIC", "")]
    diff = catalogue_diff(small, edited(small, edit), rows)
    assert [r.id for r in diff.roles_added] == ["extra"]
    assert diff.staff is not None
    assert diff.staff.people == ()


def test_rows_that_are_problems_on_one_side_are_reported_not_dropped(small: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["qualifications"] = [q for q in data["qualifications"] if q["code"] != "FORMULA"]
        data["roles"] = [r for r in data["roles"] if r["id"] != "head"]
        role(data, "lead")["requires"] = [["BASIC", "LEAD5"]]
        role(data, "lead")["progresses_to"] = []

    rows = [
        StaffRow(2, "Ann", "BASIC", ""),
        StaffRow(3, "Bob", "BASIC; FORMULA", "helper"),  # FORMULA is gone
        StaffRow(4, "Cat", "LEAD5", "head"),  # head is gone
        StaffRow(5, "", "BASIC", ""),  # no name on either map
        StaffRow(6, "Dan", "NOPE", ""),  # unknown on both, said the same way
    ]
    diff = catalogue_diff(small, edited(small, edit), rows, source="staff.csv")
    assert diff.staff is not None
    problems = [(p.line, p.side) for p in diff.staff.problems]
    assert problems == [(3, "new"), (4, "new"), (5, "both"), (6, "both")]
    assert "FORMULA" in diff.staff.problems[0].message
    assert diff.staff.staff == 1


def test_a_change_of_what_counts_as_what_changes_gaps(small: Catalogue) -> None:
    def edit(data: dict[str, Any]) -> None:
        qualification(data, "LEAD5")["satisfies"] = []

    rows = [StaffRow(2, "Cat", "LEAD5; FORMULA", "lead")]
    diff = catalogue_diff(small, edited(small, edit), rows)
    assert diff.staff is not None
    [person] = diff.staff.people
    # LEAD5 no longer counts as LEAD3: the route LEAD3 + FORMULA closes; BASIC + LEAD5 is
    # as near (listed first, so it is the gap).
    assert [(s.role.id, s.shift, s.missing_after) for s in person.shifts] == [
        ("lead", Shift.LOSES, ("BASIC",))
    ]
    assert [change.code for change in diff.qualifications_changed] == ["LEAD5"]


@st.composite
def two_maps_and_staff(draw: st.DrawFn) -> tuple[Catalogue, Catalogue, list[StaffRow]]:
    old, new = draw(catalogues()), draw(catalogues())
    role_ids = sorted({r.id for r in old.roles} | {r.id for r in new.roles})
    rows = [
        StaffRow(index + 2, f"P{index}", "; ".join(draw(st.lists(st.sampled_from(CODES),
                 unique=True))), draw(st.sampled_from(["", *role_ids])))
        for index in range(draw(st.integers(0, 8)))
    ]  # fmt: skip
    return old, new, rows


@given(catalogues())
def test_a_map_against_itself_has_no_differences(catalogue: Catalogue) -> None:
    assert not catalogue_diff(catalogue, catalogue).differs


@given(two_maps_and_staff())
def test_gains_and_losses_are_exactly_where_evaluate_differs(
    case: tuple[Catalogue, Catalogue, list[StaffRow]],
) -> None:
    old, new, rows = case
    diff = catalogue_diff(old, new, rows)
    assert diff.staff is not None
    common = [r.id for r in new.roles_in_band_order() if r.id in old.roles_by_id]
    problem_lines = {p.line for p in diff.staff.problems}
    expected = {}
    for row in rows:
        if row.role and not (row.role in old.roles_by_id and row.role in new.roles_by_id):
            assert row.line in problem_lines
            continue
        held = frozenset(code for code in row.quals.split("; ") if code)
        before, after = evaluate(old, held), evaluate(new, held)
        changed = [
            (role_id, Shift.GAINS if after.result_for(role_id).eligible else Shift.LOSES)
            for role_id in common
            if before.result_for(role_id).eligible != after.result_for(role_id).eligible
        ]
        if changed:
            expected[row.line] = changed
    found = {
        person.line: [(s.role.id, s.shift) for s in person.shifts if s.shift is not Shift.GAP]
        for person in diff.staff.people
    }
    assert {line: shifts for line, shifts in found.items() if shifts} == expected
    for person in diff.staff.people:
        for shift in person.shifts:
            if shift.shift is Shift.GAP:
                assert shift.missing_before
                assert shift.missing_after
                assert set(shift.missing_before) != set(shift.missing_after)


def test_the_shipped_map_loads_for_diffs() -> None:
    assert catalogue_diff(load_catalogue(), load_catalogue()).staff is None
