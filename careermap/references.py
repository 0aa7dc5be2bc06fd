"""Checks that need the whole catalogue to see: unknown or duplicate codes, role ids,
bands and tracks, names that clash, and circles in "counts as".

Free of YAML and pydantic, so the cache can re-check an entry it is about to trust.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from careermap.lookup import did_you_mean, fold, name_key
from careermap.models import Catalogue

Location = tuple[str | int, ...]
"""Where in the file: keys and list indexes, as YAML locates a value."""

MAX_HINTS = 10
"""Unknown codes and role ids get a "did you mean" up to this many times in one check: each
hint compares against every code, so a file full of unknown codes must not cost the square."""


def reference_problems(catalogue: Catalogue) -> list[tuple[Location, str]]:
    """Problems that need the whole catalogue to see, each with its location."""
    problems: list[tuple[Location, str]] = []
    hints_left = MAX_HINTS

    def hint(word: str, choices: Iterable[str]) -> str:
        nonlocal hints_left
        hints_left -= 1
        return did_you_mean(word, choices) if hints_left >= 0 else ""

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
                message = f"unknown qualification {code}{hint(code, codes)}"
                problems.append(((*location, index), message))

    for index, qualification in enumerate(catalogue.qualifications):
        check_codes(("qualifications", index, "satisfies"), qualification.satisfies)
        for number, route in enumerate(qualification.requires):
            check_codes(("qualifications", index, "requires", number), route)
            if qualification.code in route:
                place: Location = ("qualifications", index, "requires", number)
                problems.append((place, f"{qualification.code} cannot need itself first"))
    edges = {
        q.code: [code for code in q.satisfies if code in codes] for q in catalogue.qualifications
    }
    problems += _cycles(catalogue, edges, "satisfies", '"counts as" goes round in a circle')
    # A prerequisite every route of a course needs, needing that course in turn, closes
    # both courses to anyone who holds neither.
    unavoidable = {
        q.code: sorted(set.intersection(*map(set, q.requires)) & codes - {q.code})
        if q.requires
        else []
        for q in catalogue.qualifications
    }
    problems += _cycles(
        catalogue,
        unavoidable,
        "requires",
        "prerequisites go round in a circle, so none of these courses can ever be started",
    )

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
        check_codes((*at, "or_equivalent"), role.or_equivalent)
        asked = {code for route in role.requires for code in route}
        for position, code in enumerate(role.or_equivalent):
            if code in codes and code not in asked:
                message = f"or_equivalent names {code}, which none of {role.id}'s routes requires"
                problems.append(((*at, "or_equivalent", position), message))
        problems += _duplicates((*at, "or_equivalent"), role.or_equivalent, "code")
        for track, track_codes in role.training.by_track:
            towards: Location = (*at, "training", "by_track", track)
            if track not in catalogue.tracks:
                problems.append((towards, f"unknown track {track}{hint(track, catalogue.tracks)}"))
            check_codes(towards, track_codes)
        given = (*role.training.towards(), *role.experience)
        if given and role.training.months is None and role.experience_months is None:
            message = (
                f"{role.id} gives {', '.join(dict.fromkeys(given))} but not how long that takes;"
                " add training: months: (typical months in the role)"
            )
            problems.append(((*at, "training"), message))
        if role.experience_months is not None and not role.experience:
            message = "experience_months is given but the role builds no experience"
            problems.append(((*at, "experience_months"), message))
        elif (
            role.experience_months is not None
            and role.training.months is not None
            and role.experience_months < role.training.months
        ):
            message = (
                f"experience_months ({role.experience_months}) is shorter than the training's"
                f" months ({role.training.months}); leave it out to build the experience with"
                " the training"
            )
            problems.append(((*at, "experience_months"), message))
        for position, target in enumerate(role.progresses_to):
            location: Location = (*at, "progresses_to", position)
            if target == role.id:
                problems.append((location, f"{role.id} cannot progress to itself"))
            elif target not in role_ids:
                message = f"unknown role id {target}{hint(target, role_ids)}"
                problems.append((location, message))
        problems += _duplicates((*at, "progresses_to"), role.progresses_to, "progression")
    return problems


def _duplicates(
    location: Location | str, values: Sequence[str], noun: str, field: str | None = None
) -> list[tuple[Location, str]]:
    """Values that are the same once compared as people type them (``fold``: case and
    Unicode normal form ignored), so that looking one up cannot pick between them."""
    base: Location = (location,) if isinstance(location, str) else location
    first: dict[str, int] = {}
    problems: list[tuple[Location, str]] = []
    for index, value in enumerate(values):
        key = fold(value)
        if key in first:
            place: Location = (*base, index, field) if field else (*base, index)
            earlier, number = values[first[key]], first[key] + 1
            if earlier == value:
                message = f"duplicate {noun} {value!r} (also entry {number})"
            else:
                message = (
                    f"duplicate {noun} {value!r} (entry {number} is {earlier!r};"
                    f" {noun}s are matched ignoring case)"
                )
            problems.append((place, message))
        else:
            first[key] = index
    return problems


def _name_clashes(catalogue: Catalogue) -> list[tuple[Location, str]]:
    """Codes, names and aliases must each name one qualification, or typing them is
    ambiguous; they are compared as the resolver matches them (``name_key``)."""
    owner: dict[str, str] = {}
    problems: list[tuple[Location, str]] = []
    for index, qualification in enumerate(catalogue.qualifications):
        # An alias may re-spell its own code or name (DipSM for DIPSM), but not repeat
        # another alias.
        first_alias: dict[str, int] = {}
        for position, alias in enumerate(qualification.aliases):
            earlier = first_alias.setdefault(name_key(alias), position)
            if earlier != position:
                message = f"duplicate alias {alias!r} (also alias {earlier + 1}"
                same = qualification.aliases[earlier]
                message += ")" if same == alias else f", {same!r})"
                problems.append((("qualifications", index, "aliases", position), message))
        names: list[tuple[str, Location]] = [
            (qualification.code, ("qualifications", index, "code")),
            (qualification.name, ("qualifications", index, "name")),
        ]
        names += [
            (alias, ("qualifications", index, "aliases", position))
            for position, alias in enumerate(qualification.aliases)
        ]
        for name, location in names:
            key = name_key(name)
            other = owner.setdefault(key, qualification.code)
            if other != qualification.code:
                problems.append((location, f"{name!r} already names {other}"))
    return problems


def _cycles(
    catalogue: Catalogue, edges: dict[str, list[str]], field: str, what: str
) -> list[tuple[Location, str]]:
    """Each circle in ``edges`` (code -> codes), reported at ``field`` of a qualification
    on it as ``what: A -> B -> A``."""
    index_of = {q.code: index for index, q in enumerate(catalogue.qualifications)}
    finished: set[str] = set()
    problems: list[tuple[Location, str]] = []
    for start in edges:
        if start in finished:
            continue
        # Depth-first without recursion, so a long chain cannot exhaust the stack.
        path: list[str] = [start]
        # Each code's place on the path, beside the list: a long chain must not cost its square.
        on_path = {start: 0}
        pending: list[Iterator[str]] = [iter(edges[start])]
        while pending:
            target = next(pending[-1], None)
            if target is None:
                done = path.pop()
                del on_path[done]
                finished.add(done)
                pending.pop()
            elif target in on_path:
                cycle = _circle(path, on_path[target])
                location: Location = ("qualifications", index_of[target], field)
                problems.append((location, f"{what}: {cycle}"))
            elif target not in finished:
                path.append(target)
                on_path[target] = len(path) - 1
                pending.append(iter(edges[target]))
    return problems


def _circle(path: list[str], start: int, keep: int = 4) -> str:
    """The circle from ``path[start]`` round to it again, as text; its middle is left out
    when long, since a file can hold many circles through one long chain."""
    size = len(path) - start
    if size <= 2 * keep:
        return " -> ".join([*path[start:], path[start]])
    middle = f"... ({size - 2 * keep + 1} more)"
    return " -> ".join([*path[start : start + keep], middle, *path[-keep + 1 :], path[start]])
