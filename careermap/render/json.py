"""JSON export: the full answer, every route included, for other programs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from careermap.holdings import month_text
from careermap.render import OutputFormat, Renderer

if TYPE_CHECKING:
    from careermap.comparison import ComparedRole, Comparison
    from careermap.diff import CatalogueDiff, Edition, FieldChange, StaffImpact, Value
    from careermap.eligibility import RoleReport, RoleRow, Summary
    from careermap.explanation import Explanation
    from careermap.holdings import StudyItem
    from careermap.listing import QualificationList, RoleDetail, RoleEntry, RoleList
    from careermap.mapview import CareerMap
    from careermap.models import Role
    from careermap.person import PersonReport
    from careermap.planner import Plan
    from careermap.provenance import Provenance
    from careermap.team import PersonSummary, TeamReport
    from careermap.whatif import RoleShift, Unlocks

Document = dict[str, Any]


def dumps(document: Document) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


class JsonRenderer(Renderer):
    output_format = OutputFormat.JSON

    def stamp(self, text: str, provenance: Provenance) -> str:
        # Every document is an object: its first key says where it came from, spliced in
        # rather than parsed and dumped again (a whole service's export is large).
        produced = json.dumps({"produced": provenance.data()}, indent=2, ensure_ascii=False)
        return produced[:-2] + ",\n" + text[2:] if text.startswith("{\n") else text

    def role_report(self, report: RoleReport) -> str:
        document: Document = {"catalogue": report.catalogue, "quals": report.quals}
        if report.assessed:
            document["as_of"] = report.as_of.isoformat() if report.as_of else None
            document["studying"] = _study(report.studying)
            document["agreed"] = [{"code": a.code, "note": a.note} for a in report.agreed]
        if report.start is not None:
            document["from"] = {report.start.kind: report.start.value}
        document["summary"] = _summary(report.summary)
        document["roles"] = [_role_row(row) for row in report.rows]
        return dumps(document)

    def explanation(self, explanation: Explanation) -> str:
        row = explanation.row
        return dumps(
            {
                "catalogue": explanation.catalogue,
                "role": _role(explanation.role),
                "quals": list(explanation.held),
                "eligible": explanation.eligible,
                "availability": str(row.availability),
                "eligible_from": _month(row.eligible_from),
                "missing": list(row.gap),
                "months": row.months,
                "under_way": _study(row.relies_on),
                "closest_route": explanation.closest + 1,
                "routes": [
                    {
                        "number": number,
                        "requires": [
                            {
                                "code": c.code,
                                "name": c.name,
                                "met": c.met,
                                "via": c.via,
                                "under_way": _month(c.under_way.due if c.under_way else None),
                                "needs_first": [list(route) for route in c.needs_first],
                                "or_equivalent": c.or_equivalent,
                                "agreed": c.agreed,
                            }
                            for c in route.checks
                        ],
                        "missing": list(route.missing),
                    }
                    for number, route in enumerate(explanation.routes, start=1)
                ],
            }
        )

    def plan(self, plan: Plan) -> str:
        return dumps({"catalogue": plan.catalogue, **_plan(plan)})

    def team(self, report: TeamReport) -> str:
        document = _team(report)
        if report.people is not None:
            document["people"] = [_person(person) for person in report.people]
        return dumps(document)

    def team_stream(self, report: TeamReport) -> Iterator[str]:
        if report.people is None:
            yield self.team(report)
            return
        people = iter(report.people)  # the staff list is read again now, before the head
        # The document as ``team`` dumps it, each person spliced in at the depth of the
        # "people" list (a dump holds no raw line break but those of its indenting).
        yield dumps(_team(report))[: -len("\n}\n")] + ',\n  "people": ['
        encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
        separator = first = "\n    "
        for person in people:
            yield separator + encoder.encode(_person(person)).replace("\n", first)
            separator = "," + first
        yield ("]" if separator == first else "\n  ]") + "\n}\n"

    def stamp_stream(self, chunks: Iterator[str], provenance: Provenance) -> Iterator[str]:
        yield self.stamp(next(chunks, ""), provenance)  # the head leads with "produced"
        yield from chunks

    def career_map(self, view: CareerMap) -> str:
        return dumps(_map(view))

    def person_report(self, report: PersonReport) -> str:
        return dumps(
            {
                "catalogue": report.catalogue,
                "name": report.name,
                "role": report.current_role.id if report.current_role else None,
                "date": report.date.isoformat(),
                "version": report.version,
                "quals": [{"code": q.code, "name": q.name} for q in report.held],
                "studying": _study(report.studying),
                "agreed": [{"code": a.code, "note": a.note} for a in report.agreed],
                "summary": _summary(report.summary),
                "roles": [_role_row(row) for row in report.rows],
                "map": _map(report.map),
                "next_steps": list(report.next_steps),
                "from_band": report.from_band,
                "plans": [_plan(plan) for plan in report.plans],
            }
        )

    def role_list(self, listing: RoleList) -> str:
        return dumps(
            {"catalogue": listing.catalogue, "roles": [_entry(e) for e in listing.entries]}
        )

    def role_detail(self, detail: RoleDetail) -> str:
        return dumps(
            {
                "catalogue": detail.catalogue,
                "role": _entry(detail.entry),
                "names": detail.names,
                "needs_first": {
                    code: [list(route) for route in routes]
                    for code, routes in detail.needs_first.items()
                },
            }
        )

    def qualification_list(self, listing: QualificationList) -> str:
        return dumps(
            {
                "catalogue": listing.catalogue,
                "qualifications": [
                    {
                        "code": e.qualification.code,
                        "name": e.qualification.name,
                        "rqf": e.qualification.rqf,
                        "scqf": e.qualification.scqf,
                        "aliases": list(e.qualification.aliases),
                        "satisfies": list(e.qualification.satisfies),
                        "counts_as": list(e.counts_as),
                        "course_months": e.qualification.course_months,
                        "requires": [list(route) for route in e.qualification.requires],
                    }
                    for e in listing.entries
                ],
            }
        )

    def comparison(self, comparison: Comparison) -> str:
        def entry(compared: ComparedRole) -> Document:
            role = compared.role
            document: Document = {
                **_role(role),
                "tracks": list(role.tracks),
                "requires": [list(route) for route in role.requires],
                "training": list(role.training.items),
                "gives": list(dict.fromkeys((*role.training.towards(), *role.experience))),
                "training_months": role.training.months,
                "leads_to": [r.id for r in compared.leads_to],
                "reached_from": [r.id for r in compared.reached_from],
            }
            if comparison.held is not None:
                document["missing"] = list(compared.missing or ())
                document["months"] = compared.months
                earliest = compared.earliest
                document["earliest"] = None if earliest is None else earliest.isoformat()
            return document

        return dumps(
            {
                "catalogue": comparison.catalogue,
                "quals": None if comparison.held is None else list(comparison.held),
                "date": comparison.today.isoformat(),
                "roles": [entry(compared) for compared in comparison.roles],
            }
        )

    def unlocks(self, unlocks: Unlocks) -> str:
        def shift(item: RoleShift) -> Document:
            return {**_role(item.role), "before": list(item.before), "after": list(item.after)}

        return dumps(
            {
                "catalogue": unlocks.catalogue,
                "codes": list(unlocks.codes),
                "quals": None if unlocks.held is None else list(unlocks.held),
                "opens": [shift(item) for item in unlocks.opens],
                "closer": [shift(item) for item in unlocks.closer],
                "counts_towards": [_role(role) for role in unlocks.counts_towards],
            }
        )

    def diff(self, diff: CatalogueDiff) -> str:
        """The shape, documented in the README (``diff``): ``catalogues`` (old, new),
        ``differences``, ``map``, ``qualifications`` and ``roles`` (each ``added``,
        ``removed``, ``changed``) and ``staff`` (null without a staff list)."""
        return dumps(
            {
                "catalogues": {"old": _edition(diff.old), "new": _edition(diff.new)},
                "differences": diff.differs,
                "map": [_field_change(change) for change in diff.map_changes],
                "qualifications": {
                    "added": [{"code": q.code, "name": q.name} for q in diff.qualifications_added],
                    "removed": [
                        {"code": q.code, "name": q.name} for q in diff.qualifications_removed
                    ],
                    "changed": [
                        {
                            "code": change.code,
                            "name": change.name,
                            "changes": [_field_change(field) for field in change.changes],
                        }
                        for change in diff.qualifications_changed
                    ],
                },
                "roles": {
                    "added": [_role(role) for role in diff.roles_added],
                    "removed": [_role(role) for role in diff.roles_removed],
                    "changed": [
                        {
                            **_role(change.role),
                            "changes": [_field_change(field) for field in change.changes],
                            "routes_added": [list(route) for route in change.routes_added],
                            "routes_removed": [list(route) for route in change.routes_removed],
                            "progressions_added": list(change.progressions_added),
                            "progressions_removed": list(change.progressions_removed),
                        }
                        for change in diff.roles_changed
                    ],
                },
                "staff": None if diff.staff is None else _staff_impact(diff.staff),
            }
        )


def _team(report: TeamReport) -> Document:
    """A team's document, but for its people."""
    return {
        "catalogue": report.catalogue,
        "source": report.source,
        "staff": report.staff,
        "studying": report.studying,
        "skipped": [{"line": p.line, "message": p.message} for p in report.problems],
        "next_step_needs": [
            {
                "code": need.qualification.code,
                "name": need.qualification.name,
                "equivalents": [q.code for q in need.equivalents],
                "staff": need.staff,
                "by_role": [
                    {"role": role.id if role else None, "staff": staff}
                    for role, staff in need.by_role
                ],
                "by_band": [{"band": band, "staff": staff} for band, staff in need.by_band],
                "course_months": need.qualification.course_months,
                "cost_each": need.qualification.cost,
                "total_cost": need.total_cost,
                "alone_opens": need.unlocks,
            }
            for need in report.next_step_needs
        ],
        "needs_planned": {
            "proven_cheapest": report.needs_proven,
            "staff_on_closest_route": report.unplanned_staff,
        },
        "roles": [
            {
                **_role(c.role),
                "eligible": c.eligible,
                "one_away": c.one_away,
                **({"eligible_after": c.eligible_after} if report.what_if else {}),
                **({"eligible_after_study": c.eligible_after_study} if report.studying else {}),
            }
            for c in report.roles
        ],
        "out_of_role_total": report.out_of_role_total,
        "out_of_role": [
            {
                "line": misfit.line,
                "name": misfit.name,
                "role": misfit.role.id,
                "missing": [list(gap) for gap in misfit.missing],
            }
            for misfit in report.out_of_role
        ],
        "unrecognised": [
            {"column": u.column, "spelling": u.spelling, "staff": u.staff, "closest": u.hint}
            for u in report.unrecognised
        ],
        "what_if": None
        if report.what_if is None
        else {
            "codes": list(report.what_if.codes),
            "group": report.what_if.group,
            "staff": report.what_if.staff,
            "not_in_staff_list": list(report.what_if.missing_from_list),
            "newly_eligible_for_a_next_step": report.what_if.reach_next_step,
        },
        # Staff each code alone would make eligible for any role above their band.
        "training": [
            {"code": n.qualification.code, "name": n.qualification.name, "unlocks": n.unlocks}
            for n in report.training
        ],
    }


