"""The career map as one interactive page: ``careermap site``.

The page is a single self-contained HTML file (no network, no outside scripts, fonts or
styles), so it works from a shared drive, an intranet page or an email attachment. What
reads without ticking anything (the map, every role's entry routes, training and where it
leads, and the glossary of qualifications) is written here as HTML, so it reads even
where scripts are blocked. What depends on the qualifications a person ticks is worked
out in the page by ``site/rules.js``, a port of the rule engine and the route planner
that a browser test holds to the Python answers; precomputing every set of codes would
not scale to other catalogues. The page's data is the catalogue itself
(``Catalogue.to_data()``) and the palette, embedded as JSON.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from importlib.resources import files
from typing import Any

from careermap.engine import engine_for
from careermap.mapview import career_map
from careermap.models import Catalogue, Qualification, Role
from careermap.render.palette import (
    FILL,
    LABEL,
    NO_STATUS_FILL,
    NO_STATUS_STROKE,
    STATUSES,
    STROKE,
    SYMBOL,
)
from careermap.render.svg import FOOTER_CHARACTERS, render_svg

_ASSETS = ("rules.js", "site.js")

# Characters that could end the data's <script> element or start markup inside it: JSON
# allows them escaped, and JSON.parse reads them back.
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def site_page(catalogue: Catalogue) -> str:
    """The whole interactive page for ``catalogue``, as one HTML string."""
    script = _script()
    style = _asset("site.css")
    # Only this page's own script and style may run: nothing is fetched, whatever a
    # catalogue's text holds (it is escaped anyway) or wherever the file is opened.
    policy = (
        "default-src 'none'; "
        f"script-src '{_digest(script)}'; style-src '{_digest(style)}'; "
        "base-uri 'none'; form-action 'none'"
    )
    title = f"Career map: {catalogue.name}"
    edition = f" ({catalogue.version})" if catalogue.version else ""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        '<a class="skip no-print" href="#roles-heading">Skip to every role</a>',
        "<header>",
        f"<h1>{escape(catalogue.name)}{escape(edition)}</h1>",
        f'<p class="subtitle">{escape(_summary(catalogue))}</p>',
        "</header>",
        "<main>",
        *_yours(catalogue),
        *_map_section(catalogue),
        *_roles_section(catalogue),
        *_detail_section(catalogue),
        *_compare_section(catalogue),
        *_glossary(catalogue),
        '<p id="announce" class="visually-hidden" aria-live="polite"></p>',
        "</main>",
        "<footer><p>Made with careermap. Months are the map's typical figures."
        ' <span class="print-only" id="printed-on"></span></p></footer>',
        f'<script type="application/json" id="careermap-data">{_data(catalogue)}</script>',
        f"<script>{script}</script>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines)


def _asset(name: str) -> str:
    return (files("careermap.render") / "site" / name).read_text(encoding="utf-8")


def _script() -> str:
    body = "\n".join(_asset(name) for name in _ASSETS)
    if "</script" in body.lower() or "<!--" in body:
        raise AssertionError("the page's script must not hold </script or <!--")
    return f'(function () {{\n"use strict";\n{body}\n}})();\n'


def _digest(text: str) -> str:
    value = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"sha256-{value}"


def _data(catalogue: Catalogue) -> str:
    data: dict[str, Any] = {
        "catalogue": catalogue.to_data(),
        "palette": {
            "symbol": {str(s): SYMBOL[s] for s in STATUSES},
            "label": {str(s): LABEL[s] for s in STATUSES},
            "fill": {str(s): FILL[s] for s in STATUSES},
            "stroke": {str(s): STROKE[s] for s in STATUSES},
            "noStatusFill": NO_STATUS_FILL,
            "noStatusStroke": NO_STATUS_STROKE,
            "footerCharacters": FOOTER_CHARACTERS,
        },
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def _summary(catalogue: Catalogue) -> str:
    bands = [band for band in catalogue.bands if any(r.band == band for r in catalogue.roles)]
    count = len(catalogue.roles)
    span = f"band {bands[0]}" if len(bands) == 1 else f"bands {bands[0]} to {bands[-1]}"
    return (
        f"The career map: {count} role{'s' if count != 1 else ''} in {span},"
        f" {len(catalogue.qualifications)} qualifications."
    )


def _code(code: str) -> str:
    return f"<code>{escape(code)}</code>"


def _named(catalogue: Catalogue, code: str) -> str:
    return f"{_code(code)} {escape(catalogue.qualifications_by_code[code].name)}"


def _levels(qualification: Qualification) -> str:
    levels = [
        f"{scheme} {level}"
        for scheme, level in (("RQF", qualification.rqf), ("SCQF", qualification.scqf))
        if level is not None
    ]
    return ", ".join(levels)


def _yours(catalogue: Catalogue) -> list[str]:
    engine = engine_for(catalogue)
    items = []
    for q in catalogue.qualifications:
        about = []
        if levels := _levels(q):
            about.append(f"{levels}.")
        if q.aliases:
            about.append(f"Also called {', '.join(q.aliases)}.")
        if counts := engine.counts_as(q.code):
            about.append(f"Counts as {', '.join(counts)}.")
        ident = f"q-{q.code}"
        described = f' aria-describedby="{ident}-about"' if about else ""
        search = " ".join((q.code, q.name, *q.aliases))
        items.append(
            f'<li data-search="{escape(search)}">'
            f'<input type="checkbox" id="{ident}" value="{escape(q.code)}"{described}>'
            f'<label for="{ident}">{_code(q.code)} {escape(q.name)}</label>'
            + (f'<span class="about" id="{ident}-about">{escape(" ".join(about))}</span>')
            + f'<span class="implied" id="{ident}-implied"></span></li>'
        )
    return [
        '<section id="yours" aria-labelledby="yours-heading">',
        '<h2 id="yours-heading">Your qualifications</h2>',
        '<noscript><p class="note">Your browser is not running this page\'s script, so'
        " ticking does nothing here; the map, every role and the glossary below read as"
        " the poster does.</p></noscript>",
        '<p class="no-print">Tick the qualifications you hold, and the map shows what is'
        " open to you, why, and the cheapest route to any role. The page's address keeps"
        " your ticks (<code>#quals=ILM3,L3TSM</code>), so a link to it can be sent on.</p>",
        '<div class="picker no-print">',
        '<label for="qual-search">Search qualifications by code, name or alias</label>',
        '<input type="search" id="qual-search" autocomplete="off" aria-describedby="qual-count">',
        '<p id="qual-count" class="hint" aria-live="polite"></p>',
        "<fieldset>",
        "<legend>Qualifications you hold</legend>",
        '<ul class="quals">',
        *items,
        "</ul>",
        "</fieldset>",
        '<p class="actions">',
        '<button type="button" id="clear-quals">Clear all ticks</button>',
        '<button type="button" id="print-page">Print my page</button>',
        '<a id="share-link" href="#quals=">Link to this page with my ticks</a>',
        "</p>",
        '<p id="unknown-quals" class="note" hidden></p>',
        "</div>",
        '<p id="held-summary"></p>',
        '<p id="status" role="status" aria-live="polite" aria-atomic="true">'
        "No qualifications ticked: below is the whole map as the poster gives it.</p>",
        "</section>",
    ]


def _map_section(catalogue: Catalogue) -> list[str]:
    legend = "".join(
        f'<li><span class="swatch {s}" aria-hidden="true"></span>{SYMBOL[s]} {LABEL[s]}</li>'
        for s in STATUSES
    )
    return [
        '<section id="map" aria-labelledby="map-heading">',
        '<h2 id="map-heading">The map</h2>',
        '<p class="hint">Bands run left to right; arrows show where each role leads.'
        " Once you tick what you hold, each role is marked:</p>",
        f'<ul class="legend">{legend}</ul>',
        # The map scrolls sideways on a phone; a focusable, named region lets the keyboard.
        '<div class="map" role="region" aria-label="The map, scrolling sideways" tabindex="0">'
        f"{render_svg(career_map(catalogue))}</div>",
        "</section>",
    ]


def _roles_section(catalogue: Catalogue) -> list[str]:
    sources: dict[str, list[Role]] = {}
    for role in catalogue.roles:
        for target in role.progresses_to:
            sources.setdefault(target, []).append(role)
    out = [
        '<section id="roles" aria-labelledby="roles-heading">',
        '<h2 id="roles-heading" tabindex="-1">Every role</h2>',
    ]
    for band in catalogue.bands:
        roles = [role for role in catalogue.roles if role.band == band]
        if not roles:
            continue
        out += [f"<h3>Band {escape(band)}</h3>", '<div class="cards">']
        out += [_role_card(catalogue, role, sources.get(role.id, [])) for role in roles]
        out.append("</div>")
    out.append("</section>")
    return out


def _role_card(catalogue: Catalogue, role: Role, reached_from: list[Role]) -> str:
    ident = f"role-{role.id}"
    tracks = " and ".join(role.tracks)
    routes = "".join(
        f"<li>{'or ' if number else ''}{' and '.join(_named(catalogue, c) for c in route)}</li>"
        for number, route in enumerate(role.requires)
    )
    intro = "Any one of these routes:" if len(role.requires) > 1 else "This route:"
    rows = [f"<dt>Entry</dt><dd>{intro}<ul>{routes}</ul></dd>"]
    training = role.training
    if training.items:
        items = "".join(f"<li>{escape(item)}</li>" for item in training.items)
        rows.append(f"<dt>Training</dt><dd><ul>{items}</ul></dd>")
    if training.leads_to or training.by_track:
        gives = ", ".join(
            [_named(catalogue, c) for c in training.leads_to]
            + [
                f"{_named(catalogue, c)} towards {escape(track)}"
                for track, codes in training.by_track
                for c in codes
            ]
        )
        months = f", in about {training.months} months" if training.months else ""
        rows.append(f"<dt>Its training gives</dt><dd>{gives}{escape(months)}</dd>")
    if role.experience:
        builds = ", ".join(_named(catalogue, c) for c in role.experience)
        built = role.experience_months or training.months
        months = f", in about {built} months" if built else ""
        rows.append(f"<dt>Working here builds</dt><dd>{builds}{escape(months)}</dd>")
    leads = [catalogue.roles_by_id[target] for target in role.progresses_to]
    rows.append(f"<dt>Leads to</dt><dd>{_role_names(leads) or 'no other role on this map'}</dd>")
    if reached_from:
        rows.append(f"<dt>Reached from</dt><dd>{_role_names(reached_from)}</dd>")
    return (
        f'<article class="role" id="{ident}" aria-labelledby="{ident}-title">'
        f'<h4 id="{ident}-title">{escape(role.title)}</h4>'
        f'<p class="meta">Band {escape(role.band)}, {escape(tracks)}'
        f" track{'s' if len(role.tracks) > 1 else ''}. <code>{escape(role.id)}</code></p>"
        f'<div class="role-status" id="{ident}-status" hidden></div>'
        f"<dl>{''.join(rows)}</dl>"
        f'<p class="actions no-print">'
        f'<button type="button" data-explain="{escape(role.id)}"'
        f' aria-label="Why, and how to get there: {escape(role.title)}">'
        "Why, and how to get there</button>"
        f'<button type="button" data-compare="{escape(role.id)}"'
        f' aria-label="Compare {escape(role.title)}">Compare</button></p>'
        "</article>"
    )


def _role_names(roles: list[Role]) -> str:
    return ", ".join(f"{escape(r.title)} (band {escape(r.band)})" for r in roles)


def _role_options(catalogue: Catalogue, none: str | None = None) -> str:
    options = [f'<option value="">{escape(none)}</option>'] if none is not None else []
    options += [
        f'<option value="{escape(role.id)}">{escape(role.title)} (band {escape(role.band)})'
        "</option>"
        for role in catalogue.roles_in_band_order()
    ]
    return "".join(options)


def _detail_section(catalogue: Catalogue) -> list[str]:
    return [
        '<section id="detail" aria-labelledby="detail-heading">',
        '<h2 id="detail-heading" tabindex="-1">Why, and the cheapest route</h2>',
        '<p class="no-print"><label for="detail-role">Role</label> '
        f'<select id="detail-role">{_role_options(catalogue)}</select></p>',
        '<div id="explanation"><p class="hint">Every entry route of the role you pick,'
        " requirement by requirement, and the cheapest plan to it in typical months.</p></div>",
        '<div id="route"></div>',
        "</section>",
    ]


def _compare_section(catalogue: Catalogue) -> list[str]:
    slots = "".join(
        f'<p><label for="compare-{number}">{label}</label> '
        f'<select id="compare-{number}" class="compare-role">'
        f"{_role_options(catalogue, 'none')}</select></p>"
        for number, label in enumerate(("First role", "Second role", "Third role"))
    )
    return [
        '<section id="compare" aria-labelledby="compare-heading">',
        '<h2 id="compare-heading" tabindex="-1">Compare roles</h2>',
        f'<div class="compare-pickers no-print">{slots}</div>',
        '<div id="comparison"><p class="hint">Choose two or three roles to see them side by'
        " side.</p></div>",
        "</section>",
    ]


def _glossary(catalogue: Catalogue) -> list[str]:
    engine = engine_for(catalogue)
    rows = []
    for q in catalogue.qualifications:
        needs = " or ".join(" + ".join(route) for route in q.requires)
        course = f"about {q.course_months} months" if q.course_months is not None else "-"
        rows.append(
            f'<tr><th scope="row">{_code(q.code)}</th><td>{escape(q.name)}</td>'
            f"<td>{q.rqf if q.rqf is not None else '-'}</td>"
            f"<td>{q.scqf if q.scqf is not None else '-'}</td>"
            f"<td>{escape(', '.join(q.aliases)) or '-'}</td>"
            f"<td>{escape(', '.join(engine.counts_as(q.code))) or '-'}</td>"
            f"<td>{escape(course)}</td><td>{escape(needs) or '-'}</td></tr>"
        )
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in (
            "Code",
            "Name",
            "RQF level",
            "SCQF level",
            "Also called",
            "Counts as",
            "By a course",
            "Its course needs first",
        )
    )
    return [
        '<section id="glossary" aria-labelledby="glossary-heading">',
        '<h2 id="glossary-heading">The qualifications</h2>',
        '<p class="hint">Levels are on the RQF (England, Wales and Northern Ireland) and'
        ' SCQF (Scotland) frameworks. "Counts as" is followed all the way: a code that'
        " counts as another meets what that one meets.</p>",
        '<div class="scroll" role="region" aria-label="The qualifications, scrolling sideways"'
        ' tabindex="0">',
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
        "</div>",
        "</section>",
    ]
