"""What a change to the career map changes: between two editions of a catalogue, the
roles, entry routes, qualifications and progressions added, removed or changed, and, for
a staff list, each person who gains or loses eligibility for a role or whose gap to one
changes.

Roles are matched by id and qualifications by code. Lists whose order carries no meaning
(entry routes, the codes within one, tracks, "counts as", what a role gives) are compared
as sets, so reordering a file is no change. A role on one side only is added or removed;
no one "gains" or "loses" it.

Each staff row is judged against each map on its own (``RowChecker``): a row that is a
problem on either side (a code the new map dropped, a role it removed) is reported with
its line and left out of the comparison. Staff who hold the same codes are worked out
once per map, on bit matrices (``careermap.bulk``), and each distinct pair of sets (old,
new) is compared once, so a list of 100,000 costs about as much as reading it twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, Literal

from careermap.engine import RuleEngine, engine_for
from careermap.memo import Bounded
from careermap.models import Catalogue, Qualification, Role
from careermap.subject import Kind

if TYPE_CHECKING:
    from careermap.mapping import StaffMapping
    from careermap.staff import StaffRow

_GAPS_KEPT = 1 << 18
"""Gaps remembered per map while comparing a staff list: a few tuples of codes each."""

Value = str | int | tuple[str, ...] | tuple[tuple[str, ...], ...] | None
"""A field's value as the catalogue holds it: text, a number, codes, or routes."""
Side = Literal["old", "new", "both"]


@dataclass(frozen=True)
class Edition:
    """Which map one side of a diff is: every output names both."""

    name: str
    version: str | None
    effective_from: str | None
    file: str | None = None
    """Where it was read from, when the caller says."""

    @property
    def edition(self) -> str:
        """``version 2025-26 (effective from 2025-04-01)``; "" when the map gives neither."""
        date = f"effective from {self.effective_from}" if self.effective_from else ""
        if self.version is None:
            return date
        return f"version {self.version} ({date})" if date else f"version {self.version}"

    @property
    def label(self) -> str:
        """``Service map, version 2025-26 (effective from 2025-04-01), from roles.yaml``."""
        parts = [self.name, self.edition, f"from {self.file}" if self.file else ""]
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs: ``before`` on the old map, ``after`` on the new."""

    field: str
    before: Value
    after: Value


@dataclass(frozen=True)
class QualificationChange:
    code: str
    name: str
    """Its name on the new map."""
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class RoleChange:
    """A role on both maps whose definition differs; ``role`` is the new map's."""

    role: Role
    changes: tuple[FieldChange, ...]
    """Title, band, tracks, training, experience: whatever differs."""
    routes_added: tuple[tuple[str, ...], ...]
    routes_removed: tuple[tuple[str, ...], ...]
    progressions_added: tuple[str, ...]
    progressions_removed: tuple[str, ...]


class Shift(StrEnum):
    """How one role changed for one person."""

    GAINS = "gains"
    """Eligible on the new map, not on the old."""
    LOSES = "loses"
    """Eligible on the old map, not on the new."""
    GAP = "gap"
    """Not eligible on either, and the codes still missing differ."""


@dataclass(frozen=True)
class RoleShift:
    role: Role
    """The new map's role."""
    shift: Shift
    missing_before: tuple[str, ...]
    """The gap on the old map: the fewest codes missing, on its closest route (empty when
    eligible)."""
    missing_after: tuple[str, ...]


@dataclass(frozen=True)
class PersonChange:
    line: int
    name: str
    role: str | None
    """Their current role's id, if the staff list gives one."""
    shifts: tuple[RoleShift, ...]
    """Lowest band first."""


@dataclass(frozen=True)
class RowProblem:
    """A staff row left out because it is a problem on one map or both."""

    line: int
    side: Side
    message: str


@dataclass(frozen=True)
class RoleTotal:
    role: Role
    gains: int
    losses: int
    gap_changes: int


@dataclass(frozen=True)
class StaffImpact:
    source: str
    staff: int
    """Rows judged on both maps (problem rows not counted)."""
    problems: tuple[RowProblem, ...]
    people: tuple[PersonChange, ...]
    """Only those affected, in the list's order."""
    totals: tuple[RoleTotal, ...]
    """Only roles with a change for someone, lowest band first."""

    @property
    def affected(self) -> int:
        return len(self.people)


