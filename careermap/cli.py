"""The ``careermap`` command: parse arguments, call the library, render, write.

Each command is its options plus a few lines: ``_inputs`` turns ``--catalogue``,
``--quals`` and ``--profile`` into what the library needs, the library answers, and
``_emit`` renders the answer in ``--format`` to the terminal or ``--output``. Every
mistake a user can make surfaces as a ``CareerMapError``, which carries its exit code
(2 for usage, 1 for data) and the lines to print; ``reports_errors`` prints them,
never a traceback.

Start-up matters (every command is interactive): the library is reached through the
package's lazy names (``cm.check_report``), so a command imports only what it uses.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar, overload

import typer
from typer.core import TyperGroup

import careermap as cm
from careermap.errors import CareerMapError, DataError, ExportError, UsageError
from careermap.render import OutputFormat, render, renderer_for, stream
from careermap.subject import Kind

if TYPE_CHECKING:
    from careermap.holdings import Agreed, StudyItem
    from careermap.mapping import StaffMapping
    from careermap.models import Catalogue
    from careermap.profile import Profile
    from careermap.render import Subject
    from careermap.reports import TeamReports
    from careermap.staff import StaffColumns

P = ParamSpec("P")
R = TypeVar("R")

MAX_PROBLEMS_SHOWN = 20
PROGRESS_FROM_ROWS = 10_000

# typer re-exports click's BadParameter, whose bases are click's UsageError and
# ClickException, wherever this typer keeps click (a dependency, or vendored).
_CLICK_USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]
_CLICK_ERROR: type[Exception] = typer.BadParameter.__mro__[2]


class _OneLineErrors(TyperGroup):
    """click prints a usage error as four lines (usage, hint, blank, error); careermap
    promises one, like its own: ``careermap: error: ... (see 'careermap check --help')``."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        given = kwargs.get("args", args[0] if args else None)
        arguments = sys.argv[1:] if given is None else list(given)
        if not kwargs.get("standalone_mode", True) or not arguments:
            return super().main(*args, **kwargs)  # a bare `careermap`: click shows the help
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except _CLICK_ERROR as error:
            message = getattr(error, "format_message", error.__str__)()
            context = getattr(error, "ctx", None)
            if isinstance(error, _CLICK_USAGE_ERROR):
                where = context.command_path if context is not None else "careermap"
                message += f" (see '{where} --help')"
            typer.echo(f"careermap: error: {message}", err=True)
            sys.exit(getattr(error, "exit_code", 2))
        except typer.Abort:
            typer.echo("careermap: error: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_OneLineErrors,
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
    list[str] | None,
    typer.Option(
        "--quals",
        "-q",
        help="Qualifications held: codes or names separated by , or ; in any case"
        " (ILM3,L3TSM); study under way as CODE@YYYY-MM, the month it is due"
        " (ILM5@2027-06). May be given more than once.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="The day to answer for (YYYY-MM-DD): study due by then counts as done; default today.",
        show_default=False,
    ),
]
NameColOption = Annotated[
    str | None,
    typer.Option(
        "--name-col",
        help='The header of the names column, as in the file ("Employee Name").',
        show_default=False,
    ),
]
QualsColOption = Annotated[
    str | None,
    typer.Option(
        "--quals-col",
        help='The header of the qualifications column ("Qualifications").',
        show_default=False,
    ),
]
RoleColOption = Annotated[
    str | None,
    typer.Option(
        "--role-col", help='The header of the role column ("Job Title").', show_default=False
    ),
]
MappingOption = Annotated[
    Path | None,
    typer.Option(
        "--mapping",
        help="A YAML file saying which columns hold what and what the service's own"
        " spellings of qualifications and job titles mean on the map (see README).",
        show_default=False,
    ),
]
ProfileOption = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        help="Profile YAML with quals (and optionally name and role); combined with --quals.",
        show_default=False,
    ),
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
RoleArgument = Annotated[
    str, typer.Argument(help="Role id, such as team-leader.", show_default=False)
]


def _format_flag(help_text: str) -> Any:
    return typer.Option("--format", "-f", help=help_text, case_sensitive=False)


FormatOption = Annotated[OutputFormat, _format_flag("Output format: table, json, csv or markdown.")]


