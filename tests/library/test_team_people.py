"""A team person by person, made as it is read: the staff list is read again (a
StaffFile, or any list that can be read twice) or, read only once, its rows are kept; a
list that changed in between is refused rather than mixed into the counts."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from careermap import Catalogue, StaffFile, StaffListError, StaffRow, analyse_team
from careermap.mapping import load_mapping
from careermap.staff import iter_staff, read_staff

from ..conftest import DATA, xlsx_copy

HR_EXPORT = DATA / "hr-export.csv"
HR_MAPPING = DATA / "hr-mapping.yaml"
TEAM = DATA / "team.csv"
CHANGED = "changed while careermap was reading it"


class Counted:
    """Rows that can be read again, counting the readings and the rows taken."""

    def __init__(self, rows: list[StaffRow]) -> None:
        self.rows = rows
        self.readings = self.taken = 0

    def __iter__(self) -> Iterator[StaffRow]:
        self.readings += 1  # now, as a StaffFile reads its file
        return self._rows()

    def _rows(self) -> Iterator[StaffRow]:
        for row in self.rows:
            self.taken += 1
            yield row


def test_a_staff_file_gives_the_people_the_rows_in_memory_give(shipped: Catalogue) -> None:
    mapping = load_mapping(HR_MAPPING, shipped)
    columns = mapping.columns
    again = analyse_team(shipped, StaffFile(HR_EXPORT, columns), per_person=True, mapping=mapping)
    listed = analyse_team(shipped, read_staff(HR_EXPORT, columns), per_person=True, mapping=mapping)
    once = analyse_team(shipped, iter_staff(HR_EXPORT, columns), per_person=True, mapping=mapping)
    assert again.people is not None
    assert listed.people is not None
    assert once.people is not None
    assert len(again.people) == again.staff == 300
    assert tuple(again.people) == tuple(listed.people) == tuple(once.people)
    assert tuple(again.people) == tuple(again.people)  # each reading the same
    assert again == listed == once


def test_people_are_made_as_the_list_is_read_again(small: Catalogue) -> None:
    """Nothing of a person is held after the counts: the second reading starts when the
    people are asked for, and gives each person as their row is read."""
    rows = Counted([StaffRow(line, f"P{line}", "BASIC", "helper") for line in range(2, 1002)])
    report = analyse_team(small, rows, per_person=True)
    assert (rows.readings, rows.taken) == (1, 1000)
    assert report.people is not None
    people = iter(report.people)
    assert rows.readings == 2  # read now, so a changed file is refused before any output
    assert next(people).name == "P2"
    assert rows.taken == 1001
    assert sum(1 for _ in people) == 999


def test_rows_read_only_once_are_kept_for_the_people(small: Catalogue) -> None:
    rows = (StaffRow(line, f"P{line}", "BASIC", "") for line in range(2, 5))
    report = analyse_team(small, rows, per_person=True)
    assert report.people is not None
    assert [person.name for person in report.people] == ["P2", "P3", "P4"]
    assert [person.name for person in report.people] == ["P2", "P3", "P4"]


def test_people_can_be_looked_up_and_sliced(small: Catalogue) -> None:
    report = analyse_team(small, read_staff(TEAM), per_person=True)
    assert report.people is not None
    names = [person.name for person in report.people]
    assert names == ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay"]  # line 7's empty name skipped
    assert (report.people[0].name, report.people[-1].name, report.people[4].line) == (
        "Ann",
        "Fay",
        6,
    )
    assert [person.name for person in report.people[1:3]] == ["Bob", "Cat"]
    for index in (6, -7):
        with pytest.raises(IndexError):
            report.people[index]
    assert repr(report.people) == "<6 people from <staff>>"


def test_a_staff_file_that_changed_is_refused_before_any_person(
    small: Catalogue, tmp_path: Path
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text("name,quals\nAnn,BASIC\nBob,BASIC\n", encoding="utf-8")
    report = analyse_team(small, StaffFile(staff), per_person=True, source=str(staff))
    assert report.people is not None
    staff.write_text("name,quals\nAnn,BASIC\nBob,LEAD5\n", encoding="utf-8")
    with pytest.raises(StaffListError) as raised:
        iter(report.people)  # the reading itself is refused, not a row of it
    assert [str(problem) for problem in raised.value.problems] == [
        f"{staff}: {CHANGED} (it is read once to count everyone, and again to list each"
        " person); run again once it is saved"
    ]
    staff.write_text("name,quals\nAnn,BASIC\nBob,BASIC\n", encoding="utf-8")  # as counted
    assert [person.name for person in report.people] == ["Ann", "Bob"]


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (lambda rows: rows.append(StaffRow(9, "Zed", "BASIC", "")), 9),  # one too many
        (lambda rows: rows.pop(), None),  # one short, known at the end
        (lambda rows: rows.__setitem__(0, replace(rows[0], quals="LEAD5")), 2),  # not counted
    ],
    ids=["added", "removed", "other codes"],
)
def test_rows_that_no_longer_match_the_counts_are_refused(
    small: Catalogue, change: object, line: int | None
) -> None:
    rows = [StaffRow(2, "Ann", "BASIC", ""), StaffRow(3, "Bob", "BASIC", "helper")]
    report = analyse_team(small, rows, per_person=True, source="list.csv")
    assert report.people is not None
    change(rows)  # type: ignore[operator]
    with pytest.raises(StaffListError) as raised:
        list(report.people)
    (problem,) = raised.value.problems
    assert (problem.source, problem.line) == ("list.csv", line)
    assert problem.message == "changed since it was counted; run again once it is saved"


def test_standard_input_is_read_once_and_kept(
    small: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Standard input cannot be read twice: its bytes are kept (not spooled to a file)."""
    stdin = io.TextIOWrapper(io.BytesIO(b"name,quals\nAnn,BASIC\nBob,LEAD5\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    staff = StaffFile("-")
    assert staff.source == "<stdin>"
    first, second = list(staff), list(staff)
    assert first == second == [StaffRow(2, "Ann", "BASIC", ""), StaffRow(3, "Bob", "LEAD5", "")]
    assert stdin.buffer.read() == b""  # read once, to its end


def test_a_staff_file_reads_an_xlsx_again(tmp_path: Path) -> None:
    path = xlsx_copy(TEAM, tmp_path / "staff.xlsx")
    staff = StaffFile(path)
    assert list(staff) == list(staff) == read_staff(TEAM)


def test_a_missing_staff_file_is_an_error_when_read(tmp_path: Path) -> None:
    staff = StaffFile(tmp_path / "none.csv")
    with pytest.raises(StaffListError, match="no such file"):
        iter(staff)
