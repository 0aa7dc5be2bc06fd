"""Markdown export, for PDR notes, wikis and issue trackers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from careermap.render.rows import COLUMNS, flat_rows
from careermap.report import RoleReport


def escape(cell: str) -> str:
    """Keep a cell inside its table column."""
    return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render_roles_markdown(report: RoleReport) -> str:
    heading = f"## {escape(report.title)}\n\n"
    if not report.rows:
        return heading + f"{report.empty_message}\n"
    return heading + markdown_table(COLUMNS, flat_rows(report))
