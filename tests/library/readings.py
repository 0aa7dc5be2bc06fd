"""Two readings of a CSV staff list, for tests that hold them together: counted by its
cells (``iter_staff``, ``StaffFile``) and judged row by row (``read_staff``)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from unittest.mock import patch

from careermap import Catalogue
from careermap import staff as staff_module
from careermap import team as team_module
from careermap.errors import Problem, StaffListError
from careermap.mapping import StaffMapping
from careermap.staff import StaffFile, iter_staff, read_staff
from careermap.team import TeamReport, analyse_team

AS_OF = date(2026, 6, 1)


def outcome(make: Callable[[], TeamReport]) -> TeamReport | tuple[Problem, ...]:
    try:
        report = make()
    except StaffListError as error:
        return error.problems
    if report.people is not None:  # read now, so that the two readings are compared
        return TeamReport(**{**report.__dict__, "people": tuple(report.people)})
    return report


def small_bounds() -> ExitStack:
    """Bounds small enough for a few rows to pass them: runs of 3 rows, 2 distinct cells
    a count, 2 staff out of their role listed."""
    stack = ExitStack()
    stack.enter_context(patch.object(staff_module, "_CHUNK", 3))
    stack.enter_context(patch.object(staff_module, "_CELLS_KEPT", 2))
    stack.enter_context(patch.object(staff_module, "_PIECE", 5))
    stack.enter_context(patch.object(team_module, "_CELLS_KEPT", 2))
    stack.enter_context(patch.object(team_module, "MAX_OUT_OF_ROLE", 2))
    return stack


def same_report(
    catalogue: Catalogue,
    text: str,
    *,
    strict: bool = False,
    per_person: bool = False,
    bounded: bool = False,
    mapping: StaffMapping | None = None,
) -> None:
    """Counting ``text`` by its cells gives the report (or the problems) that reading it
    row by row gives."""
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        if bounded:
            stack.enter_context(small_bounds())
        path = csv_file(Path(folder), text)
        options = {"strict": strict, "per_person": per_person, "as_of": AS_OF, "mapping": mapping}
        counted = StaffFile(path) if per_person else iter_staff(path)
        fast = outcome(lambda: analyse_team(catalogue, counted, **options))  # type: ignore[arg-type]
        exact = outcome(lambda: analyse_team(catalogue, read_staff(path), **options))  # type: ignore[arg-type]
        assert fast == exact


def csv_file(folder: Path, text: str) -> Path:
    path = folder / "staff.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path
