"""A CSV staff list counted by its distinct cells (``CsvRows.raw_cell_counts``) gives the
team report that reading it row by row gives: the same counts, the same staff out of
their role at the same lines, the same errors, on any file."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careermap import Catalogue
from careermap import staff as staff_module
from careermap import team as team_module
from careermap.staff import StaffRow, _lines, iter_staff, read_staff
from careermap.team import analyse_team

from .readings import csv_file, outcome, same_report, small_bounds

NAMES = ["Ann", "Bo", "", " ", '"Cy, Jr"', '"Di\nLine"', "\x07Ed", '"Fay ""F"""']
QUALS = [
    "",
    "BASIC",
    " basic cert ",
    "LEAD3; LEAD5",
    "LEAD5;FORMULA",
    "NOPE",
    '"BASIC,LEAD3"',
    '"LEAD5\r\nBASIC"',
    "\x1bBASIC",
]
ROLES = ["", "helper", " lead ", "Head | of service", "nobody", "HELPER"]
STUDYING = ["", "LEAD5@2020-01", "LEAD5@2099-01", "bad@x", "LEAD3@2030-02; NOPE@2030-01"]
HEADERS = ["name", "Quals", "role", "studying", "Employee Name", "Band", "quals"]
BLANK = ["", ",,", " ", ";"]


@st.composite
def staff_lists(draw: st.DrawFn) -> str:
    """A CSV text: a header of some of the usual columns (maybe one twice, maybe after
    a BOM or blank lines), then rows of cells from a pool of awkward ones (quoted
    separators and line breaks, control characters, spacing, unknown names), some rows
    blank or short, with any line ending."""
    delimiter = draw(st.sampled_from([",", ";"]))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=5))
    pools = {"name": NAMES, "employee name": NAMES, "quals": QUALS, "role": ROLES}
    pools["studying"] = STUDYING
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [draw(st.sampled_from(BLANK)) for _ in range(draw(st.integers(0, 1)))]
    lines.append(delimiter.join(header))
    for _ in range(draw(st.integers(0, 14))):
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(BLANK)))
            continue
        cells = [draw(st.sampled_from(pools.get(h.casefold(), ["x"]))) for h in header]
        cells = cells[: draw(st.integers(max(0, len(cells) - 2), len(cells)))]
        if draw(st.integers(0, 30)) == 0:
            cells.append('"never closed')
        lines.append(delimiter.join(cells))
    bom = "\ufeff" if draw(st.booleans()) else ""
    return bom + end.join(lines) + (end if draw(st.booleans()) else "")


@settings(max_examples=300, deadline=None)
@given(staff_lists(), st.booleans(), st.booleans(), st.booleans())
def test_counting_cells_gives_what_reading_rows_gives(
    small: Catalogue, text: str, strict: bool, per_person: bool, bounded: bool
) -> None:
    same_report(small, text, strict=strict, per_person=per_person, bounded=bounded)


TRICKY = {
    "quoted separators": 'name,quals,role\n"Ann, Jr","BASIC,LEAD3",lead\nBo,BASIC,helper\n',
    "a line break in a cell": 'name,quals,role\n"Ann\nSmith",BASIC,lead\nBo,LEAD3,lead\n',
    "a BOM": "\ufeffname,quals,role\r\nAnn,BASIC,lead\r\nBo,BASIC,lead\r\n",
    "blank lines": "\n\nname,quals,role\n\nAnn,BASIC,lead\n,,\n \nBo,BASIC,lead\n\n",
    "a header given twice": "name,quals,quals,role\nAnn,BASIC,LEAD3,lead\n",
    "an empty name": "name,quals,role\nAnn,BASIC,lead\n ,BASIC,lead\nBo,BASIC,lead\n",
    "a quote never closed": 'name,quals,role\nAnn,BASIC,lead\nBo,"BASIC,lead\nCy,BASIC,x\n',
    "short rows": "name,role,quals\nAnn,lead\nBo\nCy,lead,BASIC\n",
    "semicolons": "name;quals;role\nAnn;BASIC, LEAD3;lead\nBo;BASIC;lead\n",
    "control characters": "name,quals,role\n\x1b[2JAnn,BASIC\x07,lead\x1b\nBo,BASIC,lead\n",
}


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_tricky_files_give_the_same_report_and_errors(
    small: Catalogue, tmp_path: Path, text: str, strict: bool
) -> None:
    path = csv_file(tmp_path, text)
    fast = outcome(lambda: analyse_team(small, iter_staff(path), strict=strict))
    exact = outcome(lambda: analyse_team(small, read_staff(path), strict=strict))
    assert fast == exact


