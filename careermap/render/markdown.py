"""Markdown export, for PDR notes, wikis and issue trackers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from careermap.render.rows import flat_table
from careermap.render.text import explanation_heading, plan_heading, plan_outcome
from careermap.report import RoleReport
from careermap.routes import Explanation, Plan


def escape(cell: str) -> str:
    """Keep a cell inside its table column."""
    return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render_markdown(subject: RoleReport | Explanation | Plan) -> str:
    header, rows = flat_table(subject)
    if isinstance(subject, RoleReport):
        text = f"## {escape(subject.title)}\n\n"
        return text + (markdown_table(header, rows) if rows else f"{subject.empty_message}\n")
    if isinstance(subject, Explanation):
        return f"## {escape(explanation_heading(subject))}\n\n" + markdown_table(header, rows)
    text = f"## {escape(plan_heading(subject))}\n\n"
    if rows:
        text += markdown_table(header, rows) + "\n"
    return text + plan_outcome(subject) + "\n"
