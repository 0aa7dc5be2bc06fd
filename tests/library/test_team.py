"""analyse_team from Python: counts by multiplicity, strict mode, progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from careermap import Catalogue
from careermap.errors import StaffListError
from careermap.staff import StaffRow, iter_staff, read_staff
from careermap.team import analyse_team

from ..conftest import DATA, xlsx_copy

TEAM = DATA / "team.csv"


def test_library_counts_a_large_uniform_team_by_multiplicity(small: Catalogue) -> None:
    rows = [StaffRow(line, f"P{line}", "BASIC", "helper") for line in range(2, 10_002)]
    report = analyse_team(small, rows)
    assert report.staff == 10_000
    assert [(c.role.id, c.eligible, c.one_away) for c in report.roles] == [
        ("helper", 10_000, 0),
        ("lead", 0, 10_000),
        ("head", 0, 0),
    ]
    assert [(n.qualification.code, n.unlocks) for n in report.training] == [("LEAD5", 10_000)]


def test_library_strict_raises_with_every_row(small: Catalogue) -> None:
    rows = [StaffRow(2, "", "BASIC", ""), StaffRow(3, "Zed", "NOPE", "")]
    with pytest.raises(StaffListError) as caught:
        analyse_team(small, rows, source="list.csv", strict=True)
    assert [problem.line for problem in caught.value.problems] == [2, 3]


def test_progress_is_reported_for_large_lists(small: Catalogue) -> None:
    calls: list[tuple[int, int]] = []
    rows = [StaffRow(line, f"P{line}", "BASIC", "") for line in range(2, 12_002)]
    analyse_team(small, rows, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(5_000, 12_000), (10_000, 12_000), (12_000, 12_000)]


def test_read_staff_reads_an_xlsx_like_the_csv(tmp_path: Path) -> None:
    path = xlsx_copy(TEAM, tmp_path / "staff.xlsx")
    assert read_staff(path) == read_staff(TEAM)


def test_a_streamed_staff_list_counts_the_same_and_reports_progress(
    small: Catalogue, tmp_path: Path
) -> None:
    """iter_staff hands rows over one at a time (a million are never all held), so the
    total is not known in advance: progress says 0 for it until the end."""
    staff = tmp_path / "staff.csv"
    staff.write_text("name,quals\n" + "".join(f"P{n},BASIC\n" for n in range(12_000)))
    seen: list[tuple[int, int]] = []
    streamed = analyse_team(small, iter_staff(staff), progress=lambda *p: seen.append(p))
    assert streamed == analyse_team(small, read_staff(staff))
    assert seen == [(5_000, 0), (10_000, 0), (12_000, 12_000)]
    assert not isinstance(iter_staff(staff), list)


def test_staff_in_a_role_hold_relevant_experience(shipped: Catalogue) -> None:
    """Being in a role on the map is relevant experience: a Practitioner whose quals cell
    lists no experience is not flagged as out of role, nor told to gain it."""
    rows = [
        StaffRow(2, "Ann", "DIPSM, L3TSM", "practitioner"),
        StaffRow(3, "Bob", "L3TSM", "recovery-worker"),
        StaffRow(4, "Cy", "L3TSM", ""),
    ]
    report = analyse_team(shipped, rows)
    assert [person.name for person in report.out_of_role] == []
    recovery = next(count for count in report.roles if count.role.id == "recovery-worker")
    assert recovery.eligible == 2  # Ann and Bob, in post; Cy has no role, so no EXP


def test_study_of_a_code_already_held_is_not_under_way(shipped: Catalogue) -> None:
    rows = [StaffRow(2, "Bob", "DIPSM; L3TSM; ILM3", "practitioner", studying="ILM3@2099-01")]
    report = analyse_team(shipped, rows, per_person=True)
    assert report.studying == 0
    (bob,) = report.people
    assert bob.studying == ()