def _person(person: PersonSummary) -> Document:
    return {
        "line": person.line,
        "name": person.name,
        "role": person.role.id if person.role else None,
        "eligible": [role.id for role in person.eligible],
        "next_steps": [
            {
                "role": step.role.id,
                "missing": list(step.missing),
                "months": step.months,
                "planned": step.planned,
            }
            for step in person.next_steps
        ],
        "studying": list(person.studying),
        "unrecognised": list(person.unrecognised),
    }


def _edition(edition: Edition) -> Document:
    return {
        "name": edition.name,
        "version": edition.version,
        "effective_from": edition.effective_from,
        "file": edition.file,
    }


def _plain_value(value: Value) -> Any:
    if isinstance(value, tuple):
        return [list(item) if isinstance(item, tuple) else item for item in value]
    return value


def _field_change(change: FieldChange) -> Document:
    return {
        "field": change.field,
        "before": _plain_value(change.before),
        "after": _plain_value(change.after),
    }


def _staff_impact(staff: StaffImpact) -> Document:
    return {
        "source": staff.source,
        "staff": staff.staff,
        "affected": staff.affected,
        "skipped": [
            {"line": problem.line, "side": problem.side, "message": problem.message}
            for problem in staff.problems
        ],
        "totals": [
            {
                **_role(total.role),
                "gains": total.gains,
                "losses": total.losses,
                "gap_changes": total.gap_changes,
            }
            for total in staff.totals
        ],
        "people": [
            {
                "line": person.line,
                "name": person.name,
                "role": person.role,
                "changes": [
                    {
                        "role": shift.role.id,
                        "change": str(shift.shift),
                        "missing_before": list(shift.missing_before),
                        "missing_after": list(shift.missing_after),
                    }
                    for shift in person.shifts
                ],
            }
            for person in staff.people
        ],
    }