def print_problems(kind: str, lines: Sequence[str], *, noun: str = "problems") -> None:
    """Each line on stderr as ``careermap: KIND: line``, at most ``MAX_PROBLEMS_SHOWN``;
    control characters in a line are shown escaped (``\\x1b``): a message quoting a file or
    an argument must not drive the terminal or start a line of its own."""
    from careermap.lookup import printable

    for line in lines[:MAX_PROBLEMS_SHOWN]:
        typer.echo(f"careermap: {kind}: {printable(line)}", err=True)
    if len(lines) > MAX_PROBLEMS_SHOWN:
        hidden = len(lines) - MAX_PROBLEMS_SHOWN
        typer.echo(f"careermap: {kind}: ... and {hidden} more {noun}", err=True)


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Run ``command``, turning careermap's own errors into a message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CareerMapError as error:
            print_problems("error", error.lines())
            raise typer.Exit(error.exit_code) from None

    return wrapper


@dataclass(frozen=True)
class Inputs:
    """What the common options give a command."""

    catalogue: Catalogue
    held: frozenset[str] | None
    """Codes from --quals and --profile together; None when neither was given."""
    profile: Profile | None
    files: tuple[Path, ...]
    """The input files, which --output must never overwrite."""
    studying: tuple[StudyItem, ...] = ()
    """Study still under way on ``as_of`` (study due by then is in ``held``)."""
    as_of: date | None = None

    @property
    def codes(self) -> frozenset[str]:
        return self.held or frozenset()

    @property
    def agreed(self) -> tuple[Agreed, ...]:
        """Equivalents the profile records as agreed (their codes are in ``held``)."""
        return self.profile.agreed if self.profile else ()

    @property
    def current_role(self) -> str | None:
        return self.profile.role.id if self.profile and self.profile.role else None


def _inputs(
    catalogue: Path | None,
    quals: list[str] | None = None,
    profile: Path | None = None,
    as_of: str | None = None,
) -> Inputs:
    """The catalogue, and what the person holds on ``--as-of`` (today unless given):
    ``--quals`` and ``--profile`` together, study due by then counted as held."""
    day = _day(as_of, "--as-of") if as_of is not None else date.today()
    loaded = cm.load_catalogue(catalogue)
    person = cm.load_profile(profile, loaded) if profile is not None else None
    files = tuple(file for file in (catalogue, profile) if file is not None)
    if quals is None and person is None:
        return Inputs(loaded, None, person, files, as_of=day)
    codes, studying = cm.parse_holdings(loaded, quals or ())
    holdings = cm.Holdings.on(
        day, codes | (person.quals if person else frozenset()), (*studying, *_studying(person))
    )
    return Inputs(loaded, holdings.held, person, files, holdings.studying, day)


def _studying(person: Profile | None) -> tuple[StudyItem, ...]:
    return person.studying if person else ()


def _codes(catalogue: Catalogue, texts: Iterable[str]) -> frozenset[str]:
    """The codes of a repeatable option (--quals, --plus), each value ``,``/``;``-separated."""
    return frozenset().union(*(cm.parse_quals(catalogue, text) for text in texts))


def _emit(
    subject: Subject,
    output_format: OutputFormat,
    output: Path | None,
    inputs: Iterable[Path] = (),
    catalogue: Catalogue | None = None,
) -> None:
    """Render ``subject`` and write it to ``output``, or to standard output (no
    ``--output``, or ``-``, as ``team -`` reads standard input), stamped with the map it
    came from and the day. It is written as it is worded (``render.stream``): a team
    person by person is never all held."""
    from careermap.provenance import Provenance

    stamp = Provenance.of(catalogue) if catalogue is not None else None
    if output is None or str(output) == "-":
        width = shutil.get_terminal_size((80, 24)).columns
        chunks = stream(subject, output_format, width=width, color=_color(), provenance=stamp)
        _write_stdout(chunks, output_format)
    else:  # a file never gets colour
        _write_file(output, stream(subject, output_format, provenance=stamp), inputs)


def _write_file(output: Path, text: str | Iterable[str], inputs: Iterable[Path] = ()) -> None:
    cm.refuse_output_over_input(output, inputs)
    cm.write_atomic(output, text)
    from careermap.lookup import printable

    typer.echo(f"careermap: wrote {printable(str(output))}", err=True)


def _color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (sys.stdout is not None and sys.stdout.isatty())