@dataclass(frozen=True)
class CatalogueDiff:
    old: Edition
    new: Edition
    map_changes: tuple[FieldChange, ...]
    """The map's bands (in order) and tracks."""
    qualifications_added: tuple[Qualification, ...]
    qualifications_removed: tuple[Qualification, ...]
    qualifications_changed: tuple[QualificationChange, ...]
    roles_added: tuple[Role, ...]
    """Lowest band first (the new map's bands)."""
    roles_removed: tuple[Role, ...]
    """Lowest band first (the old map's bands)."""
    roles_changed: tuple[RoleChange, ...]
    staff: StaffImpact | None = None
    kind: ClassVar[Literal[Kind.DIFF]] = Kind.DIFF

    @property
    def map_differs(self) -> bool:
        """Whether anything on the map differs (its name, version and date aside)."""
        return any(
            (
                self.map_changes,
                self.qualifications_added,
                self.qualifications_removed,
                self.qualifications_changed,
                self.roles_added,
                self.roles_removed,
                self.roles_changed,
            )
        )

    @property
    def differs(self) -> bool:
        """Whether there is anything to report: a change to the map, or to someone."""
        return self.map_differs or bool(self.staff and self.staff.people)

    @property
    def heading(self) -> str:
        """Which two maps: ``Changes to Service map: version 1 to version 2`` when only
        the edition differs, else ``Changes from A (version 1) to B (version 2)``."""
        old, new = self.old, self.new
        if old.name != new.name:
            return f"Changes from {_named(old)} to {_named(new)}"
        before = old.edition or old.file or "the old map"
        after = new.edition or new.file or "the new map"
        return f"Changes to {new.name}: {before} to {after}"


def _named(edition: Edition) -> str:
    return f"{edition.name}, {edition.edition}" if edition.edition else edition.name


def catalogue_diff(
    old: Catalogue,
    new: Catalogue,
    staff_rows: Iterable[StaffRow] | None = None,
    *,
    source: str = "<staff>",
    old_file: str | None = None,
    new_file: str | None = None,
    mappings: tuple[StaffMapping | None, StaffMapping | None] = (None, None),
) -> CatalogueDiff:
    """What changes from ``old`` to ``new``; with ``staff_rows`` (from ``iter_staff``,
    named ``source`` in messages), also who it affects and how, reading the rows through
    ``mappings`` (a mapping file loaded against each map). ``old_file`` and ``new_file``
    say where the maps came from, for the outputs to name."""
    old_quals, new_quals = old.qualifications_by_code, new.qualifications_by_code
    old_roles, new_roles = old.roles_by_id, new.roles_by_id
    role_changes = [
        _role_change(old_roles[role.id], role)
        for role in new.roles_in_band_order()
        if role.id in old_roles
    ]
    quals_changed = [
        _qualification_change(old_quals[q.code], q)
        for q in new.qualifications
        if q.code in old_quals
    ]
    map_changes = [
        _changed("bands", old.bands, new.bands),
        _changed("tracks", old.tracks, new.tracks, unordered=True),
    ]
    staff = None
    if staff_rows is not None:
        staff = _staff_impact(old, new, staff_rows, source, mappings)
    return CatalogueDiff(
        old=Edition(old.name, old.version, old.effective_from, old_file),
        new=Edition(new.name, new.version, new.effective_from, new_file),
        map_changes=_found(map_changes),
        qualifications_added=tuple(q for q in new.qualifications if q.code not in old_quals),
        qualifications_removed=tuple(q for q in old.qualifications if q.code not in new_quals),
        qualifications_changed=tuple(change for change in quals_changed if change is not None),
        roles_added=tuple(r for r in new.roles_in_band_order() if r.id not in old_roles),
        roles_removed=tuple(r for r in old.roles_in_band_order() if r.id not in new_roles),
        roles_changed=tuple(change for change in role_changes if change is not None),
        staff=staff,
    )


def _changed(
    field: str, before: Value, after: Value, *, unordered: bool = False
) -> FieldChange | None:
    """A change of ``field``, or None. ``unordered`` compares lists as sets, and lists of
    routes as sets of sets."""
    if unordered and isinstance(before, tuple) and isinstance(after, tuple):
        same = _as_set(before) == _as_set(after)
    else:
        same = before == after
    return None if same else FieldChange(field, before, after)