def _role(role: Role) -> Document:
    return {"id": role.id, "title": role.title, "band": role.band}


def _summary(summary: Summary | None) -> Document | None:
    if summary is None:
        return None
    return {
        "roles": summary.roles,
        "eligible": summary.eligible,
        "eligible_later": summary.eligible_later,
        "one_away": summary.one_away,
        "unplanned": summary.unplanned,
    }


def _month(day: date | None) -> str | None:
    return None if day is None else month_text(day)


def _study(items: Iterable[StudyItem]) -> list[Document]:
    return [{"code": item.code, "due": item.month} for item in items]


def _role_row(row: RoleRow) -> Document:
    """A role as the table shows it: routes numbered from 1, ``closest_route`` naming the
    one the cheapest plan meets, ``missing`` what is needed beyond study under way."""
    role, result = row.role, row.result
    shown = result
    if shown is None:
        routes: list[Document] = [
            {"number": number, "requires": list(route), "missing": None}
            for number, route in enumerate(role.requires, start=1)
        ]
    else:
        routes = [
            {"number": number, "requires": list(route.requires), "missing": list(route.missing)}
            for number, route in enumerate(shown.routes, start=1)
        ]
    assessed = result is not None and shown is not None
    return {
        **_role(role),
        "tracks": list(role.tracks),
        "eligible": None if result is None else result.eligible,
        "availability": None if row.availability is None else str(row.availability),
        "eligible_from": _month(row.eligible_from),
        "status": None if row.status is None else str(row.status),
        "missing": list(row.gap) if assessed else None,
        "months": row.months,
        "under_way": _study(row.relies_on),
        "or_equivalent": [code for code in row.gap if code in role.or_equivalent],
        "closest_route": shown.closest + 1 if shown is not None else None,
        "routes": routes,
    }


