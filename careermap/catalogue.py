"""Loading a catalogue: YAML, then the file schema, then the checks across the whole map.

Every failure becomes one ``CatalogueError`` listing each problem with its file and
line, so a person editing ``roles.yaml`` can fix everything in one pass. A file that
passed is remembered by ``careermap.cache``, so the next command skips YAML and
pydantic altogether (they are imported here only when a file has to be checked).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careermap import cache
from careermap.errors import CatalogueError, Problem
from careermap.lookup import did_you_mean
from careermap.models import Catalogue, normalise_name
from careermap.textfile import MAX_FILE_BYTES, decode_text, read_limited

if TYPE_CHECKING:
    from careermap.yamlfile import YamlDocument

Location = tuple[str | int, ...]

_PACKAGE_DIR = Path(__file__).resolve().parent


def default_catalogue_path() -> Path:
    """The shipped catalogue: inside the installed package, or ``data/`` in a checkout."""
    installed = _PACKAGE_DIR / "data" / "roles.yaml"
    if installed.is_file():
        return installed
    return _PACKAGE_DIR.parent / "data" / "roles.yaml"


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Load and check a catalogue file (the shipped one when ``path`` is None).

    Raises ``CatalogueError`` with every problem found.
    """
    file = Path(path) if path is not None else default_catalogue_path()
    raw = read_limited(file, MAX_FILE_BYTES, CatalogueError)
    catalogue = cache.load(raw)
    if catalogue is None:
        catalogue = parse_catalogue(decode_text(raw, str(file), CatalogueError), str(file))
        cache.store(raw, catalogue)
    return catalogue


def check_catalogue_file(path: Path | str) -> tuple[Catalogue, tuple[Problem, ...]]:
    """Check a catalogue file afresh (never from the cache): the catalogue and its warnings.

    Warnings are things worth a look that do not stop the map working, such as a role
    no progression leads to or from. Raises ``CatalogueError`` with every problem found.
    """
    from careermap.yamlfile import parse_yaml

    file = Path(path)
    raw = read_limited(file, MAX_FILE_BYTES, CatalogueError)
    document = parse_yaml(decode_text(raw, str(file), CatalogueError), str(file), CatalogueError)
    catalogue = catalogue_from_document(document)
    cache.store(raw, catalogue)
    warnings = tuple(
        Problem(document.source, document.line_for(location), message)
        for location, message in catalogue_warnings(catalogue)
    )
    return catalogue, warnings


def catalogue_warnings(catalogue: Catalogue) -> list[tuple[Location, str]]:
    """Oddities that do not stop the map working, each with its location."""
    warnings: list[tuple[Location, str]] = []
    reached = {target for role in catalogue.roles for target in role.progresses_to}
    if reached:  # a map with no progressions at all is a list of roles, and that is fine
        for index, role in enumerate(catalogue.roles):
            if role.id not in reached and not role.progresses_to:
                message = (
                    f"{role.id} is unreachable on the map: no role progresses to it and it"
                    " progresses to none; add it to a progresses_to list, or give it one"
                )
                warnings.append((("roles", index, "id"), message))
    return warnings


def parse_catalogue(text: str, source: str = "<string>") -> Catalogue:
    """Check a catalogue given as YAML text; ``source`` names it in messages."""
    from careermap.yamlfile import parse_yaml

    return catalogue_from_document(parse_yaml(text, source, CatalogueError))


def catalogue_from_data(data: Mapping[str, Any], source: str = "<data>") -> Catalogue:
    """Check a catalogue given as Python data (dicts, lists, text and numbers)."""
    from careermap.yamlfile import YamlDocument

    return catalogue_from_document(YamlDocument(_tuples(data), source, {}))


