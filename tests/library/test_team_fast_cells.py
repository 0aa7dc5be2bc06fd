"""A CSV staff list's runs of cells counted at once, by (effective mask, role number), with
each item and job title worked out once (``RowChecker.set_keys``), give the report that
judging each row whole gives: unknown items and titles, study, roles not on the map,
items given twice, odd spacing, case and separators, characters shown escaped, a mapping
file, ``strict``, and bounds small enough for a few rows to pass them."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careermap import Catalogue
from careermap.errors import StaffListError
from careermap.mapping import load_mapping
from careermap.staff import iter_staff, read_staff
from careermap.team import RowChecker, analyse_team

from .readings import AS_OF, csv_file, same_report

DATA = Path(__file__).parents[1] / "data"

SMALL_QUALS = [
    "",
    "BASIC",
    "basic",
    " Basic cert ",
    "BASIC;BASIC",  # an item twice
    "BASIC; basic cert",  # the same code twice, spelt two ways
    "LEAD3;LEAD5",
    "LEAD5 ; LEAD3",
    "lead5,FORMULA",  # the other separator
    "BASIC, LEAD5;",
    "BASIC;;",  # stray separators
    ";",
    "  ",
    "NOPE",  # names nothing
    "BASIC;NOPE",
    "Lead-5",  # a hyphen for nothing
    "BASIC\x07",  # a character shown escaped
    "\x1fBASIC",  # one that strip() would also drop
]
SMALL_ROLES = ["", "helper", " HELPER ", "lead", "-Lead, senior", "Head | of service", "nobody"]
SHIPPED_QUALS = [
    "",
    "EXP",
    "Experience",
    "GCSEs; L3 TSM",
    "L3TSM;EXP;DIPSM",
    "DIPSM ; L3 TSM ; EXP_SIG; ILM3",
    "DEGREE;EXP_SIG;ILM5;ILM5",
    "ILM7;CMI7;MASTERS;PRACTICE",
    "cmi5, ilm3",
    "SVQ3 Social Services",  # known only to the mapping file
    "Lived experience; EXP",  # counts for nothing by the mapping file
    "First aid",
]
SHIPPED_ROLES = [
    "",
    "recovery-worker",
    "Recovery Worker",
    "Team Leader",
    "practitioner",
    "Case Manager",
    "service-manager",
    "Admin Officer",  # not on the map (null by the mapping file)
    "Recovery Worker (Bank)",  # known only to the mapping file
    "Chief Wizard",
]
STUDYING = ["", " ", "LEAD5@2020-01", "LEAD5@2099-01", "bad@x", "ILM7@2099-01", "ILM5@2020-01"]


@st.composite
def staff_lists(draw: st.DrawFn, quals: list[str], roles: list[str]) -> str:
    """A CSV text with a name and quals column, maybe a role and a studying column, whose
    rows repeat a few cells (as a real list does) drawn from the pools."""
    header = ["name", "quals"]
    if draw(st.booleans()):
        header.append("role")
    studying = draw(st.booleans())
    if studying:
        header.append("studying")
    cells = st.tuples(
        st.sampled_from(quals),
        st.sampled_from(roles),
        st.sampled_from(STUDYING) if studying else st.just(""),
    )
    pool = draw(st.lists(cells, min_size=1, max_size=8))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    for number in range(draw(st.integers(0, 30))):
        quals_cell, role_cell, study = draw(st.sampled_from(pool))
        values = {"name": f"P{number}", "quals": quals_cell, "role": role_cell}
        writer.writerow([values.get(column, study) for column in header])
    return text.getvalue()


@settings(max_examples=200, deadline=None)
@given(staff_lists(SMALL_QUALS, SMALL_ROLES), st.booleans(), st.booleans(), st.booleans())
def test_cells_counted_at_once_give_what_judging_rows_gives(
    small: Catalogue, text: str, strict: bool, per_person: bool, bounded: bool
) -> None:
    same_report(small, text, strict=strict, per_person=per_person, bounded=bounded)


@settings(max_examples=150, deadline=None)
@given(staff_lists(SHIPPED_QUALS, SHIPPED_ROLES), st.booleans(), st.booleans(), st.booleans())
def test_the_same_on_the_shipped_map_with_and_without_a_mapping_file(
    shipped: Catalogue, text: str, mapped: bool, strict: bool, bounded: bool
) -> None:
    """The shipped map counts being in a role as experience (``from_any_role``)."""
    mapping = load_mapping(DATA / "hr-mapping.yaml", shipped) if mapped else None
    same_report(shipped, text, strict=strict, bounded=bounded, mapping=mapping)


CASES = {
    "unknown items": "name,quals,role\nAnn,BASIC;NOPE,helper\nBo,NOPE,helper\nCy,BASIC,helper\n",
    "a studying cell": (
        "name,quals,role,studying\nAnn,BASIC,helper,LEAD5@2099-01\nBo,BASIC,helper,\n"
        "Cy,BASIC,lead,LEAD5@2020-01\nDi,BASIC,lead, \n"
    ),
    "a role not on the map": "name,quals,role\nAnn,BASIC,nobody\nBo,BASIC,helper\nCy,LEAD5,\n",
    "duplicates in a cell": "name,quals,role\nAnn,BASIC;BASIC;basic,helper\nBo,LEAD5;LEAD3,lead\n",
    "odd spacing and case": (
        "name,quals,role\nAnn, basic ;  LEAD5 ,  LEAD \nBo,Basic Cert;;lead5, Lead\n"
        'Cy,"BASIC , lead3",HELPER\n'
    ),
    "escaped characters": "name,quals,role\nAnn,BASIC\x07,helper\nBo,\x1fBASIC,helper\x1b\n",
    "the same set from many cells": "name,quals,role\n"
    + "".join(f"P{n},{'BASIC;' * (n % 3 + 1)}LEAD5,lead\n" for n in range(12)),
    # Bounded, runs of 3 rows: sets met first in later runs, either side of a run judged
    # whole, with the codes of a set's first cells (LEAD5 or LEAD5 and LEAD3) planned.
    "sets first met in later runs": "name,quals,role\n"
    + "".join(
        f"P{n},{quals},{role}\n"
        for n, (quals, role) in enumerate(
            [("BASIC", "helper")] * 4
            + [("LEAD5;LEAD3", ""), ("LEAD5", ""), ("BASIC", "lead")]
            + [("NOPE", "helper"), ("BASIC", "helper"), ("LEAD5", "lead")]
            + [("LEAD5", "helper"), ("LEAD3;FORMULA", "lead"), ("BASIC;LEAD5", "helper")]
        )
    ),
}


@pytest.mark.parametrize("bounded", [False, True])
@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_cases_the_quick_count_could_get_wrong(
    small: Catalogue, text: str, strict: bool, bounded: bool
) -> None:
    same_report(small, text, strict=strict, bounded=bounded)
    same_report(small, text, strict=strict, bounded=bounded, per_person=True)


def test_strict_refuses_an_unknown_item_at_its_line(small: Catalogue, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "name,quals,role\nAnn,BASIC,helper\nBo,BASIC;NOPE,helper\n")
    with pytest.raises(StaffListError) as raised:
        analyse_team(small, iter_staff(path), strict=True)
    assert [problem.line for problem in raised.value.problems] == [3]


def test_a_clean_list_is_judged_whole_only_once_a_new_mask(
    small: Catalogue, tmp_path: Path
) -> None:
    """Cells are judged whole (``cells_verdict``) only for the codes of a mask's first
    cells: the rest are counted by their items and titles, each worked out once."""
    pool = ["BASIC,helper", "basic;LEAD3,helper", "LEAD5;BASIC, lead", "LEAD3,lead", ",helper"]
    lines = [f"P{n},{pool[n % len(pool)]}" for n in range(3000)]
    path = csv_file(tmp_path, "name,quals,role\n" + "\n".join(lines) + "\n")
    judged = []
    verdict = RowChecker.cells_verdict

    def counted(self: RowChecker, *cells: str) -> object:
        judged.append(cells)
        return verdict(self, *cells)

    with patch.object(RowChecker, "cells_verdict", counted):
        report = analyse_team(small, iter_staff(path))
    masks = {RowChecker(small).cells_verdict(*cells)[3] for cells in judged}
    assert len(judged) == len(masks) <= len(pool)
    assert report == analyse_team(small, read_staff(path))


@pytest.mark.parametrize(
    ("cells", "quick"),
    [
        ([("BASIC; LEAD3", "helper", "")], True),
        ([("BASIC", " HELPER ", ""), ("", "", "")], True),
        ([("BASIC", "helper", "LEAD5@2099-01")], False),  # study: judged whole
        ([("BASIC", "helper", "  ")], True),  # a blank studying cell is no study
        ([("NOPE", "helper", "")], False),
        ([("BASIC", "nobody", "")], False),
        ([("BASIC\x07", "helper", "")], False),
        ([("BASIC", "helper\x1b", "")], False),
    ],
)
def test_which_runs_are_counted_at_once(
    small: Catalogue, cells: list[tuple[str, ...]], quick: bool
) -> None:
    checker = RowChecker(small, keep_unknown=True, as_of=AS_OF)
    keys = checker.set_keys(cells, role=True, studying=True)
    assert keys is not None
    assert (min(keys) >= 0) == quick  # a cell judged whole is -1
    index = {role.id: number for number, role in enumerate(small.roles)}
    expected = []
    for quals, role, study in cells:
        verdict = checker.cells_verdict("-", quals.strip(), role.strip(), study.strip())
        number = -1 if verdict[1] is None else index[verdict[1].id]
        expected.append(checker.set_key(verdict[3], number) if quick else -1)
    assert keys == expected


def test_a_run_keys_each_cell_it_can_and_marks_the_rest(small: Catalogue) -> None:
    """Cells to judge whole are -1 among the keys, so the others need no second look."""
    checker = RowChecker(small, keep_unknown=True, as_of=AS_OF)
    cells = [("BASIC", "helper", ""), ("NOPE", "helper", ""), ("LEAD3", "lead", "LEAD5@2099-01")]
    keys = checker.set_keys(cells, role=True, studying=True)
    assert keys is not None
    assert keys[1:] == [-1, -1]
    verdict = checker.cells_verdict("-", "BASIC", "helper", "")
    assert verdict[1] is not None
    assert keys[0] == checker.set_key(verdict[3], small.roles.index(verdict[1]))


def test_the_hr_export_shape_with_its_mapping_file(shipped: Catalogue, tmp_path: Path) -> None:
    mapping = load_mapping(DATA / "hr-mapping.yaml", shipped)
    rows = [
        "Employee No,Employee Name,Job Title,Band,Qualifications",
        'E1,Sam Smith 1,Recovery Worker,D,"L3 TSM; Experience"',
        'E2,Alex Brown 2,Recovery Worker (Bank),D,"L3 TSM; Experience; First aid"',
        'E3,Jo Reid 3,Admin Officer,B,"GCSEs"',
        'E4,Kim Lee 4,Team Leader,G,"DipSM; L3 TSM; ILM5 (in progress); Significant experience"',
        'E5,Pat Reid 5,Practitioner,E,"DipSM; SVQ3 Social Services; Experience; Forklift"',
        'E6,Ali Reid 6,Practitioner,E,"DipSM; SVQ3 Social Services; Experience"',
    ]
    path = csv_file(tmp_path, "\n".join(rows) + "\n")
    fast = analyse_team(shipped, iter_staff(path, mapping.columns), mapping=mapping)
    exact = analyse_team(shipped, read_staff(path, mapping.columns), mapping=mapping)
    assert fast == exact
    assert [(item.spelling, item.staff) for item in fast.unrecognised] == [("Forklift", 1)]
