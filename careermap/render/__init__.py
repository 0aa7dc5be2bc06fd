"""Renderers: each output format turns a result into a string; only the CLI writes it.

One module per format, each rendering every kind of result (a role report, an
explanation, a plan, a team report). The table renderer needs rich, so it is imported only when a
table is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from careermap.formats import OutputFormat

if TYPE_CHECKING:
    from careermap.report import RoleReport
    from careermap.routes import Explanation, Plan
    from careermap.team import TeamReport

Renderable: TypeAlias = "RoleReport | Explanation | Plan | TeamReport"

__all__ = ["OutputFormat", "Renderable", "render"]


def render(
    subject: Renderable, output_format: OutputFormat, *, width: int = 80, color: bool = False
) -> str:
    """``subject`` as text in ``output_format``; ``width`` and ``color`` apply to tables."""
    if output_format is OutputFormat.JSON:
        from careermap.render.json import render_json

        return render_json(subject)
    if output_format is OutputFormat.CSV:
        from careermap.render.csv import render_csv

        return render_csv(subject)
    if output_format is OutputFormat.MARKDOWN:
        from careermap.render.markdown import render_markdown

        return render_markdown(subject)
    from careermap.render.table import render_table

    return render_table(subject, width=width, color=color)
