"""Renderers: each output format words a result as a string; only the CLI writes it.

One ``Renderer`` subclass per ``OutputFormat``, each in its own module, with one method
per kind of result (``careermap.subject.Kind``). A format that cannot show a kind
inherits a usage error naming the formats that can. A renderer's module is imported only
when its format is asked for, so a JSON export never imports rich.

    render(subject, OutputFormat.JSON) -> str
    stream(subject, OutputFormat.JSON) -> Iterator[str]   (the same text, in pieces)

A team person by person streams: a whole service's rows are worded one at a time as the
staff list is read again, never all held; every other result comes whole, as one piece.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, NoReturn, TypeAlias, assert_never

from careermap.errors import UnsupportedFormatError
from careermap.lazy import attribute
from careermap.subject import Kind

if TYPE_CHECKING:
    from careermap.comparison import Comparison
    from careermap.diff import CatalogueDiff
    from careermap.eligibility import RoleReport
    from careermap.explanation import Explanation
    from careermap.listing import QualificationList, RoleDetail, RoleList
    from careermap.mapview import CareerMap
    from careermap.person import PersonReport
    from careermap.planner import Plan
    from careermap.provenance import Provenance
    from careermap.reports import TeamReports
    from careermap.team import TeamReport
    from careermap.whatif import Unlocks

Subject: TypeAlias = (
    "RoleReport | Explanation | Plan | TeamReport | CareerMap | PersonReport"
    " | RoleList | QualificationList | RoleDetail | TeamReports | CatalogueDiff | Unlocks"
    " | Comparison"
)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    MERMAID = "mermaid"
    DOT = "dot"
    HTML = "html"


_RENDERERS = {
    OutputFormat.TABLE: "careermap.render.table:TableRenderer",
    OutputFormat.JSON: "careermap.render.json:JsonRenderer",
    OutputFormat.CSV: "careermap.render.csv:CsvRenderer",
    OutputFormat.MARKDOWN: "careermap.render.markdown:MarkdownRenderer",
    OutputFormat.MERMAID: "careermap.render.mermaid:MermaidRenderer",
    OutputFormat.DOT: "careermap.render.dot:DotRenderer",
    OutputFormat.HTML: "careermap.render.html:HtmlRenderer",
}


class Renderer:
    """Words every kind of result in one format; a subclass overrides what it can show.

    ``width`` and ``color`` matter only to formats drawn for a terminal.
    """

    output_format: ClassVar[OutputFormat]

    def __init__(
        self, *, width: int = 80, color: bool = False, provenance: Provenance | None = None
    ) -> None:
        self.width = width
        self.color = color
        self.provenance = provenance

    def render(self, subject: Subject) -> str:
        text = self._render(subject)
        return text if self.provenance is None else self.stamp(text, self.provenance)

    def stamp(self, text: str, provenance: Provenance) -> str:
        """``text`` carrying where it came from, as the format allows (a CSV cannot
        without breaking its readers, so this default leaves it as it is)."""
        return text

    def stream(self, subject: Subject) -> Iterator[str]:
        """``render(subject)`` in pieces whose join is the same text. Worded up to its
        first piece now, so that a format that cannot show it, or a staff list that
        changed, is an error before anything is written."""
        if subject.kind is not Kind.TEAM or subject.people is None:
            return iter((self.render(subject),))
        chunks = self.team_stream(subject)
        if self.provenance is not None:
            chunks = self.stamp_stream(chunks, self.provenance)
        first = next(chunks, "")
        return _chain(first, chunks)

    def team_stream(self, report: TeamReport) -> Iterator[str]:
        """``team(report)`` in pieces: a format that can word a team person by person
        yields each person's piece as they are read (this default yields it whole)."""
        yield self.team(report)

    def stamp_stream(self, chunks: Iterator[str], provenance: Provenance) -> Iterator[str]:
        """``chunks`` carrying where they came from, as ``stamp`` does for their whole
        text; a format that streams says where its stamp goes (this default joins them)."""
        yield self.stamp("".join(chunks), provenance)

    def _render(self, subject: Subject) -> str:
        match subject.kind:
            case Kind.ROLE_REPORT:
                return self.role_report(subject)
            case Kind.EXPLANATION:
                return self.explanation(subject)
            case Kind.PLAN:
                return self.plan(subject)
            case Kind.TEAM:
                return self.team(subject)
            case Kind.CAREER_MAP:
                return self.career_map(subject)
            case Kind.PERSON_REPORT:
                return self.person_report(subject)
            case Kind.ROLE_LIST:
                return self.role_list(subject)
            case Kind.QUALIFICATION_LIST:
                return self.qualification_list(subject)
            case Kind.ROLE_DETAIL:
                return self.role_detail(subject)
            case Kind.TEAM_REPORTS:
                return self.team_reports(subject)
            case Kind.DIFF:
                return self.diff(subject)
            case Kind.UNLOCKS:
                return self.unlocks(subject)
            case Kind.COMPARISON:
                return self.comparison(subject)
            case _:
                assert_never(subject)

    def role_report(self, report: RoleReport) -> str:
        self._cannot_show(Kind.ROLE_REPORT)

    def explanation(self, explanation: Explanation) -> str:
        self._cannot_show(Kind.EXPLANATION)

    def plan(self, plan: Plan) -> str:
        self._cannot_show(Kind.PLAN)

    def team(self, report: TeamReport) -> str:
        self._cannot_show(Kind.TEAM)

    def career_map(self, view: CareerMap) -> str:
        self._cannot_show(Kind.CAREER_MAP)

    def person_report(self, report: PersonReport) -> str:
        self._cannot_show(Kind.PERSON_REPORT)

    def role_list(self, listing: RoleList) -> str:
        self._cannot_show(Kind.ROLE_LIST)

    def qualification_list(self, listing: QualificationList) -> str:
        self._cannot_show(Kind.QUALIFICATION_LIST)

    def role_detail(self, detail: RoleDetail) -> str:
        self._cannot_show(Kind.ROLE_DETAIL)

    def team_reports(self, reports: TeamReports) -> str:
        self._cannot_show(Kind.TEAM_REPORTS)

    def diff(self, diff: CatalogueDiff) -> str:
        self._cannot_show(Kind.DIFF)

    def unlocks(self, unlocks: Unlocks) -> str:
        self._cannot_show(Kind.UNLOCKS)

    def comparison(self, comparison: Comparison) -> str:
        self._cannot_show(Kind.COMPARISON)

    @classmethod
    def refuse_unless_shows(cls, kind: Kind) -> None:
        """Raise the usage error ``render`` would, before any work is done."""
        if not cls.can_show(kind):
            cls(width=80)._cannot_show(kind)

    @classmethod
    def can_show(cls, kind: Kind) -> bool:
        return getattr(cls, kind.value) is not getattr(Renderer, kind.value)

    def _cannot_show(self, kind: Kind) -> NoReturn:
        able = ", ".join(formats_for(kind))
        raise UnsupportedFormatError(
            f"--format {self.output_format} cannot show {kind.label}; use one of: {able}"
        )


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def renderer_for(output_format: OutputFormat) -> type[Renderer]:
    renderer: type[Renderer] = attribute(_RENDERERS[output_format])
    return renderer