def _tuples(value: Any) -> Any:
    """Lists as tuples, as the YAML reader gives them to the strict schema."""
    if isinstance(value, Mapping):
        return {key: _tuples(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return tuple(_tuples(item) for item in value)
    return value


def catalogue_from_document(document: YamlDocument) -> Catalogue:
    from careermap.schema import CatalogueFile
    from careermap.validation import validate_model

    checked = validate_model(CatalogueFile, document, CatalogueError)
    catalogue = Catalogue.from_data(checked.model_dump())
    problems = [
        Problem(document.source, document.line_for(location), message)
        for location, message in reference_problems(catalogue)
    ]
    if problems:
        raise CatalogueError(problems)
    return catalogue


def reference_problems(catalogue: Catalogue) -> list[tuple[Location, str]]:
    """Problems that need the whole catalogue to see, each with its location."""
    problems: list[tuple[Location, str]] = []
    problems += _duplicates("bands", catalogue.bands, "band")
    problems += _duplicates("tracks", catalogue.tracks, "track")
    problems += _duplicates(
        "qualifications", [q.code for q in catalogue.qualifications], "code", "code"
    )
    problems += _duplicates("roles", [role.id for role in catalogue.roles], "role id", "id")
    problems += _name_clashes(catalogue)

    codes = {q.code for q in catalogue.qualifications}

    def check_codes(location: Location, values: Iterable[str]) -> None:
        for index, code in enumerate(values):
            if code not in codes:
                message = f"unknown qualification {code}{did_you_mean(code, codes)}"
                problems.append(((*location, index), message))

    for index, qualification in enumerate(catalogue.qualifications):
        check_codes(("qualifications", index, "satisfies"), qualification.satisfies)
    problems += _counts_as_cycles(catalogue, codes)

    bands, tracks = set(catalogue.bands), set(catalogue.tracks)
    role_ids = {role.id for role in catalogue.roles}
    for index, role in enumerate(catalogue.roles):
        at: Location = ("roles", index)
        if role.band not in bands:
            problems.append(
                (
                    (*at, "band"),
                    f"unknown band {role.band!r}; the bands are {', '.join(catalogue.bands)}",
                )
            )
        for position, track in enumerate(role.tracks):
            if track not in tracks:
                message = f"unknown track {track!r}; the tracks are {', '.join(catalogue.tracks)}"
                problems.append(((*at, "tracks", position), message))
        seen_routes: dict[frozenset[str], int] = {}
        for position, route in enumerate(role.requires):
            check_codes((*at, "requires", position), route)
            for code, count in Counter(route).items():
                if count > 1:
                    problems.append(
                        ((*at, "requires", position), f"{code} is listed twice in this route")
                    )
            key = frozenset(route)
            if key in seen_routes:
                message = f"this route repeats route {seen_routes[key] + 1} of {role.id}"
                problems.append(((*at, "requires", position), message))
            seen_routes.setdefault(key, position)
        check_codes((*at, "training", "leads_to"), role.training.leads_to)
        check_codes((*at, "experience"), role.experience)
        if catalogue.gains(role) and role.training.months is None:
            message = (
                f"{role.id} gives {', '.join(catalogue.gains(role))} but not how long that takes;"
                " add training: months: (typical months in the role)"
            )
            problems.append(((*at, "training"), message))
        for position, target in enumerate(role.progresses_to):
            location: Location = (*at, "progresses_to", position)
            if target == role.id:
                problems.append((location, f"{role.id} cannot progress to itself"))
            elif target not in role_ids:
                message = f"unknown role id {target}{did_you_mean(target, role_ids)}"
                problems.append((location, message))
        problems += _duplicates((*at, "progresses_to"), role.progresses_to, "progression")
    return problems


def _duplicates(
    location: Location | str, values: Sequence[str], noun: str, field: str | None = None
) -> list[tuple[Location, str]]:
    base: Location = (location,) if isinstance(location, str) else location
    first: dict[str, int] = {}
    problems: list[tuple[Location, str]] = []
    for index, value in enumerate(values):
        if value in first:
            place: Location = (*base, index, field) if field else (*base, index)
            problems.append((place, f"duplicate {noun} {value!r} (also entry {first[value] + 1})"))
        else:
            first[value] = index
    return problems


def _name_clashes(catalogue: Catalogue) -> list[tuple[Location, str]]:
    """Codes, names and aliases must each name one qualification, or typing them is ambiguous."""
    owner: dict[str, str] = {}
    problems: list[tuple[Location, str]] = []
    for index, qualification in enumerate(catalogue.qualifications):
        names: list[tuple[str, Location]] = [
            (qualification.code, ("qualifications", index, "code")),
            (qualification.name, ("qualifications", index, "name")),
        ]
        names += [
            (alias, ("qualifications", index, "aliases", position))
            for position, alias in enumerate(qualification.aliases)
        ]
        for name, location in names:
            key = normalise_name(name)
            other = owner.setdefault(key, qualification.code)
            if other != qualification.code:
                problems.append((location, f"{name!r} already names {other}"))
    return problems


def _counts_as_cycles(catalogue: Catalogue, codes: set[str]) -> list[tuple[Location, str]]:
    index_of = {q.code: index for index, q in enumerate(catalogue.qualifications)}
    edges = {
        q.code: [code for code in q.satisfies if code in codes] for q in catalogue.qualifications
    }
    finished: set[str] = set()
    problems: list[tuple[Location, str]] = []
    for start in edges:
        if start in finished:
            continue
        # Depth-first without recursion, so a long chain cannot exhaust the stack.
        path: list[str] = [start]
        pending: list[Iterator[str]] = [iter(edges[start])]
        while pending:
            target = next(pending[-1], None)
            if target is None:
                finished.add(path.pop())
                pending.pop()
            elif target in path:
                cycle = " -> ".join([*path[path.index(target) :], target])
                location: Location = ("qualifications", index_of[target], "satisfies")
                problems.append((location, f'"counts as" goes round in a circle: {cycle}'))
            elif target not in finished:
                path.append(target)
                pending.append(iter(edges[target]))
    return problems
