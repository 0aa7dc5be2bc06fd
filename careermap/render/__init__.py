"""Renderers: each output format turns a report into a string; only the CLI writes it.

The table renderer needs rich, so it is imported only when a table is asked for.
"""

from __future__ import annotations

from enum import StrEnum

from careermap.report import RoleReport


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def render_roles(
    report: RoleReport, output_format: OutputFormat, *, width: int = 80, color: bool = False
) -> str:
    """``report`` as text in ``output_format``; ``width`` and ``color`` apply to tables."""
    if output_format is OutputFormat.JSON:
        from careermap.render.json import render_roles_json

        return render_roles_json(report)
    if output_format is OutputFormat.CSV:
        from careermap.render.csv import render_roles_csv

        return render_roles_csv(report)
    if output_format is OutputFormat.MARKDOWN:
        from careermap.render.markdown import render_roles_markdown

        return render_roles_markdown(report)
    from careermap.render.table import render_roles_table

    return render_roles_table(report, width=width, color=color)