def _write_stdout(text: str | Iterable[str], output_format: OutputFormat) -> None:
    """``text`` (or its chunks, each written as it comes) on standard output. A table is
    for the terminal: plain ASCII where its encoding cannot show more. Any other format
    is a file's contents, redirected or piped, so it goes out as UTF-8 bytes (as HTML
    declares and JSON requires) whatever the terminal's encoding. What making a chunk
    raises passes as it is; only writing is "cannot write"."""
    out = sys.stdout
    if out is None:
        raise ExportError("standard output is closed; use --output FILE")
    chunks = (text,) if isinstance(text, str) else text
    buffer = getattr(out, "buffer", None)
    if output_format is not OutputFormat.TABLE and buffer is not None:
        with _writing_stdout():
            out.flush()
        for chunk in chunks:
            with _writing_stdout():
                buffer.write(chunk.encode("utf-8"))
        with _writing_stdout():
            buffer.flush()
    else:
        from careermap.render.charset import fit_encoding_chunks

        for fitted in fit_encoding_chunks(chunks, getattr(out, "encoding", None) or "utf-8"):
            with _writing_stdout():
                out.write(fitted)
        with _writing_stdout():
            out.flush()


@contextmanager
def _writing_stdout() -> Iterator[None]:
    try:
        yield
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ExportError(f"cannot write to standard output: {reason}") from None


