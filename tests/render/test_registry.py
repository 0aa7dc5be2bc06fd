"""Every format against every kind of result: what it can show, and a clear refusal."""

from __future__ import annotations

import pytest

from careermap import UnsupportedFormatError
from careermap.render import OutputFormat, Renderer, Subject, formats_for, render, renderer_for
from careermap.subject import Kind

F = OutputFormat
EVERYTHING_BUT_DIAGRAMS = {F.TABLE, F.JSON, F.CSV, F.MARKDOWN}
SHOWN_IN = {
    Kind.ROLE_REPORT: EVERYTHING_BUT_DIAGRAMS,
    Kind.EXPLANATION: EVERYTHING_BUT_DIAGRAMS,
    Kind.PLAN: EVERYTHING_BUT_DIAGRAMS,
    Kind.TEAM: EVERYTHING_BUT_DIAGRAMS,
    Kind.CAREER_MAP: {F.TABLE, F.JSON, F.MERMAID, F.DOT, F.HTML},
    Kind.PERSON_REPORT: {F.TABLE, F.JSON, F.HTML},
    Kind.ROLE_LIST: EVERYTHING_BUT_DIAGRAMS,
    Kind.QUALIFICATION_LIST: EVERYTHING_BUT_DIAGRAMS,
    Kind.ROLE_DETAIL: EVERYTHING_BUT_DIAGRAMS,
    Kind.TEAM_REPORTS: {F.HTML},
    Kind.DIFF: {*EVERYTHING_BUT_DIAGRAMS, F.HTML},
    Kind.UNLOCKS: EVERYTHING_BUT_DIAGRAMS,
    Kind.COMPARISON: EVERYTHING_BUT_DIAGRAMS,
}
PAIRS = [(kind, fmt) for kind in Kind for fmt in OutputFormat]


def test_every_kind_has_a_renderer_method_and_every_format_a_renderer() -> None:
    assert set(SHOWN_IN) == set(Kind)
    for kind in Kind:
        assert callable(getattr(Renderer, kind.value)), kind
    for fmt in OutputFormat:
        assert renderer_for(fmt).output_format is fmt


@pytest.mark.parametrize("kind", list(Kind))
def test_the_registry_declares_what_each_format_shows(kind: Kind) -> None:
    assert set(formats_for(kind)) == SHOWN_IN[kind]


@pytest.mark.parametrize(("kind", "fmt"), [pair for pair in PAIRS if pair[1] in SHOWN_IN[pair[0]]])
def test_every_declared_pair_renders(
    kind: Kind, fmt: OutputFormat, subjects: dict[Kind, Subject]
) -> None:
    text = render(subjects[kind], fmt)
    assert text.endswith("\n")
    assert text.strip()
    assert "\x1b" not in text  # colour only when asked for


@pytest.mark.parametrize(
    ("kind", "fmt"), [pair for pair in PAIRS if pair[1] not in SHOWN_IN[pair[0]]]
)
def test_a_format_that_cannot_show_a_kind_says_which_can(
    kind: Kind, fmt: OutputFormat, subjects: dict[Kind, Subject]
) -> None:
    with pytest.raises(UnsupportedFormatError) as raised:
        render(subjects[kind], fmt)
    able = ", ".join(f for f in OutputFormat if f in SHOWN_IN[kind])
    assert str(raised.value) == f"--format {fmt} cannot show {kind.label}; use one of: {able}"
    assert raised.value.exit_code == 2


@pytest.mark.parametrize(
    ("kind", "fmt"),
    [(kind, fmt) for kind in (Kind.ROLE_REPORT, Kind.CAREER_MAP) for fmt in sorted(SHOWN_IN[kind])],
)
def test_unassessed_results_render_too(
    kind: Kind, fmt: OutputFormat, unassessed: dict[Kind, Subject]
) -> None:
    assert render(unassessed[kind], fmt).strip()


def test_the_table_is_in_colour_only_when_asked(subjects: dict[Kind, Subject]) -> None:
    report = subjects[Kind.ROLE_REPORT]
    coloured = render(report, F.TABLE, color=True)
    assert "\x1b[" in coloured
    plain = render(report, F.TABLE, color=False)
    assert "\x1b" not in plain
    assert plain.splitlines()[0] == "Roles for BASIC"