def _found(changes: Iterable[FieldChange | None]) -> tuple[FieldChange, ...]:
    return tuple(change for change in changes if change is not None)


def _by_track(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    """``operations: ILM5`` a track, as a diff lists them."""
    return tuple(f"{track}: {' + '.join(codes)}" for track, codes in pairs)


def _as_set(values: tuple[str, ...] | tuple[tuple[str, ...], ...]) -> frozenset[object]:
    return frozenset(frozenset(v) if isinstance(v, tuple) else v for v in values)


def _qualification_change(old: Qualification, new: Qualification) -> QualificationChange | None:
    changes = [
        _changed("name", old.name, new.name),
        _changed("rqf", old.rqf, new.rqf),
        _changed("scqf", old.scqf, new.scqf),
        _changed("aliases", old.aliases, new.aliases, unordered=True),
        _changed("counts_as", old.satisfies, new.satisfies, unordered=True),
        _changed("course_months", old.course_months, new.course_months),
        _changed("cost", old.cost, new.cost),
        _changed("needs_first", old.requires, new.requires, unordered=True),
        _changed("alongside_work", old.alongside_work, new.alongside_work),
        _changed("gained_through", old.gained_through, new.gained_through),
        _changed("from_any_role", old.from_any_role, new.from_any_role),
    ]
    found = _found(changes)
    return QualificationChange(new.code, new.name, found) if found else None


def _role_change(old: Role, new: Role) -> RoleChange | None:
    changes = [
        _changed("title", old.title, new.title),
        _changed("band", old.band, new.band),
        _changed("tracks", old.tracks, new.tracks, unordered=True),
        _changed("training", old.training.items, new.training.items, unordered=True),
        _changed("training_leads_to", old.training.leads_to, new.training.leads_to, unordered=True),
        _changed("training_months", old.training.months, new.training.months),
        _changed("experience", old.experience, new.experience, unordered=True),
        _changed("experience_months", old.experience_months, new.experience_months),
        _changed(
            "training_by_track", _by_track(old.training.by_track), _by_track(new.training.by_track)
        ),
        _changed("or_equivalent", old.or_equivalent, new.or_equivalent, unordered=True),
    ]
    old_routes = {frozenset(route) for route in old.requires}
    new_routes = {frozenset(route) for route in new.requires}
    change = RoleChange(
        new,
        _found(changes),
        routes_added=tuple(r for r in new.requires if frozenset(r) not in old_routes),
        routes_removed=tuple(r for r in old.requires if frozenset(r) not in new_routes),
        progressions_added=tuple(t for t in new.progresses_to if t not in old.progresses_to),
        progressions_removed=tuple(t for t in old.progresses_to if t not in new.progresses_to),
    )
    differs = (
        change.changes,
        change.routes_added,
        change.routes_removed,
        change.progressions_added,
        change.progressions_removed,
    )
    return change if any(differs) else None


# Staff


@dataclass(frozen=True)
class _Judged:
    """A row fine on both maps: who, and the row of its (old, new) pair of sets."""

    line: int
    name: str
    role: str | None
    pair: int


def _staff_impact(
    old: Catalogue,
    new: Catalogue,
    rows: Iterable[StaffRow],
    source: str,
    mappings: tuple[StaffMapping | None, StaffMapping | None],
) -> StaffImpact:
    from careermap.team import RowChecker  # staff lists only

    old_checker, new_checker = RowChecker(old, mappings[0]), RowChecker(new, mappings[1])
    problems: list[RowProblem] = []
    pairs: dict[tuple[int, int], int] = {}
    judged: list[_Judged] = []
    for row in rows:
        old_problem, _, _, old_mask = old_checker.check(row)
        new_problem, role, _, new_mask = new_checker.check(row)
        if old_problem or new_problem:
            problems += _row_problems(row.line, old_problem, new_problem)
            continue
        pair = pairs.setdefault((old_mask, new_mask), len(pairs))
        judged.append(_Judged(row.line, row.name, role.id if role else None, pair))
    shifts = _pair_shifts(old, new, tuple(pairs))
    people = tuple(
        PersonChange(person.line, person.name, person.role, shifts[person.pair])
        for person in judged
        if shifts[person.pair]
    )
    return StaffImpact(source, len(judged), tuple(problems), people, _totals(new, people))


def _row_problems(line: int, old: str | None, new: str | None) -> list[RowProblem]:
    if old and new and old == new:
        return [RowProblem(line, "both", old)]
    found: list[RowProblem] = []
    if old:
        found.append(RowProblem(line, "old", old))
    if new:
        found.append(RowProblem(line, "new", new))
    return found


def _pair_shifts(
    old: Catalogue, new: Catalogue, pairs: Sequence[tuple[int, int]]
) -> list[tuple[RoleShift, ...]]:
    """For each distinct (old, new) pair of effective sets, how each role on both maps
    changes. Counts come from the bit matrices for all pairs at once; result objects
    (the codes missing) are built only where a count or a set of codes may differ."""
    common = [role for role in new.roles_in_band_order() if role.id in old.roles_by_id]
    if not pairs or not common:
        return [() for _ in pairs]
    import numpy as np  # staff lists only, as in careermap.bulk

    from careermap.bulk import matrices_for

    old_engine, new_engine = engine_for(old), engine_for(new)
    old_masks = tuple(dict.fromkeys(mask for mask, _ in pairs))
    new_masks = tuple(dict.fromkeys(mask for _, mask in pairs))
    old_fewest, old_closest = matrices_for(old).solve(old_masks)
    new_fewest, new_closest = matrices_for(new).solve(new_masks)
    old_row = {mask: row for row, mask in enumerate(old_masks)}
    new_row = {mask: row for row, mask in enumerate(new_masks)}
    old_rows = np.array([old_row[mask] for mask, _ in pairs], dtype=np.intp)
    new_rows = np.array([new_row[mask] for _, mask in pairs], dtype=np.intp)
    old_index = np.array([old_engine.role_index[role.id] for role in common], dtype=np.intp)
    new_index = np.array([new_engine.role_index[role.id] for role in common], dtype=np.intp)
    before = old_fewest[old_rows][:, old_index]
    after = new_fewest[new_rows][:, new_index]
    # With the same routes and the same codes held, equal counts mean the same gap: only
    # a tie between routes could be settled differently, and reordering is no change.
    same_routes = np.array(
        [
            {frozenset(r) for r in old.roles_by_id[role.id].requires}
            == {frozenset(r) for r in role.requires}
            for role in common
        ],
        dtype=bool,
    )
    same_held = np.array(
        [set(old_engine.codes_in(o)) == set(new_engine.codes_in(n)) for o, n in pairs],
        dtype=bool,
    )
    maybe = (before != after) | (
        (before == after) & (before > 0) & ~(same_routes[None, :] & same_held[:, None])
    )
    old_gap, new_gap = _GapMemo(old_engine), _GapMemo(new_engine)
    old_near = old_closest[old_rows][:, old_index]
    new_near = new_closest[new_rows][:, new_index]
    shifts: list[list[RoleShift]] = [[] for _ in pairs]
    for pair, column in zip(*np.nonzero(maybe), strict=True):
        (old_mask, new_mask), role = pairs[pair], common[column]
        missing_before = old_gap(int(old_index[column]), int(old_near[pair, column]), old_mask)
        missing_after = new_gap(int(new_index[column]), int(new_near[pair, column]), new_mask)
        if not missing_before and missing_after:
            shift = Shift.LOSES
        elif missing_before and not missing_after:
            shift = Shift.GAINS
        elif set(missing_before) != set(missing_after):
            shift = Shift.GAP
        else:
            continue
        shifts[int(pair)].append(RoleShift(role, shift, missing_before, missing_after))
    return [tuple(found) for found in shifts]


class _GapMemo:
    """The codes missing on one route of one role for an effective set, as ``evaluate``
    gives them. They depend only on the route's codes the set lacks, which repeat across
    a staff list, so each (role, route, lacking codes) is worked out once."""

    def __init__(self, engine: RuleEngine) -> None:
        self.engine = engine
        self._found: Bounded[tuple[int, int, int], tuple[str, ...]] = Bounded(_GAPS_KEPT)

    def __call__(self, role: int, route: int, effective: int) -> tuple[str, ...]:
        compiled = self.engine.compiled[role][route]
        key = (role, route, compiled.mask & ~effective)
        found = self._found.get(key)
        if found is None:
            # The engine's own wording of a gap, route order and stand-ins included.
            found = self._found.put(key, self.engine._missing(compiled, key[2]))
        return found


def _totals(new: Catalogue, people: Sequence[PersonChange]) -> tuple[RoleTotal, ...]:
    counts: dict[str, list[int]] = {}
    slot = {Shift.GAINS: 0, Shift.LOSES: 1, Shift.GAP: 2}
    for person in people:
        for change in person.shifts:
            counts.setdefault(change.role.id, [0, 0, 0])[slot[change.shift]] += 1
    return tuple(
        RoleTotal(role, *counts[role.id]) for role in new.roles_in_band_order() if role.id in counts
    )


def value_text(value: Value) -> str:
    """A field's value in words for a table cell: routes as ``A + B or C``, lists joined
    with ``, ``, nothing as ``-``."""
    if value is None or value == ():
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        if isinstance(value[0], tuple):
            return " or ".join(" + ".join(route) for route in value)
        return ", ".join(str(item) for item in value)
    return str(value)


def route_text(route: tuple[str, ...]) -> str:
    return " + ".join(route)


# The wording every format shares, so a diff reads the same in each.

NO_MAP_DIFFERENCES = (
    "No differences: the two maps have the same bands, tracks, qualifications and roles."
)


@dataclass(frozen=True)
class ChangeLine:
    """One change to the map as text: what (``map``, ``qualification``, ``role``), which,
    its name, the change (``added``, ``route removed``, a field's name) and before/after."""

    section: str
    id: str
    name: str
    change: str
    before: str
    after: str


def change_lines(diff: CatalogueDiff) -> list[ChangeLine]:
    """Every change to the map, one a line: the map's own, then qualifications (added,
    removed, changed), then roles (added, removed, changed), lowest band first."""
    lines = [
        ChangeLine("map", change.field, "", "changed", value_text(change.before),
                   value_text(change.after))
        for change in diff.map_changes
    ]  # fmt: skip
    lines += [
        ChangeLine("qualification", q.code, q.name, "added", "", "")
        for q in diff.qualifications_added
    ]
    lines += [
        ChangeLine("qualification", q.code, q.name, "removed", "", "")
        for q in diff.qualifications_removed
    ]
    for q_change in diff.qualifications_changed:
        lines += [
            ChangeLine("qualification", q_change.code, q_change.name, field.field,
                       value_text(field.before), value_text(field.after))
            for field in q_change.changes
        ]  # fmt: skip
    lines += [
        ChangeLine("role", r.id, r.title, f"added (band {r.band})", "", "")
        for r in diff.roles_added
    ]
    lines += [
        ChangeLine("role", r.id, r.title, f"removed (band {r.band})", "", "")
        for r in diff.roles_removed
    ]
    for r_change in diff.roles_changed:
        role = r_change.role
        lines += [
            ChangeLine("role", role.id, role.title, field.field, value_text(field.before),
                       value_text(field.after))
            for field in r_change.changes
        ]  # fmt: skip
        lines += [
            ChangeLine("role", role.id, role.title, "route removed", route_text(r), "")
            for r in r_change.routes_removed
        ]
        lines += [
            ChangeLine("role", role.id, role.title, "route added", "", route_text(r))
            for r in r_change.routes_added
        ]
        lines += [
            ChangeLine("role", role.id, role.title, "progression removed", t, "")
            for t in r_change.progressions_removed
        ]
        lines += [
            ChangeLine("role", role.id, role.title, "progression added", "", t)
            for t in r_change.progressions_added
        ]
    return lines


def staff_sentence(staff: StaffImpact) -> str:
    """``12 staff from staff.csv on both maps: 3 affected (1 row skipped).``"""
    skipped = len({problem.line for problem in staff.problems})
    text = f"{staff.staff} staff from {staff.source} on both maps: "
    if staff.affected:
        noun = "person" if staff.affected == 1 else "people"
        text += f"{staff.affected} {noun} affected"
    else:
        text += "no one's eligibility or gap changes"
    if skipped:
        text += f" ({skipped} row{'s' if skipped != 1 else ''} skipped)"
    return text + "."


def side_text(side: Side) -> str:
    return "both maps" if side == "both" else f"the {side} map"