@app.command()
@reports_errors
def check(
    quals: QualsOption = None,
    profile: ProfileOption = None,
    plus: Annotated[
        list[str] | None,
        typer.Option(
            "--plus",
            help="What if: show only what these qualifications would change (the roles they"
            " would open or bring closer), as `careermap unlocks` does.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """What can I apply for now? Every role by band: eligible now, eligible from a date
    (study under way), or what is still missing on the quickest route and its months.

    Example: careermap check --quals ILM3,L3TSM,ILM5@2027-06 [--plus ILM5]
    """
    given = _inputs(catalogue, quals, profile, as_of)
    if plus is not None:
        added = _codes(given.catalogue, plus)
        subject: Subject = cm.unlocks(given.catalogue, added, given.codes)
    else:
        subject = cm.check_report(
            given.catalogue,
            given.codes,
            studying=given.studying,
            as_of=given.as_of,
            agreed=given.agreed,
            current_role=given.current_role,
        )
    _emit(subject, output_format, output, given.files, given.catalogue)


@app.command()
@reports_errors
def compare(
    roles: Annotated[
        list[str],
        typer.Argument(
            help="Two or three roles: ids or titles (quote a title with spaces).",
            show_default=False,
        ),
    ],
    quals: QualsOption = None,
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Compare two or three roles side by side: band, tracks, entry routes, training,
    what each gives and leads to; with --quals or --profile, your gap to each, the
    cheapest plan's months and the earliest month you could apply.

    Example: careermap compare team-leader "Practice Lead" --quals DIPSM,L3TSM,ILM3
    """
    given = _inputs(catalogue, quals, profile, as_of)
    result = cm.compare(
        given.catalogue,
        roles,
        given.held,
        current_role=given.current_role,
        today=given.as_of,
        studying=given.studying,
        agreed=given.agreed,
    )
    _emit(result, output_format, output, given.files, given.catalogue)


@app.command("unlocks")
@reports_errors
def unlocks_command(
    codes: Annotated[
        str,
        typer.Argument(
            help="The qualification(s) to try: codes or names separated by , or ;.",
            show_default=False,
        ),
    ],
    quals: QualsOption = None,
    profile: ProfileOption = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """What would a qualification open? With --quals, the roles it would make you eligible
    for and the roles it would bring closer; without, every role it counts towards.

    Example: careermap unlocks ILM5 --quals DIPSM,L3TSM,ILM3
    """
    given = _inputs(catalogue, quals, profile)
    added = cm.parse_quals(given.catalogue, codes)
    _emit(
        cm.unlocks(given.catalogue, added, given.held),
        output_format,
        output,
        given.files,
        given.catalogue,
    )


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
    as_of: AsOfOption = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """What comes next? Roles in the next band up, or a role's progressions.

    Give --band or --role (or a --profile with a role). With --quals or --profile, each
    next step shows whether you are eligible and what is still missing.

    Examples: careermap next --band E; careermap next --role practitioner --quals DIPSM,L3TSM
    """
    if band is not None and role is not None:
        raise UsageError("give --band or --role, not both")
    given = _inputs(catalogue, quals, profile, as_of)
    if band is None and role is None:
        role = given.current_role
        if role is None:
            raise UsageError("give --band or --role (or a --profile that names a role)")
    role = _role_option(given.catalogue, role, "--role")
    report = cm.next_report(
        given.catalogue,
        band=band,
        role_id=role,
        quals=given.held,
        studying=given.studying,
        as_of=given.as_of,
        agreed=given.agreed,
    )
    _emit(report, output_format, output, given.files, given.catalogue)


@app.command()
@reports_errors
def explain(
    role: RoleArgument,
    quals: QualsOption = None,
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Why am I (not) eligible? Each entry route of a role, requirement by requirement.

    A met requirement says how: held, or through "counts as" (ILM3 via ILM7); study
    under way says when it is due. The closest route, the one the quickest plan meets
    (as `path` plans it), is marked.

    Example: careermap explain team-leader --quals ILM7,DIPSM
    """
    given = _inputs(catalogue, quals, profile, as_of)
    explanation = cm.explain(
        given.catalogue,
        role,
        given.codes,
        studying=given.studying,
        as_of=given.as_of,
        agreed=given.agreed,
        current_role=given.current_role,
    )
    _emit(
        explanation,
        output_format,
        output,
        given.files,
        given.catalogue,
    )


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
    as_of: AsOfOption = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """How do I get there? The quickest plan, in typical months, to be eligible for a role.

    A timeline: working in a role you are eligible for (gaining what its training and
    experience give), one at a time, and courses, one at a time, alongside work unless
    the map says a course stops work; study under way (ILM5@2027-06) ends when it is due.
    With no route, says what blocks it.

    Examples: careermap path --to team-leader --quals GCSE,EXP;
    careermap path --to team-leader --quals L3TSM,EXP --from recovery-worker
    """
    from careermap.holdings import months_between

    given = _inputs(catalogue, quals, profile, as_of)
    target = _role_option(given.catalogue, to, "--to")
    current = _role_option(given.catalogue, start_role, "--from") or given.current_role
    if target == current:
        raise UsageError(f"--to {target} is the role you work in already; aim for another")
    day = given.as_of or date.today()
    studying = {item.code: months_between(day, item.due) for item in given.studying}
    plan = cm.plan_path(
        given.catalogue, target, given.codes, current_role=current, studying=studying
    )
    _emit(plan, output_format, output, given.files, given.catalogue)


@overload
def _role_option(catalogue: Catalogue, role_id: str, option: str) -> str: ...
@overload
def _role_option(catalogue: Catalogue, role_id: str | None, option: str) -> str | None: ...
def _role_option(catalogue: Catalogue, role_id: str | None, option: str) -> str | None:
    """The role id given to ``option``; an unknown one is a usage error naming it."""
    if role_id is None:
        return None
    try:
        return cm.find_role(catalogue, role_id).id
    except UsageError as error:
        raise UsageError(f"{option}: {error}") from None


@app.command()
@reports_errors
def team(
    staff: Annotated[
        str,
        typer.Argument(
            help="Staff list: CSV (- for standard input), or .xlsx with careermap[xlsx]."
            " Columns: name (or id), quals, and optionally role (an id or job title) and"
            " studying; an HR export's Employee Name, Qualifications and Job Title are known.",
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
    reports: Annotated[
        Path | None,
        typer.Option(
            "--reports",
            help="Also write each person's report (as `careermap report` makes it) into this"
            " folder, with an index.html, for a round of PDRs.",
            show_default=False,
        ),
    ] = None,
    name_col: NameColOption = None,
    quals_col: QualsColOption = None,
    role_col: RoleColOption = None,
    studying_col: Annotated[
        str | None,
        typer.Option(
            "--studying-col",
            help="The header of the column of study under way, as ILM5@2027-06 items"
            ' (default "studying").',
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Count study due by this day (YYYY-MM-DD) as done; default today.",
            show_default=False,
        ),
    ] = None,
    mapping: MappingOption = None,
    plus: Annotated[
        list[str] | None,
        typer.Option(
            "--plus",
            help="What if: recount as if these qualifications were gained (by everyone, or"
            " by the people in --plus-for), beside today's counts. May be given more than"
            " once.",
            show_default=False,
        ),
    ] = None,
    plus_for: Annotated[
        Path | None,
        typer.Option(
            "--plus-for",
            help="The people --plus is for: a list of names, one a line, or a staff list.",
            show_default=False,
        ),
    ] = None,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """A whole service: who is eligible for what, what the next steps need (what to
    fund), and who does not meet their own role's entry requirements.

    Per qualification, how many staff need it for a next step (as `path` plans it), by
    current role and band, with its months and cost; per role, how many staff are
    eligible now and how many are one qualification away. Items and job titles the map
    does not know are left out of a row and listed (map them once with --mapping).
    --plus recounts as if a group gained a course. Bad rows are reported with their line
    and skipped (or fatal with --strict).

    Example: careermap team staff.xlsx --role-col "Job Title" --format markdown
    """
    given = _inputs(catalogue)
    if plus_for is not None and plus is None:
        raise cm.UsageError("--plus-for names who gains --plus; give --plus CODES too")
    # Refused now, not after a million rows have been read.
    renderer_for(output_format).refuse_unless_shows(Kind.TEAM)
    inputs = tuple(Path(f) for f in (staff, mapping, plus_for) if f and str(f) != cm.STDIN)
    if output is not None and str(output) != "-":
        cm.refuse_output_over_input(output, given.files + inputs)
    staff_mapping = cm.load_mapping(mapping, given.catalogue) if mapping else None
    columns = _columns(staff_mapping, name_col, quals_col, role_col, studying_col)
    day = _day(as_of, "--as-of") if as_of is not None else None
    what_if = None
    if plus is not None:
        if str(plus_for) == cm.STDIN == staff:
            raise cm.UsageError("the staff list and --plus-for cannot both be standard input")
        names = cm.read_names(plus_for, columns.name) if plus_for is not None else None
        group = cm.source_name(plus_for) if plus_for is not None else None
        codes = _codes(given.catalogue, plus)
        what_if = cm.Plus(codes, names, group)
    # Streamed, a million rows are never all held: what needs them again (each person's
    # row, the reports) reads the list again.
    again = per_person or reports is not None
    rows = cm.StaffFile(staff, columns) if again else cm.iter_staff(staff, columns)
    with _progress_bar() as progress:
        report = cm.analyse_team(
            given.catalogue,
            rows,
            source=cm.source_name(staff),
            strict=strict,
            per_person=per_person,
            progress=progress,
            mapping=staff_mapping,
            plus=what_if,
            as_of=day,
        )
    print_problems("warning", [f"skipped {p}" for p in report.problems], noun="rows skipped")
    if report.unrecognised:
        spellings = len(report.unrecognised)
        print_problems(
            "warning",
            [
                f"{spellings} spelling{'s' if spellings > 1 else ''} in the staff list"
                " name nothing on the map and were left out of their rows; the report"
                " lists them (map them once with --mapping)"
            ],
        )
    staff_files = tuple(
        Path(file) for file in (staff, mapping, plus_for) if file and str(file) != cm.STDIN
    )
    if reports is not None:
        source = cm.source_name(staff)
        built = cm.team_reports(given.catalogue, rows, source=source)
        _write_reports(built, reports, given.files + staff_files, given.catalogue)
    _emit(report, output_format, output, given.files + staff_files, given.catalogue)


def _columns(
    mapping: StaffMapping | None,
    name: str | None,
    quals: str | None,
    role: str | None,
    studying: str | None = None,
) -> StaffColumns:
    """The staff list's columns: the options', else the mapping file's, else the usual."""
    base = mapping.columns if mapping else cm.StaffColumns()
    return cm.StaffColumns(
        name or base.name, quals or base.quals, role or base.role, studying or base.studying
    )


def _day(text: str, option: str) -> date:
    cleaned = text.strip()
    try:
        # Only YYYY-MM-DD: fromisoformat also takes 20270630, week dates and other digits.
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cleaned):
            return date.fromisoformat(cleaned)
    except ValueError:
        pass
    raise cm.UsageError(f"{option} {text!r}: give a day as YYYY-MM-DD, such as 2027-06-30")


def _write_reports(
    reports: TeamReports, folder: Path, inputs: Iterable[Path], catalogue: Catalogue
) -> None:
    """Each report, then the index, into ``folder`` (made if missing), each file written
    whole or not at all and never over an input; one line on stderr for them all."""
    from careermap.lookup import printable
    from careermap.provenance import Provenance
    from careermap.reports import INDEX

    pages = [(folder / entry.file, entry.report) for entry in reports.entries]
    for path in [*(path for path, _ in pages), folder / INDEX]:
        cm.refuse_output_over_input(path, inputs, option="--reports would write")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ExportError(f"{folder}: is not a folder; give a folder for --reports") from None
    except OSError as exc:
        raise ExportError(f"{folder}: cannot make the folder: {exc.strerror}") from None
    stamp = Provenance.of(catalogue)
    for path, report in pages:
        cm.write_atomic(path, render(report, OutputFormat.HTML, provenance=stamp))
    cm.write_atomic(folder / INDEX, render(reports, OutputFormat.HTML, provenance=stamp))

    count = len(reports.entries)
    typer.echo(
        f"careermap: wrote {count} report{'s' if count != 1 else ''} and an index to"
        f" {printable(str(folder / INDEX))}",
        err=True,
    )


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A count of staff read, on stderr once a list passes ``PROGRESS_FROM_ROWS`` rows, and
    only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console  # only here: rich is the table format's, not the CLI's
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("Reading staff", total=None)

    def report(done: int, total: int) -> None:
        if done >= PROGRESS_FROM_ROWS:
            bar.start()
            bar.update(task, completed=done, total=total or None)

    try:
        yield report
    finally:
        bar.stop()


@app.command("map")
@reports_errors
def map_(
    quals: QualsOption = None,
    profile: ProfileOption = None,
    catalogue: CatalogueOption = None,
    output_format: Annotated[
        OutputFormat,
        _format_flag(
            "Output format: table (the terminal), mermaid (renders in GitHub and Markdown"
            " viewers), dot (Graphviz), html (a page with the map as SVG) or json."
        ),
    ] = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Show the career map: roles by band and track, with where each leads.

    With --quals or --profile, each role is marked eligible now, one qualification away,
    or further away, with symbols that work without colour.

    Examples: careermap map --quals DIPSM,L3TSM; careermap map --format mermaid
    """
    given = _inputs(catalogue, quals, profile)
    _emit(
        cm.career_map(given.catalogue, given.held),
        output_format,
        output,
        given.files,
        given.catalogue,
    )


@app.command()
@reports_errors
def report(
    quals: QualsOption = None,
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    catalogue: CatalogueOption = None,
    output_format: Annotated[
        OutputFormat, _format_flag("Output format: html (a self-contained page), table, json.")
    ] = OutputFormat.HTML,
    output: OutputOption = None,
) -> None:
    """One self-contained HTML page: your map, eligibility, and the route to each role.

    No network, scripts or outside files: it opens offline, prints cleanly and reads on
    a phone.

    Example: careermap report --quals DIPSM,L3TSM --output report.html
    """
    given = _inputs(catalogue, quals, profile, as_of)
    person = given.profile
    subject = cm.person_report(
        given.catalogue,
        given.codes,
        name=person.name if person else None,
        current_role=person.role if person else None,
        date=given.as_of,
        studying=given.studying,
        agreed=given.agreed,
    )
    _emit(subject, output_format, output, given.files, given.catalogue)


def _listing(name: str, build: Callable[[Catalogue], Subject], summary: str) -> None:
    """A command that lists part of the catalogue: its only inputs are the catalogue."""

    def command(
        catalogue: CatalogueOption = None,
        output_format: FormatOption = OutputFormat.TABLE,
        output: OutputOption = None,
    ) -> None:
        given = _inputs(catalogue)
        _emit(build(given.catalogue), output_format, output, given.files, given.catalogue)

    command.__doc__ = summary
    app.command(name)(reports_errors(command))


_listing(
    "roles",
    lambda catalogue: cm.role_list(catalogue),
    "List every role on the map: band, id, tracks and entry requirements.",
)
_listing(
    "quals",
    lambda catalogue: cm.qualification_list(catalogue),
    "List the qualification codes, their names and levels, and what each counts as.",
)


@app.command()
@reports_errors
def show(
    role: RoleArgument,
    catalogue: CatalogueOption = None,
    output_format: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Show one role: entry requirements, training, and where it leads."""
    given = _inputs(catalogue)
    _emit(
        cm.role_detail(given.catalogue, role), output_format, output, given.files, given.catalogue
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
    path = file or catalogue or cm.default_catalogue_path()
    try:
        loaded, warnings = cm.check_catalogue_file(path)
    except DataError as error:
        print_problems("error", error.lines())
        count = len(error.problems)
        typer.echo(f"{path}: {count} problem{'s' if count != 1 else ''} found", err=True)
        raise typer.Exit(error.exit_code) from None
    print_problems("warning", [str(warning) for warning in warnings], noun="warnings")
    noted = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    _write_stdout(
        f"{path}: OK: {len(loaded.roles)} roles in bands {loaded.bands[0]} to {loaded.bands[-1]},"
        f" {len(loaded.qualifications)} qualifications,"
        f" {len(loaded.tracks)} track{'s' if len(loaded.tracks) != 1 else ''}"
        f" ({loaded.name}){noted}\n",
        OutputFormat.TABLE,
    )


@app.command()
@reports_errors
def schema(output: OutputOption = None) -> None:
    """Print the catalogue's JSON Schema, so editors can check roles.yaml as you type."""
    text = json.dumps(cm.catalogue_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None or str(output) == "-":
        _write_stdout(text, OutputFormat.JSON)
    else:
        _write_file(output, text)


@app.command()
@reports_errors
def diff(
    old: Annotated[
        Path, typer.Argument(help="The map as it was: a catalogue YAML file.", show_default=False)
    ],
    new: Annotated[
        Path,
        typer.Argument(help="The map as it will be: a catalogue YAML file.", show_default=False),
    ],
    staff: Annotated[
        str | None,
        typer.Option(
            "--staff",
            help="Staff list (as for `team`; - for standard input): also list each person who"
            " gains or loses eligibility for a role, or whose gap to one changes.",
            show_default=False,
        ),
    ] = None,
    name_col: NameColOption = None,
    quals_col: QualsColOption = None,
    role_col: RoleColOption = None,
    mapping: MappingOption = None,
    output_format: Annotated[
        OutputFormat, _format_flag("Output format: table, json, csv, markdown or html.")
    ] = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """What a change to the map changes: roles, entry routes, qualifications and
    progressions added, removed or changed, between two editions of a catalogue.

    With --staff, each person who gains or loses eligibility for a role or whose gap to
    one changes, and the totals per role. A row that is a problem on either map (a code
    or role the new map dropped) is reported with its line and left out. Exits 0 whether
    or not anything differs.

    Example: careermap diff roles-2025.yaml roles-2026.yaml --staff staff.csv
    """
    old_map, new_map = cm.load_catalogue(old), cm.load_catalogue(new)
    # Checked against each map: a code the new map drops is an error there, not a guess.
    mappings = (
        (cm.load_mapping(mapping, old_map), cm.load_mapping(mapping, new_map))
        if mapping
        else (None, None)
    )
    columns = _columns(mappings[1], name_col, quals_col, role_col)
    rows = cm.iter_staff(staff, columns) if staff is not None else None
    changes = cm.catalogue_diff(
        old_map,
        new_map,
        rows,
        source=cm.source_name(staff) if staff is not None else "<staff>",
        old_file=str(old),
        new_file=str(new),
        mappings=mappings,
    )
    if changes.staff is not None:
        from careermap.diff import side_text

        skipped = [
            f"skipped {changes.staff.source}:{p.line} ({side_text(p.side)}): {p.message}"
            for p in changes.staff.problems
        ]
        print_problems("warning", skipped, noun="rows skipped")
    staff_files = (Path(staff),) if staff is not None and staff != cm.STDIN else ()
    _emit(changes, output_format, output, (old, new, *staff_files, *([mapping] if mapping else [])))


@app.command()
@reports_errors
def site(
    catalogue: CatalogueOption = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The page to write (replaced atomically); - for standard output.",
        ),
    ] = Path("career-map.html"),
) -> None:
    """Publish the map as one interactive page: tick what you hold, see what opens.

    One self-contained HTML file (no network, no outside scripts, fonts or styles) for a
    shared drive, an intranet or an email. A person ticks their qualifications (or opens
    a link ending #quals=ILM3,L3TSM) and sees the map light up, every role's gap and why,
    the cheapest route to a role, and two or three roles side by side; without ticks it
    reads as the poster. It prints for a PDR folder.

    Example: careermap site --output career-map.html
    """
    from careermap.render.site import site_page

    given = _inputs(catalogue)
    text = site_page(given.catalogue)
    if str(output) == "-":
        _write_stdout(text, OutputFormat.HTML)
    else:
        _write_file(output, text, given.files)


def main() -> None:
    app()
