"""The ``careermap`` command: parse arguments, call the library, render, write.

Everything a user can get wrong surfaces as a ``CareerMapError``; ``_fail`` turns it
into a short message on stderr and an exit code (2 for usage, 1 for data), never a
traceback.

Every command is interactive, so start-up matters: this module imports only typer and
careermap's light modules at the top, and each command imports what it needs.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TypeVar

import typer

from careermap.errors import CareerMapError, DataError, UsageError
from careermap.formats import MapFormat, OutputFormat

if TYPE_CHECKING:
    from careermap.models import Catalogue
    from careermap.render import Renderable

P = ParamSpec("P")
R = TypeVar("R")

MAX_PROBLEMS_SHOWN = 20
PROGRESS_FROM_ROWS = 10_000

app = typer.Typer(
    name="careermap",
    help=(
        "Plan a career on an alcohol & drug service's career map: what you can apply for now,"
        " what comes next, and what is still missing."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Click's plain help rewraps docstring paragraphs and, unlike rich, costs no start-up.
    rich_markup_mode=None,
)

CatalogueOption = Annotated[
    Path | None,
    typer.Option(
        "--catalogue",
        envvar="CAREERMAP_CATALOGUE",
        help="Catalogue YAML file to use instead of the shipped career map.",
        show_default=False,
    ),
]
QualsOption = Annotated[
    str | None,
    typer.Option(
        "--quals",
        "-q",
        help="Qualifications held: codes or names, comma-separated, any case (ILM3,L3TSM).",
        show_default=False,
    ),
]
ProfileOption = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        help="Profile YAML with quals (and optionally role); combined with --quals.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (replaced atomically) instead of the terminal.",
        show_default=False,
    ),
]


def _fail(error: CareerMapError) -> NoReturn:
    lines = [str(p) for p in error.problems] if isinstance(error, DataError) else [str(error)]
    for line in lines[:MAX_PROBLEMS_SHOWN]:
        typer.echo(f"careermap: error: {line}", err=True)
    if len(lines) > MAX_PROBLEMS_SHOWN:
        hidden = len(lines) - MAX_PROBLEMS_SHOWN
        typer.echo(f"careermap: ... and {hidden} more problems", err=True)
    raise typer.Exit(2 if isinstance(error, UsageError) else 1)


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Run ``command``, turning careermap's own errors into a message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CareerMapError as error:
            _fail(error)

    return wrapper


def _width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def _color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def load_catalogue(path: Path | None) -> Catalogue:
    from careermap.catalogue import load_catalogue as load

    return load(path)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
    else:
        from careermap.atomic import write_atomic

        write_atomic(output, text)
        typer.echo(f"careermap: wrote {output}", err=True)


def _emit_rendered(subject: Renderable, output_format: OutputFormat, output: Path | None) -> None:
    from careermap.render import render

    color = _color() and output is None  # a file never gets colour codes
    _emit(render(subject, output_format, width=_width(), color=color), output)


def _person(
    catalogue: Catalogue, quals: str | None, profile: Path | None
) -> tuple[frozenset[str] | None, str | None]:
    """The codes given by ``--quals`` and ``--profile`` together (None if neither), and the
    profile's current role id."""
    if quals is None and profile is None:
        return None, None
    from careermap.lookup import parse_quals

    codes: frozenset[str] = frozenset()
    role_id = None
    if profile is not None:
        from careermap.profile import load_profile

        person = load_profile(profile, catalogue)
        codes |= person.quals
        role_id = person.role.id if person.role else None
    if quals is not None:
        codes |= parse_quals(catalogue, quals)
    return codes, role_id


