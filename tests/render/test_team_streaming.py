"""A team person by person, streamed: each format's pieces join to exactly the text
``render`` gives, provenance stamp included, on the HR export and on random staff lists;
and the pieces come while the staff list is read again, not once it is all worded."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careermap import (
    Catalogue,
    StaffFile,
    StaffRow,
    TeamReport,
    UnsupportedFormatError,
    analyse_team,
    read_staff,
)
from careermap.mapping import load_mapping
from careermap.provenance import Provenance
from careermap.render import OutputFormat, Subject, formats_for, render, stream
from careermap.render.table import PEOPLE_TABLE_LIMIT
from careermap.subject import Kind

from ..conftest import DATA
from ..library.test_team_people import Counted

F = OutputFormat
FORMATS = (F.CSV, F.JSON, F.MARKDOWN, F.TABLE)
HR_EXPORT = DATA / "hr-export.csv"
DAY = date(2026, 12, 6)


def streamed_and_rendered(
    report: TeamReport, fmt: OutputFormat, provenance: Provenance | None
) -> tuple[list[str], str]:
    pieces = list(stream(report, fmt, width=100, provenance=provenance))
    return pieces, render(report, fmt, width=100, provenance=provenance)


@pytest.fixture(scope="module")
def hr_people(shipped: Catalogue) -> TeamReport:
    mapping = load_mapping(DATA / "hr-mapping.yaml", shipped)
    rows = StaffFile(HR_EXPORT, mapping.columns)
    return analyse_team(shipped, rows, per_person=True, mapping=mapping, source=str(HR_EXPORT))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stamped", [False, True], ids=["bare", "stamped"])
def test_the_hr_export_streamed_is_the_rendered_text(
    shipped: Catalogue, hr_people: TeamReport, fmt: OutputFormat, stamped: bool
) -> None:
    provenance = Provenance.of(shipped, DAY) if stamped else None
    pieces, whole = streamed_and_rendered(hr_people, fmt, provenance)
    assert "".join(pieces) == whole
    if fmt is not F.TABLE:  # the terminal draws a team of 300 as one table
        assert len(pieces) > hr_people.staff  # a piece a person, and the head


def test_the_json_stream_leads_with_where_it_came_from(
    shipped: Catalogue, hr_people: TeamReport
) -> None:
    pieces = list(stream(hr_people, F.JSON, provenance=Provenance.of(shipped, DAY)))
    assert pieces[0].startswith('{\n  "produced": {\n    "catalogue": ')
    document = json.loads("".join(pieces))
    assert list(document)[:2] == ["produced", "catalogue"]
    assert list(document)[-1] == "people"
    assert len(document["people"]) == hr_people.staff == 300


@pytest.mark.parametrize("stamped", [False, True], ids=["bare", "stamped"])
def test_a_whole_service_on_the_terminal_streams_block_by_block(
    shipped: Catalogue, stamped: bool
) -> None:
    rows = read_staff(HR_EXPORT) * 4  # past the table's limit: plain blocks
    rows = [replace(row, line=line) for line, row in enumerate(rows, start=2)]
    report = analyse_team(shipped, rows, per_person=True, source=str(HR_EXPORT))
    assert report.staff > PEOPLE_TABLE_LIMIT
    provenance = Provenance.of(shipped, DAY) if stamped else None
    pieces, whole = streamed_and_rendered(report, F.TABLE, provenance)
    assert "".join(pieces) == whole
    assert len(pieces) > report.staff


@pytest.mark.parametrize("fmt", FORMATS)
def test_pieces_come_as_the_staff_list_is_read_again(small: Catalogue, fmt: OutputFormat) -> None:
    rows = Counted([StaffRow(line, f"P{line}", "BASIC", "helper") for line in range(2, 1502)])
    report = analyse_team(small, rows, per_person=True)
    pieces = stream(report, fmt)
    next(pieces)
    next(pieces)
    assert rows.readings == 2
    assert rows.taken - 1500 < 5  # the second reading has only begun


def test_a_team_without_people_comes_whole(small: Catalogue) -> None:
    report = analyse_team(small, read_staff(DATA / "team.csv"))
    for fmt in FORMATS:
        assert list(stream(report, fmt)) == [render(report, fmt)]


@pytest.mark.parametrize("kind", list(Kind))
def test_every_result_streams_as_it_renders(
    subjects: dict[Kind, Subject], small: Catalogue, kind: Kind
) -> None:
    """Anything but a team person by person comes whole, as one piece, stamped alike."""
    provenance = Provenance.of(small, DAY)
    for fmt in formats_for(kind):
        assert list(stream(subjects[kind], fmt, provenance=provenance)) == [
            render(subjects[kind], fmt, provenance=provenance)
        ]


def test_a_format_that_cannot_show_a_team_says_so_before_any_piece(small: Catalogue) -> None:
    report = analyse_team(small, read_staff(DATA / "team.csv"), per_person=True)
    with pytest.raises(UnsupportedFormatError, match="--format html cannot show a team"):
        stream(report, F.HTML)


NAMES = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=12),  # control characters are escaped
    st.sampled_from(["", "=SUM(A1)", "-Lead, senior", 'Ann "Jo" O\'Neil', "a|b", "<b>x</b>"]),
)


@st.composite
def staff_lists(draw: st.DrawFn, catalogue: Catalogue) -> list[StaffRow]:
    """Up to 12 staff on ``catalogue``: codes, names and job titles it knows or does not,
    study under way or done, names no spreadsheet or Markdown table should trust."""
    codes = [q.code for q in catalogue.qualifications]
    items = st.sampled_from([*codes, "ilm level 3", "SVQ3", "ILM5 (in progress)", ""])
    roles = st.sampled_from(["", *(role.id for role in catalogue.roles), "Case Manager", "Boss"])
    study = st.sampled_from(["", "ILM5@2027-06", "DIPSM@2025-01", "ILM7@2030-01; L3TSM@2020-02"])
    rows = []
    for line in range(2, 2 + draw(st.integers(0, 12))):
        quals = "; ".join(draw(st.lists(items, max_size=4)))
        rows.append(StaffRow(line, draw(NAMES), quals, draw(roles), studying=draw(study)))
    return rows


@given(data=st.data(), fmt=st.sampled_from(FORMATS), stamped=st.booleans())
def test_random_staff_lists_stream_the_rendered_text(
    shipped: Catalogue, data: st.DataObject, fmt: OutputFormat, stamped: bool
) -> None:
    rows = data.draw(staff_lists(shipped))
    report = analyse_team(shipped, rows, per_person=True, as_of=date(2026, 1, 1))
    provenance = Provenance.of(shipped, DAY) if stamped else None
    limit = data.draw(st.sampled_from([PEOPLE_TABLE_LIMIT, 0]))  # a table, or blocks
    with patch("careermap.render.table.PEOPLE_TABLE_LIMIT", limit):
        pieces, whole = streamed_and_rendered(report, fmt, provenance)
    assert "".join(pieces) == whole
