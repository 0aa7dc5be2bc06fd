"""Markdown export, for PDR notes, wikis and issue trackers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from careermap.render.rows import (
    PEOPLE_COLUMNS,
    flat_table,
    people_rows,
)
from careermap.render.text import (
    TRAINING_HEADING,
    TRAINING_NOTE,
    explanation_heading,
    plan_heading,
    plan_outcome,
    team_heading,
)
from careermap.report import RoleReport

if TYPE_CHECKING:
    from careermap.routes import Explanation, Plan
    from careermap.team import TeamReport


def escape(cell: str) -> str:
    """Keep a cell inside its table column."""
    return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render_markdown(subject: RoleReport | Explanation | Plan | TeamReport) -> str:
    from careermap.team import TeamReport

    if isinstance(subject, TeamReport):
        return _team(subject)
    header, rows = flat_table(subject)
    if isinstance(subject, RoleReport):
        text = f"## {escape(subject.title)}\n\n"
        return text + (markdown_table(header, rows) if rows else f"{subject.empty_message}\n")
    from careermap.routes import Explanation

    if isinstance(subject, Explanation):
        return f"## {escape(explanation_heading(subject))}\n\n" + markdown_table(header, rows)
    text = f"## {escape(plan_heading(subject))}\n\n"
    if rows:
        text += markdown_table(header, rows) + "\n"
    return text + plan_outcome(subject) + "\n"


def _team(report: TeamReport) -> str:
    text = f"## {escape(team_heading(report))}\n\n"
    if report.people is not None:
        return text + markdown_table(PEOPLE_COLUMNS, people_rows(report))
    roles = [
        (c.role.band, c.role.id, c.role.title, str(c.eligible), str(c.one_away))
        for c in report.roles
    ]
    text += markdown_table(("band", "id", "title", "eligible now", "one away"), roles)
    text += f"\n### {TRAINING_HEADING}\n\nUnlocks: {TRAINING_NOTE}.\n\n"
    training = [
        (n.qualification.code, n.qualification.name, str(n.unlocks)) for n in report.training
    ]
    return text + markdown_table(("code", "name", "unlocks"), training)