def test_staff_out_of_their_role_keep_their_lines_past_a_record_of_two_lines(
    small: Catalogue, tmp_path: Path
) -> None:
    text = 'name,quals,role\n"Ann\nSmith",BASIC,lead\nBo,BASIC,helper\nCy,LEAD3,lead\n'
    report = analyse_team(small, iter_staff(csv_file(tmp_path, text)))
    assert [(person.line, person.name) for person in report.out_of_role] == [
        (2, "Ann\\nSmith"),
        (5, "Cy"),
    ]


class Built:
    """Counts the rows built from a staff list's cells."""

    def __init__(self) -> None:
        self.rows = 0
        self._row = staff_module._row

    def __call__(self, *args: object, **kwargs: object) -> StaffRow:
        self.rows += 1
        return self._row(*args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def built() -> Iterator[Built]:
    counter = Built()
    with patch.object(staff_module, "_row", counter):
        yield counter


def test_a_list_is_counted_without_a_row_built_but_for_those_out_of_role(
    small: Catalogue, tmp_path: Path, built: Built
) -> None:
    lines = [f"P{n},BASIC,helper" for n in range(20_000)]
    lines[15_000] = "Zed,BASIC,lead"  # the only one not meeting their role
    path = csv_file(tmp_path, "name,quals,role\n" + "\n".join(lines) + "\n")
    report = analyse_team(small, iter_staff(path))
    assert built.rows == 1
    assert report.staff == 20_000
    assert [(p.line, p.name, p.role.id) for p in report.out_of_role] == [(15_002, "Zed", "lead")]
    assert report == analyse_team(small, read_staff(path))


def test_names_for_a_what_if_are_read_row_by_row(
    small: Catalogue, tmp_path: Path, built: Built
) -> None:
    path = csv_file(tmp_path, "name,quals\nAnn,BASIC\nBo,BASIC\n")
    report = analyse_team(small, iter_staff(path), plus=team_module.Plus(frozenset({"LEAD5"})))
    assert built.rows == 0
    named = team_module.Plus(frozenset({"LEAD5"}), frozenset({"Ann", "Cy"}), "group.txt")
    report = analyse_team(small, iter_staff(path), plus=named)
    assert built.rows == 2
    assert report.what_if is not None
    assert (report.what_if.staff, report.what_if.missing_from_list) == (1, ("Cy",))


@given(st.text(st.sampled_from('ab,"\r\n\x0b\x0c\x1c\x85\u2028'), max_size=40))
def test_a_csv_split_a_piece_at_a_time_is_split_as_a_text_stream_would(text: str) -> None:
    with patch.object(staff_module, "_PIECE", 3):
        assert list(_lines(text)) == list(io.StringIO(text, newline=""))


def test_the_first_staff_out_of_role_are_listed_whichever_cells_come_first(
    small: Catalogue, tmp_path: Path
) -> None:
    """Ann's cells count three staff out of their role before Bo's are met: Bo, the
    second such row, is still listed (runs of 3 rows, 2 listed)."""
    text = "name,quals,role\nAnn,BASIC,lead\nBo,LEAD3,lead\nCy,BASIC,lead\nDi,BASIC,lead\n"
    path = csv_file(tmp_path, text)
    with small_bounds():
        report = analyse_team(small, iter_staff(path))
        assert report == analyse_team(small, read_staff(path))
    assert [(person.line, person.name) for person in report.out_of_role] == [(2, "Ann"), (3, "Bo")]
    assert report.out_of_role_total == 4