def formats_for(kind: Kind) -> tuple[OutputFormat, ...]:
    """The formats that can show ``kind`` (this imports every renderer)."""
    return tuple(fmt for fmt in OutputFormat if renderer_for(fmt).can_show(kind))


def render(
    subject: Subject,
    output_format: OutputFormat,
    *,
    width: int = 80,
    color: bool = False,
    provenance: Provenance | None = None,
) -> str:
    """``subject`` as text in ``output_format``; ``width`` and ``color`` apply to tables,
    and ``provenance`` (the map and the day) is stamped on every format but CSV."""
    renderer = renderer_for(output_format)(width=width, color=color, provenance=provenance)
    return renderer.render(subject)


def stream(
    subject: Subject,
    output_format: OutputFormat,
    *,
    width: int = 80,
    color: bool = False,
    provenance: Provenance | None = None,
) -> Iterator[str]:
    """As ``render``, in pieces whose join is the same text: a team person by person is
    worded as its staff list is read again, so none of it is held (see ``Renderer.stream``)."""
    renderer = renderer_for(output_format)(width=width, color=color, provenance=provenance)
    return renderer.stream(subject)


__all__ = [
    "OutputFormat",
    "Renderer",
    "Subject",
    "formats_for",
    "render",
    "renderer_for",
    "stream",
]