def _plan(plan: Plan) -> Document:
    return {
        "target": _role(plan.target),
        "quals": list(plan.start),
        "reachable": plan.reachable,
        "steps": [
            {
                "step": number,
                "kind": step.kind,
                "id": step.id,
                "title": step.title,
                "gives": list(step.gives),
                "months": step.months,
                "start_month": step.start_month,
                "end_month": step.end_month,
                "under_way": step.under_way,
            }
            for number, step in enumerate(plan.steps, start=1)
        ],
        "total_months": plan.total_months if plan.reachable else None,
        "sequential_months": plan.sequential_months if plan.reachable else None,
        "proven_cheapest": plan.proven_cheapest if plan.reachable else None,
        "route": list(plan.route) if plan.route is not None else None,
        "blocked_by": [list(codes) for codes in plan.blocked_by],
    }


def _map(view: CareerMap) -> Document:
    return {
        "catalogue": view.catalogue,
        "quals": None if view.quals is None else list(view.quals),
        "bands": list(view.bands),
        "lanes": list(view.lanes),
        "roles": [
            {
                **_role(node.role),
                "lane": view.lanes[node.lane],
                "status": None if node.status is None else str(node.status),
                "missing": None if node.status is None else list(node.missing),
                "progresses_to": list(node.role.progresses_to),
            }
            for node in view.nodes
        ],
    }


def _entry(entry: RoleEntry) -> Document:
    role = entry.role
    return {
        **_role(role),
        "tracks": list(role.tracks),
        "requires": [list(route) for route in role.requires],
        "training": {
            "items": list(role.training.items),
            "leads_to": list(role.training.leads_to),
            "by_track": {track: list(codes) for track, codes in role.training.by_track},
            "months": role.training.months,
        },
        "experience": list(role.experience),
        "experience_months": role.experience_months,
        "or_equivalent": list(role.or_equivalent),
        "progresses_to": [r.id for r in entry.progresses_to],
        "reached_from": [r.id for r in entry.reached_from],
    }