@app.command()
@reports_errors
def check(
    quals: QualsOption = None,
    profile: ProfileOption = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """What can I apply for now? Every role by band: eligible, or the fewest quals missing.

    Example: careermap check --quals ILM3,L3TSM
    """
    from careermap.report import check_report

    loaded = load_catalogue(catalogue)
    held, _ = _person(loaded, quals, profile)
    report = check_report(loaded, held or frozenset())
    _emit_rendered(report, output_format, output)


@app.command("next")
@reports_errors
def next_steps(
    band: Annotated[
        str | None,
        typer.Option("--band", "-b", help="Current band, such as E.", show_default=False),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role", "-r", help="Current role id, such as practitioner.", show_default=False
        ),
    ] = None,
    quals: QualsOption = None,
    profile: ProfileOption = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """What comes next? Roles in the next band up, or a role's progressions.

    Give --band or --role (or a --profile with a role). With --quals or --profile, each
    next step shows whether you are eligible and what is still missing.

    Examples: careermap next --band E; careermap next --role practitioner --quals DIPSM,L3TSM
    """
    from careermap.report import next_report

    if band is not None and role is not None:
        raise UsageError("give --band or --role, not both")
    loaded = load_catalogue(catalogue)
    held, profile_role = _person(loaded, quals, profile)
    if band is None and role is None:
        if profile_role is None:
            raise UsageError("give --band or --role (or a --profile that names a role)")
        role = profile_role
    report = next_report(loaded, band=band, role_id=role, quals=held)
    _emit_rendered(report, output_format, output)


RoleArgument = Annotated[
    str, typer.Argument(help="Role id, such as team-leader.", show_default=False)
]


@app.command()
@reports_errors
def explain(
    role: RoleArgument,
    quals: QualsOption = None,
    profile: ProfileOption = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Why am I (not) eligible? Each entry route of a role, requirement by requirement.

    A met requirement says how: held, or through "counts as" (ILM3 via ILM7). The
    closest route is marked.

    Example: careermap explain team-leader --quals ILM7,DIPSM
    """
    from careermap.routes import explain as explain_role

    loaded = load_catalogue(catalogue)
    held, _ = _person(loaded, quals, profile)
    _emit_rendered(explain_role(loaded, role, held or frozenset()), output_format, output)


@app.command()
@reports_errors
def path(
    to: Annotated[str, typer.Option("--to", "-t", help="The role to aim for.", show_default=False)],
    quals: QualsOption = None,
    profile: ProfileOption = None,
    start_role: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Your current role: what it gives is open to you even without its entry"
            " requirements.",
            show_default=False,
        ),
    ] = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """How do I get there? The cheapest plan, in typical months, to be eligible for a role.

    Each step is either working in a role you are eligible for (gaining what its training
    and experience give) or a course. With no route, says what blocks it.

    Examples: careermap path --to team-leader --quals GCSE,EXP;
    careermap path --to senior-practice-quality-lead --quals DEGREE,L3TSM,ILM3
    """
    from careermap.routes import plan_path

    loaded = load_catalogue(catalogue)
    held, profile_role = _person(loaded, quals, profile)
    current = start_role or profile_role
    plan = plan_path(loaded, to, held or frozenset(), current_role=current)
    _emit_rendered(plan, output_format, output)


@app.command()
@reports_errors
def team(
    staff: Annotated[
        str,
        typer.Argument(
            help="Staff list: CSV (- for standard input), or .xlsx with careermap[xlsx]."
            " Columns: name (or id), quals, and optionally role.",
            show_default=False,
        ),
    ],
    per_person: Annotated[
        bool,
        typer.Option("--per-person", help="Each person's eligible roles and next-step gaps."),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop on any bad row instead of skipping it.")
    ] = False,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """A whole service: who is eligible for what, and which training unlocks most.

    Per role, how many staff are eligible now and how many are one qualification away;
    per qualification, how many staff it would make newly eligible for a role above their
    current band. Bad rows are reported with their line and skipped (or fatal with
    --strict).

    Example: careermap team staff.csv --format markdown --output training-needs.md
    """
    from careermap.team import analyse_team, read_staff

    loaded = load_catalogue(catalogue)
    rows = read_staff(staff)
    source = "<stdin>" if staff == "-" else staff
    with _progress_bar(len(rows)) as progress:
        report = analyse_team(
            loaded, rows, source=source, strict=strict, per_person=per_person, progress=progress
        )
    for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
        typer.echo(f"careermap: warning: skipped {problem}", err=True)
    if len(report.problems) > MAX_PROBLEMS_SHOWN:
        hidden = len(report.problems) - MAX_PROBLEMS_SHOWN
        typer.echo(f"careermap: warning: ... and {hidden} more rows skipped", err=True)
    _emit_rendered(report, output_format, output)


@contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for a large staff list, only when stderr is a terminal."""
    if total < PROGRESS_FROM_ROWS or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Evaluating staff", total=total)
        yield lambda done, _total: bar.update(task, completed=done)


@app.command("map")
@reports_errors
def map_(
    quals: QualsOption = None,
    profile: ProfileOption = None,
    catalogue: CatalogueOption = None,
    map_format: Annotated[
        MapFormat,
        typer.Option(
            "--format",
            "-f",
            help="table (the terminal), mermaid (renders in GitHub and Markdown viewers)"
            " or dot (Graphviz).",
            case_sensitive=False,
        ),
    ] = MapFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Show the career map: roles by band and track, with where each leads.

    With --quals or --profile, each role is marked eligible now, one qualification away,
    or further away, with symbols that work without colour.

    Examples: careermap map --quals DIPSM,L3TSM; careermap map --format mermaid
    """
    from careermap.mapview import career_map, render_dot, render_mermaid

    loaded = load_catalogue(catalogue)
    held, _ = _person(loaded, quals, profile)
    view = career_map(loaded, held)
    if map_format is MapFormat.MERMAID:
        text = render_mermaid(view)
    elif map_format is MapFormat.DOT:
        text = render_dot(view)
    else:
        from careermap.render.table import render_map_table

        text = render_map_table(view, width=_width(), color=_color() and output is None)
    _emit(text, output)


@app.command()
@reports_errors
def report(
    quals: QualsOption = None,
    profile: ProfileOption = None,
    catalogue: CatalogueOption = None,
    output: OutputOption = None,
) -> None:
    """One self-contained HTML page: your map, eligibility, and the route to each role.

    No network, scripts or outside files: it opens offline, prints cleanly and reads on
    a phone.

    Example: careermap report --quals DIPSM,L3TSM --output report.html
    """
    from careermap.htmlreport import render_report_html

    loaded = load_catalogue(catalogue)
    held, _ = _person(loaded, quals, profile)
    _emit(render_report_html(loaded, held or frozenset()), output)


@app.command()
@reports_errors
def roles(catalogue: CatalogueOption = None) -> None:
    """List every role on the map: band, id, tracks and entry requirements."""
    from careermap.render.table import render_catalogue_roles

    typer.echo(
        render_catalogue_roles(load_catalogue(catalogue), width=_width(), color=_color()), nl=False
    )


@app.command()
@reports_errors
def show(
    role: RoleArgument,
    catalogue: CatalogueOption = None,
) -> None:
    """Show one role: entry requirements, training, and where it leads."""
    from careermap.lookup import find_role
    from careermap.render.table import render_role_detail

    loaded = load_catalogue(catalogue)
    text = render_role_detail(loaded, find_role(loaded, role), width=_width(), color=_color())
    typer.echo(text, nl=False)


@app.command()
@reports_errors
def quals(catalogue: CatalogueOption = None) -> None:
    """List the qualification codes, their names and levels, and what each counts as."""
    from careermap.render.table import render_catalogue_quals

    typer.echo(
        render_catalogue_quals(load_catalogue(catalogue), width=_width(), color=_color()), nl=False
    )


@app.command()
@reports_errors
def validate(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="Catalogue to check (default: --catalogue, else the shipped map).",
            show_default=False,
        ),
    ] = None,
    catalogue: CatalogueOption = None,
) -> None:
    """Check a catalogue file; list every problem with its line, or summarise it.

    Problems exit 1. Warnings (a role cut off from every progression) are listed but
    leave the catalogue valid.
    """
    from careermap.catalogue import check_catalogue_file, default_catalogue_path

    path = file or catalogue or default_catalogue_path()
    try:
        loaded, warnings = check_catalogue_file(path)
    except DataError as error:
        for problem in error.problems:
            typer.echo(f"careermap: error: {problem}", err=True)
        count = len(error.problems)
        typer.echo(f"{path}: {count} problem{'s' if count != 1 else ''} found", err=True)
        raise typer.Exit(1) from None
    for warning in warnings:
        typer.echo(f"careermap: warning: {warning}", err=True)
    noted = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    typer.echo(
        f"{path}: OK: {len(loaded.roles)} roles in bands {loaded.bands[0]} to {loaded.bands[-1]},"
        f" {len(loaded.qualifications)} qualifications, {len(loaded.tracks)} tracks"
        f" ({loaded.name}){noted}"
    )


@app.command()
@reports_errors
def schema(output: OutputOption = None) -> None:
    """Print the catalogue's JSON Schema, so editors can check roles.yaml as you type."""
    from careermap.schema import CatalogueFile

    document = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    document.update(CatalogueFile.model_json_schema())
    _emit(json.dumps(document, indent=2, ensure_ascii=False) + "\n", output)


def main() -> None:
    app()
