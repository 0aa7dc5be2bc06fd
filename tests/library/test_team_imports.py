"""Staff lists as HR systems export them, and what a budget holder reads from them:
column mapping, job titles, unrecognised items kept, next-step needs, compliance, what-if."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from careermap import Catalogue
from careermap.errors import AmbiguousRoleError, MappingError, StaffListError, UnknownRoleError
from careermap.lookup import find_role
from careermap.mapping import load_mapping
from careermap.render.text import next_steps_text
from careermap.staff import StaffColumns, StaffRow, iter_staff, read_names
from careermap.team import Plus, TeamReport, analyse_team

from ..conftest import DATA

HR_EXPORT = DATA / "hr-export.csv"


def report_for(catalogue: Catalogue, rows: list[StaffRow], **options: object) -> TeamReport:
    return analyse_team(catalogue, rows, **options)  # type: ignore[arg-type]


def needs(report: TeamReport) -> dict[str, int]:
    return {need.qualification.code: need.staff for need in report.next_step_needs}


@pytest.mark.parametrize(
    ("typed", "role_id"),
    [
        ("team-leader", "team-leader"),
        ("Team Leader", "team-leader"),
        ("  TEAM leader ", "team-leader"),
        ("Case Manager", "practitioner"),
        ("group-worker", "practitioner"),
        ("Senior Case Manager", "senior-practitioner"),
        ("Senior Case Manager / Practitioner", "senior-practitioner"),
        ("Practitioner", "practitioner"),  # an id wins over another role's title part
        ("Senior Practice & Quality Lead", "senior-practice-quality-lead"),
    ],
)
def test_a_role_is_found_by_id_title_or_a_part_of_its_title(
    shipped: Catalogue, typed: str, role_id: str
) -> None:
    assert find_role(shipped, typed).id == role_id


def test_a_title_part_two_roles_share_is_refused_naming_both(shipped: Catalogue) -> None:
    first, second = shipped.roles[0], shipped.roles[1]
    roles = (
        replace(first, title="Worker / Peer Mentor"),
        replace(second, title="Senior Worker / Peer Mentor"),
        *shipped.roles[2:],
    )
    catalogue = replace(shipped, roles=roles)
    with pytest.raises(AmbiguousRoleError) as caught:
        find_role(catalogue, "peer mentor")
    assert str(caught.value) == (
        f"'peer mentor' is a name of more than one role ({first.id}, {second.id}); give the role id"
    )


def test_an_unknown_title_suggests_the_role_id(shipped: Catalogue) -> None:
    with pytest.raises(UnknownRoleError) as caught:
        find_role(shipped, "Senior Case Manger")
    assert caught.value.suggestion == "senior-practitioner"


def test_an_hr_export_is_read_by_its_own_headers(shipped: Catalogue) -> None:
    rows = list(iter_staff(HR_EXPORT))
    assert len(rows) == 300
    assert rows[0] == StaffRow(2, "Alex Campbell 1", "L3 TSM; Experience", "Recovery Worker")


def test_named_columns_override_the_usual_ones(tmp_path: Path) -> None:
    staff = tmp_path / "export.csv"
    staff.write_text("Name,Who,Post,Quals,Certs\nx,Ann,Practitioner,NOPE,DIPSM;L3TSM\n")
    columns = StaffColumns(name="who", quals="CERTS", role="Post")
    assert list(iter_staff(staff, columns)) == [StaffRow(2, "Ann", "DIPSM;L3TSM", "Practitioner")]


def test_a_named_column_that_is_not_there_is_named_in_the_message(tmp_path: Path) -> None:
    staff = tmp_path / "export.csv"
    staff.write_text("Name,Quals\nAnn,DIPSM\n")
    with pytest.raises(StaffListError) as caught:
        list(iter_staff(staff, StaffColumns(name="Employee Name")))
    assert caught.value.lines() == (
        f"{staff}:1: the header row needs a 'Employee Name' (name) column; found: Name, Quals",
    )


def test_unrecognised_items_are_left_out_and_the_rest_of_the_row_counts(
    shipped: Catalogue,
) -> None:
    rows = [
        StaffRow(2, "Ann", "L3TSM; Experience; SVQ3 Social Services", "Recovery Worker"),
        StaffRow(3, "Bob", "SVQ3 Social Services; Lived experience", "Admin Officer"),
        StaffRow(4, "Cat", "DIPSM, L3TSM", "Case Manager"),
    ]
    report = report_for(shipped, rows, per_person=True)
    assert report.staff == 3
    assert report.problems == ()
    assert [(u.column, u.spelling, u.staff, u.hint) for u in report.unrecognised] == [
        ("quals", "SVQ3 Social Services", 2, None),
        ("quals", "Lived experience", 1, "Experience"),
        ("role", "Admin Officer", 1, None),
    ]
    assert report.people is not None
    ann, bob, cat = report.people
    assert [role.id for role in ann.eligible] == ["recovery-worker"]
    assert ann.unrecognised == ("SVQ3 Social Services",)
    assert bob.role is None
    assert bob.next_steps == ()
    assert bob.unrecognised == ("SVQ3 Social Services", "Lived experience", "Admin Officer")
    assert cat.role is not None
    assert cat.role.id == "practitioner"


def test_strict_still_refuses_unrecognised_items(shipped: Catalogue) -> None:
    rows = [StaffRow(2, "Ann", "L3TSM; SVQ3", ""), StaffRow(3, "Bob", "L3TSM", "Admin")]
    with pytest.raises(StaffListError) as caught:
        report_for(shipped, rows, strict=True)
    assert [problem.line for problem in caught.value.problems] == [2, 3]


def test_next_step_needs_follow_the_cheapest_plan_not_the_first_route(
    shipped: Catalogue,
) -> None:
    # A Recovery Worker finishes a DipSM in post (12 months) rather than a 4-year degree,
    # though either is "one qualification" from Practitioner.
    rows = [StaffRow(n, f"RW{n}", "L3TSM, EXP", "recovery-worker") for n in range(2, 7)]
    report = report_for(shipped, rows, per_person=True)
    assert needs(report) == {"DIPSM": 5}
    assert report.people is not None
    (step,) = report.people[0].next_steps
    assert (step.role.id, step.missing, step.months) == ("practitioner", ("DIPSM",), 12)
    (need,) = report.next_step_needs
    assert [(role.id if role else None, n) for role, n in need.by_role] == [("recovery-worker", 5)]
    assert need.by_band == (("D", 5),)


def test_next_steps_stay_on_the_track_of_a_single_track_role(shipped: Catalogue) -> None:
    rows = [StaffRow(2, "Tia", "DIPSM, L3TSM, ILM5, EXP_SIG", "team-leader")]
    report = report_for(shipped, rows, per_person=True)
    assert report.people is not None
    assert [step.role.id for step in report.people[0].next_steps] == ["ops-manager"]


def test_equivalent_qualifications_are_one_line_and_staff_are_counted_once(
    shipped: Catalogue,
) -> None:
    rows = [StaffRow(2, "Pia", "DIPSM, L3TSM, EXP", "practitioner")]
    report = report_for(shipped, rows)
    (need,) = report.next_step_needs
    assert need.qualification.code == "ILM3"
    assert [q.code for q in need.equivalents] == ["CMI3"]
    assert need.staff == 1


def test_a_course_fee_gives_the_cost_for_everyone_who_needs_it(shipped: Catalogue) -> None:
    qualifications = tuple(
        replace(q, cost=1200) if q.code == "ILM5" else q for q in shipped.qualifications
    )
    priced = replace(shipped, qualifications=qualifications)
    rows = [StaffRow(n, f"S{n}", "DIPSM, L3TSM, ILM3, EXP", "senior-practitioner") for n in (2, 3)]
    by_code = {need.qualification.code: need for need in report_for(priced, rows).next_step_needs}
    assert by_code["ILM5"].total_cost == 2400
    assert by_code["PRACTICE"].total_cost is None


def test_staff_who_do_not_meet_their_own_role_are_listed(shipped: Catalogue) -> None:
    rows = [
        StaffRow(2, "Ok", "DIPSM, L3TSM", "practitioner"),
        StaffRow(3, "Short", "L3TSM", "practitioner"),
        StaffRow(4, "None", "", ""),
    ]
    report = report_for(shipped, rows)
    assert [(o.line, o.name, o.role.id, o.missing) for o in report.out_of_role] == [
        (3, "Short", "practitioner", (("DEGREE",), ("DIPSM",)))
    ]


def test_what_if_recounts_for_a_named_group(shipped: Catalogue) -> None:
    rows = [
        StaffRow(2, "Ann", "DIPSM, L3TSM, ILM3, EXP_SIG", "senior-practitioner"),
        StaffRow(3, "Bob", "DIPSM, L3TSM, ILM3, EXP_SIG", "senior-practitioner"),
    ]
    plus = Plus(frozenset({"ILM5"}), frozenset({"Ann", "Zoe"}), "candidates.txt")
    report = report_for(shipped, rows, plus=plus)
    leaders = next(count for count in report.roles if count.role.id == "team-leader")
    assert (leaders.eligible, leaders.eligible_after) == (0, 1)
    assert report.what_if is not None
    assert report.what_if.codes == ("ILM5",)
    assert report.what_if.staff == 1
    assert report.what_if.missing_from_list == ("Zoe",)
    assert report.what_if.reach_next_step == 1
    untouched = next(count for count in report.roles if count.role.id == "practitioner")
    assert untouched.eligible == untouched.eligible_after == 2


def test_a_mapping_file_names_columns_and_spellings(shipped: Catalogue, tmp_path: Path) -> None:
    mapping_file = tmp_path / "hr.yaml"
    mapping_file.write_text(
        "columns: {name: Employee Name, quals: Qualifications, role: Job Title}\n"
        "quals:\n"
        "  SVQ3 Social Services: L3TSM\n"
        "  BA (Hons) Social Work: [DEGREE]\n"
        "  Lived experience: []\n"
        "  ILM5 (in progress): []\n"
        "  First aid: []\n"
        "roles:\n"
        "  Recovery Worker (Bank): recovery-worker\n"
        "  Admin Officer: null\n"
    )
    mapping = load_mapping(mapping_file, shipped)
    report = analyse_team(shipped, iter_staff(HR_EXPORT, mapping.columns), mapping=mapping)
    assert report.staff == 300
    assert report.unrecognised == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("quals:\n  SVQ3: L3TSMX\n", ":2: unknown qualification 'L3TSMX' (did you mean L3TSM?)"),
        ("roles:\n  Boss: chief\n", ":2: unknown role 'chief'"),
        ("columns: {name: 3}\n", ":1: columns.name: YAML read this as the number 3; put it in"),
        ("colums: {}\n", ":1: unknown key 'colums' (did you mean columns?)"),
    ],
)
def test_a_bad_mapping_file_is_one_located_line(
    shipped: Catalogue, tmp_path: Path, text: str, message: str
) -> None:
    mapping_file = tmp_path / "hr.yaml"
    mapping_file.write_text(text)
    with pytest.raises(MappingError) as caught:
        load_mapping(mapping_file, shipped)
    (line,) = caught.value.lines()
    assert line.startswith(f"{mapping_file}{message}"), line


def test_names_come_from_a_name_column_or_one_a_line(tmp_path: Path) -> None:
    listed = tmp_path / "names.txt"
    listed.write_text("Ann Smith\n\nBob Jones\n")
    assert read_names(listed) == {"Ann Smith", "Bob Jones"}
    table = tmp_path / "names.csv"
    table.write_text("Employee No,Employee Name\nE1,Ann Smith\nE2,Bob Jones\n")
    assert read_names(table) == {"Ann Smith", "Bob Jones"}


def test_what_if_for_everyone_counts_as_if_the_list_held_the_codes(shipped: Catalogue) -> None:
    rows = list(iter_staff(HR_EXPORT))
    plus = Plus(frozenset({"ILM5"}))
    report = analyse_team(shipped, rows, plus=plus)
    boosted = [StaffRow(r.line, r.name, f"{r.quals}; ILM5", r.role) for r in rows]
    expected = analyse_team(shipped, boosted)
    assert [c.eligible_after for c in report.roles] == [c.eligible for c in expected.roles]
    assert all(
        c.eligible_after is not None and c.eligible_after >= c.eligible for c in report.roles
    )


def test_study_under_way_counts_once_due_and_is_not_a_need(shipped: Catalogue) -> None:
    held = "DIPSM, L3TSM, ILM3, EXP_SIG"
    rows = [
        StaffRow(2, "Ann", held, "senior-practitioner", studying="ILM5@2027-06"),
        StaffRow(3, "Bob", held, "senior-practitioner"),
        StaffRow(4, "Cy", held, "senior-practitioner", studying="ILM Level 5@2026-01"),
        StaffRow(5, "Di", held, "senior-practitioner", studying="ILM5@June; NOPE@2027-01"),
    ]
    report = analyse_team(shipped, rows, per_person=True, as_of=date(2026, 12, 6))
    leaders = next(count for count in report.roles if count.role.id == "team-leader")
    assert (leaders.eligible, leaders.eligible_after_study) == (1, 2)  # Cy done; Ann soon
    assert report.studying == 1
    assert needs(report)["ILM5"] == 2  # Bob and Di: Ann's is under way
    assert report.people is not None
    ann, _, cy, di = report.people
    assert ann.studying == ("ILM5",)
    assert next_steps_text(ann.next_steps, ann.studying).startswith(
        "team-leader: ready once ILM5 is done;"
    )
    assert [role.id for role in cy.eligible][-1] == "team-leader"
    assert di.unrecognised == ("ILM5@June", "NOPE@2027-01")
    later = analyse_team(shipped, rows, as_of=date(2027, 6, 1))
    assert next(c for c in later.roles if c.role.id == "team-leader").eligible == 2


@pytest.mark.parametrize("cell", ["ILM5@0000-06", "ILM5@2027-6", "ILM5@٢٠٢٧-٠٦", "ILM5@2027-06-15"])
def test_study_months_are_read_as_profiles_read_them(shipped: Catalogue, cell: str) -> None:
    """One reading of ``CODE@YYYY-MM`` for staff lists, profiles and --quals: a month not
    written so is an unrecognised item (year 0 once raised a traceback here)."""
    report = analyse_team(shipped, [StaffRow(2, "Ann", "L3TSM", "", studying=cell)])
    assert [item.spelling for item in report.unrecognised] == [cell]


def test_strict_refuses_study_it_cannot_read(shipped: Catalogue) -> None:
    rows = [StaffRow(2, "Di", "L3TSM", "", studying="ILM5 next June")]
    with pytest.raises(StaffListError):
        analyse_team(shipped, rows, strict=True)


def test_a_studying_column_is_read(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text("name,quals,Courses\nAnn,L3TSM,ILM5@2027-06\n")
    (row,) = iter_staff(staff, StaffColumns(studying="courses"))
    assert row.studying == "ILM5@2027-06"


def test_unrecognised_spellings_count_as_a_mapping_would_match_them(shipped: Catalogue) -> None:
    rows = [
        StaffRow(2, "Ann", "First aid", ""),
        StaffRow(3, "Bob", "first  AID", ""),
        StaffRow(4, "Cy", "First-aid", "Support Worker"),
    ]
    report = analyse_team(shipped, rows)
    assert [(u.column, u.spelling, u.staff) for u in report.unrecognised] == [
        ("quals", "First aid", 3),
        ("role", "Support Worker", 1),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "quals:\n  First aid: []\n  first  AID: L3TSM\n",
            ":3: quals: 'first  AID' is the same spelling as 'First aid'; keep one",
        ),
        ('quals:\n  "-": ILM7\n', ":2: quals: '-' is empty once spacing and hyphens are dropped"),
        (
            "roles:\n  Admin Officer: null\n  admin-officer: practitioner\n",
            ":3: roles: 'admin-officer' is the same spelling as 'Admin Officer'; keep one",
        ),
    ],
)
def test_mapping_keys_must_be_told_apart(
    shipped: Catalogue, tmp_path: Path, text: str, message: str
) -> None:
    mapping_file = tmp_path / "hr.yaml"
    mapping_file.write_text(text)
    with pytest.raises(MappingError) as caught:
        load_mapping(mapping_file, shipped)
    assert caught.value.lines() == (f"{mapping_file}{message}",)


def test_what_if_is_measured_from_what_is_held_today(shipped: Catalogue) -> None:
    held = "DIPSM, L3TSM, ILM3, EXP_SIG"
    rows = [StaffRow(2, "Ann", held, "senior-practitioner", studying="ILM5@2027-06")]
    report = analyse_team(shipped, rows, plus=Plus(frozenset({"ILM5"})), as_of=date(2026, 12, 1))
    assert report.what_if is not None
    assert report.what_if.reach_next_step == 1  # funding ILM5 now: Team Leader today


def test_counts_are_the_same_when_the_memo_of_cells_is_let_go(
    shipped: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    import careermap.team

    rows = list(iter_staff(HR_EXPORT))
    whole = analyse_team(shipped, rows, per_person=True, plus=Plus(frozenset({"ILM5"})))
    monkeypatch.setattr(careermap.team, "_CELLS_KEPT", 3)
    flushed = analyse_team(shipped, rows, per_person=True, plus=Plus(frozenset({"ILM5"})))
    assert flushed == whole
