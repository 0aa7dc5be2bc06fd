"""A personal report for each person on a staff list, for a round of PDRs.

Each report is the one ``careermap report`` makes (``person_report``); the set has an
index. File names come from people's names, so they are made safe here: plain letters,
digits and hyphens, never a path, never a name Windows reserves, never two alike.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Literal

from careermap.models import Catalogue
from careermap.person import PersonReport, person_report
from careermap.staff import StaffRow
from careermap.subject import Kind
from careermap.team import RowChecker

INDEX = "index.html"
_LONGEST = 60
"""Characters of a name kept in its file name (before ``.html``)."""
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


@dataclass(frozen=True)
class ReportEntry:
    file: str
    """A file name of its own, safe on Windows, macOS and Linux: ``ann-smith.html``."""
    report: PersonReport


@dataclass(frozen=True)
class TeamReports:
    """A report per person on a staff list (its rows with a problem left out; ``team``
    reports those), in staff-list order."""

    catalogue: str
    source: str
    entries: tuple[ReportEntry, ...]
    date: datetime.date
    kind: ClassVar[Literal[Kind.TEAM_REPORTS]] = Kind.TEAM_REPORTS


def team_reports(
    catalogue: Catalogue,
    rows: Iterable[StaffRow],
    *,
    source: str = "<staff>",
    date: datetime.date | None = None,
) -> TeamReports:
    """The report of each person on a staff list whose row is sound."""
    checker = RowChecker(catalogue)
    people = []
    for row in rows:
        problem, role, codes, _ = checker.check(row)
        if problem is None:
            people.append((row.name, codes, role))
    day = date or datetime.date.today()
    files = safe_file_names(name for name, _, _ in people)
    entries = tuple(
        ReportEntry(file, person_report(catalogue, codes, name=name, current_role=role, date=day))
        for file, (name, codes, role) in zip(files, people, strict=True)
    )
    return TeamReports(catalogue.name, source, entries, day)


def safe_file_names(names: Iterable[str]) -> list[str]:
    """A ``.html`` file name for each name, in order: accents dropped, anything but letters
    and digits made a hyphen, at most 60 characters, no Windows device name, and a number
    added where two would be the same (ignoring case, as macOS and Windows do) or where
    one would be the index."""
    taken = {INDEX}
    files = []
    for name in names:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        stem = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:_LONGEST].strip("-")
        if not stem or stem in _WINDOWS_RESERVED:
            stem = f"person-{stem}" if stem else "person"
        file, number = f"{stem}.html", 1
        while file in taken:
            number += 1
            file = f"{stem}-{number}.html"
        taken.add(file)
        files.append(file)
    return files
