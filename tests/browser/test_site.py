"""careermap site: one self-contained page that answers as the Python engine does.

The page works out eligibility, gaps, explanations and plans in the browser, so most of
these tests hold its answers to ``careermap.evaluate``, ``careermap.explain`` and
``careermap.plan_path``: on every subset of the shipped map's codes, on random maps (the
property-test strategies and the benchmarks' synthetic maps) and on a map where "counts
as" leaves the cover search real choices. The rest open the page in Chromium as a person
would: ticking, by keyboard, from a link, on a phone, through axe-core, and printed.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careermap import (
    Catalogue,
    Status,
    check_report,
    evaluate,
    explain,
    load_catalogue,
    plan_path,
)
from careermap.catalogue import catalogue_from_data
from careermap.planner import DEFAULT_BUDGET
from careermap.render.palette import FILL, LABEL, SYMBOL
from careermap.render.site import site_page
from careermap.render.text import explanation_heading, plan_outcome

from ..cli.test_map_report import WCAG_TAGS
from ..conftest import SMALL, Run
from ..strategies import catalogues, maps

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

ROOT = Path(__file__).parents[2]
Answer = Any
"""What a page function returns: plain JSON data."""

# A few thousand steps of search: enough for most plans on these maps, too few for some,
# so the greedy finish is compared too.
SMALL_BUDGET = 40


# ---------------------------------------------------------------- the Python answers


def engine_answers(catalogue: Catalogue, sets: Sequence[Sequence[str]]) -> list[Answer]:
    """Per set, per role: the closest route and the fewest codes missing."""
    return [
        [[result.closest, list(result.missing)] for result in evaluate(catalogue, codes).results]
        for codes in sets
    ]


def planned(
    catalogue: Catalogue,
    role_id: str,
    codes: Sequence[str],
    budget: int,
    *,
    current: str | None = None,
    studying: dict[str, int] | None = None,
) -> Answer:
    plan = plan_path(
        catalogue, role_id, codes, budget=budget, current_role=current, studying=studying
    )
    return {
        "target": plan.target.id,
        "start": list(plan.start),
        "steps": [
            {
                "kind": step.kind,
                "id": step.id,
                "title": step.title,
                "gives": list(step.gives),
                "months": step.months,
                "startMonth": step.start_month,
                "endMonth": step.end_month,
                "underWay": step.under_way,
            }
            for step in plan.steps
        ],
        "route": list(plan.route) if plan.route is not None else None,
        "blockedBy": [list(codes) for codes in plan.blocked_by],
        "provenCheapest": plan.proven_cheapest,
        "totalMonths": plan.total_months,
        "sequentialMonths": plan.sequential_months,
        "outcome": plan_outcome(plan),
    }


def explained(catalogue: Catalogue, role_id: str, codes: Sequence[str]) -> Answer:
    found = explain(catalogue, role_id, codes)
    return {
        "held": list(found.held),
        "eligible": found.eligible,
        "missing": list(found.missing),
        "closest": found.closest,
        "routes": [
            {
                "requires": list(route.route.requires),
                "missing": list(route.missing),
                "checks": [
                    {
                        "code": check.code,
                        "name": check.name,
                        "met": check.met,
                        "via": check.via,
                        "needsFirst": [list(needs) for needs in check.needs_first],
                    }
                    for check in route.checks
                ],
            }
            for route in found.routes
        ],
    }


def every_subset(catalogue: Catalogue) -> list[list[str]]:
    codes = [q.code for q in catalogue.qualifications]
    return [
        [code for index, code in enumerate(codes) if subset >> index & 1]
        for subset in range(1 << len(codes))
    ]


def assert_same(keys: Sequence[object], got: Sequence[Answer], expected: Sequence[Answer]) -> None:
    """Item by item, so a failure names the set (or set and role) it is about."""
    assert len(got) == len(expected)
    for key, page_answer, engine_answer in zip(keys, got, expected, strict=True):
        assert page_answer == engine_answer, key


def call(page: Page, expression: str, argument: object) -> Answer:
    """``expression`` (a function of ``argument``) run in the page, its answer passed back
    as JSON text: playwright's own passing of large nested answers is ten times slower."""
    return json.loads(
        page.evaluate(f"argument => JSON.stringify(({expression})(argument))", argument)
    )


def page_evaluations(page: Page, sets: Sequence[Sequence[str]]) -> list[Answer]:
    answers: list[Answer] = []
    for start in range(0, len(sets), 8192):  # a few calls, not one per set
        batch = list(map(list, sets[start : start + 8192]))
        answers += call(page, "sets => window.careermap.evaluateMany(sets)", batch)
    return answers


def page_plans(
    page: Page, sets: Sequence[Sequence[str]], roles: Sequence[str], budget: int
) -> list[Answer]:
    """Per set, a plan to each role (one planner a set, as the page plans)."""
    found: list[Answer] = call(
        page,
        "([sets, roles, budget]) =>"
        " sets.map(codes => window.careermap.planEach(codes, roles, {budget}))",
        [list(map(list, sets)), list(roles), budget],
    )
    return found


def assert_plans_agree(
    page: Page, catalogue: Catalogue, sets: Sequence[Sequence[str]], budget: int
) -> int:
    roles = [role.id for role in catalogue.roles]
    got = page_plans(page, sets, roles, budget)
    keys = [(codes, role, budget) for codes in sets for role in roles]
    expected = [planned(catalogue, role, codes, budget) for codes in sets for role in roles]
    assert_same(keys, [plan for plans in got for plan in plans], expected)
    return len(expected)


# ---------------------------------------------------------------- pages


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page at desktop width that fails the test on any script error."""
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    opened.set_default_timeout(10_000)
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))

    def refuse(dialog: Dialog) -> None:
        errors.append(f"a dialog opened: {dialog.message}")
        dialog.dismiss()

    opened.on("dialog", refuse)
    yield opened
    opened.close()
    assert errors == []


@pytest.fixture(scope="module")
def shipped_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site") / "career-map.html"
    target.write_text(site_page(load_catalogue()), encoding="utf-8")
    return target


def load(page: Page, catalogue: Catalogue) -> None:
    page.set_content(site_page(catalogue))


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- the command


def test_site_writes_one_page(run: Run, tmp_path: Path, shipped: Catalogue) -> None:
    target = tmp_path / "map.html"
    result = run("site", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"careermap: wrote {target}\n"
    assert target.read_text(encoding="utf-8") == site_page(shipped)


def test_site_writes_career_map_html_by_default(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small: Catalogue
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("site", "--catalogue", str(SMALL))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "career-map.html").read_text(encoding="utf-8") == site_page(small)


def test_site_to_standard_output(run: Run, shipped: Catalogue) -> None:
    result = run("site", "--output", "-")
    assert result.exit_code == 0
    assert result.stdout == site_page(shipped)


def test_site_refuses_to_write_over_the_catalogue(run: Run, tmp_path: Path) -> None:
    catalogue = tmp_path / "map.yaml"
    shutil.copyfile(SMALL, catalogue)
    before = catalogue.read_bytes()
    result = run("site", "--catalogue", str(catalogue), "--output", str(catalogue))
    assert result.exit_code == 2
    assert "is the same file as the input" in result.stderr
    assert catalogue.read_bytes() == before


# ---------------------------------------------------------------- the page as a file


def test_the_page_needs_nothing_from_anywhere_else(shipped: Catalogue) -> None:
    html = site_page(shipped)
    assert re.findall(r"<script[^>]*>", html) == [
        '<script type="application/json" id="careermap-data">',
        "<script>",
    ]
    assert not re.search(r"\b(src|srcset|action|xlink:href)=", html)
    assert not re.search(r"""href=(?!["']?#)""", html), "only links within the page"
    assert "@import" not in html
    assert "url(" not in html.replace("url(#arrow)", "")  # the SVG's own arrowhead
    # And the page says so to the browser: nothing but its own script and style runs.
    assert "default-src 'none'" in html


def test_catalogue_text_is_escaped(page: Page) -> None:
    nasty = {
        "title": '<script>alert("t")</script> & </script> "quoted" \'single\'',
        "name": "Q </script><script>alert(1)</script> <!-- & -->",
        "alias": '<img src=x onerror=alert(2)> "a" & b',
    }
    catalogue = catalogue_from_data(
        {
            "name": "Map </script><b>bold</b> & co",
            "version": '"2025" <i>',
            "bands": ["<A>", "B&B"],
            "tracks": ['t"rack', "o'ps"],
            "qualifications": [
                {"code": "Q1", "name": nasty["name"], "aliases": [nasty["alias"]], "rqf": 3},
                {"code": "Q2", "name": "It's <u>two</u>", "satisfies": ["Q1"], "course_months": 3},
            ],
            "roles": [
                {
                    "id": "first",
                    "title": nasty["title"],
                    "band": "<A>",
                    "tracks": ['t"rack'],
                    "requires": [["Q1"]],
                    "training": {"items": ["</script>x"], "leads_to": ["Q2"], "months": 4},
                    "progresses_to": ["second"],
                },
                {
                    "id": "second",
                    "title": "<b>Second</b> & more",
                    "band": "B&B",
                    "tracks": ["o'ps"],
                    "requires": [["Q2"], ["Q1", "Q2"]],
                },
            ],
        }
    )
    html = site_page(catalogue)
    data = html.split('id="careermap-data">', 1)[1].split("</script>", 1)[0]
    assert not set("<>&") & set(data)
    assert "\\u003c/script\\u003e" in data
    assert (html.count("<script"), html.count("</script>")) == (2, 2)
    assert not re.search("<(b|img|u)[ >]", html)
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp;" in html

    load(page, catalogue)  # the page fixture fails on any script error or alert
    assert (
        page.evaluate("JSON.parse(document.getElementById('careermap-data').textContent)")[
            "catalogue"
        ]
        == catalogue.to_data()
    )
    assert page.locator("#role-first-title").inner_text() == nasty["title"]
    assert page.locator("h1").inner_text() == 'Map </script><b>bold</b> & co ("2025" <i>)'
    page.get_by_role("checkbox", name=f"Q1 {nasty['name']}").check()
    assert page.locator("#role-first-status").inner_text().startswith("✔ Eligible now")
    page.locator("#detail-role").select_option("second")
    assert page.locator("#explanation h3").inner_text() == explanation_heading(
        explain(catalogue, "second", ["Q1"])
    )
    page.get_by_role("button", name=f"Compare {nasty['title']}").click()
    page.get_by_role("button", name="Compare <b>Second</b> & more").click()
    headers = page.locator("table.comparison thead th").all_inner_texts()
    assert headers == [nasty["title"], "<b>Second</b> & more"]


# ---------------------------------------------------------------- the same answers


def test_every_subset_of_the_shipped_map(
    page: Page, shipped_page: Path, shipped: Catalogue
) -> None:
    """Eligibility and the gap (the closest route, the fewest codes missing) for every
    one of the 2^15 sets of the shipped map's codes."""
    page.goto(shipped_page.as_uri())
    sets = every_subset(shipped)
    assert len(sets) == 32768
    assert_same(sets, page_evaluations(page, sets), engine_answers(shipped, sets))


def test_plans_and_explanations_on_the_shipped_map(
    page: Page, shipped_page: Path, shipped: Catalogue
) -> None:
    """A plan to every role from a sample of sets (with the full budget, and with one so
    small that plans are finished greedily), and every role explained."""
    page.goto(shipped_page.as_uri())
    rng = random.Random(12)
    sets = [[], ["GCSE", "EXP"], ["DIPSM", "L3TSM", "ILM3"], ["DEGREE", "L3TSM", "ILM3"]]
    sets += rng.sample(every_subset(shipped), 60)
    plans = assert_plans_agree(page, shipped, sets, DEFAULT_BUDGET)
    assert plans == len(sets) * 13
    greedy = assert_plans_agree(page, shipped, sets, SMALL_BUDGET)
    unproven = sum(
        not plan_path(shipped, role.id, codes, budget=SMALL_BUDGET).proven_cheapest
        for codes in sets
        for role in shipped.roles
    )
    assert greedy == plans
    assert unproven > 50  # the greedy finish is exercised

    roles = [role.id for role in shipped.roles]
    got = call(
        page,
        "([sets, roles]) => sets.flatMap(codes =>"
        " roles.map(role => window.careermap.explain(role, codes)))",
        [sets, roles],
    )
    keys = [(codes, role) for codes in sets for role in roles]
    assert_same(keys, got, [explained(shipped, role, codes) for codes, role in keys])


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    """One page for every example of a property test, each loading its own map."""
    opened = browser.new_page()
    yield opened
    opened.close()


@given(catalogue=maps())
def test_random_maps_with_courses_and_training(tab: Page, catalogue: Catalogue) -> None:
    """Every subset of codes and a plan to every role from each, on random maps whose
    courses need others first and whose roles give codes in time."""
    load(tab, catalogue)
    sets = every_subset(catalogue)
    assert_same(sets, page_evaluations(tab, sets), engine_answers(catalogue, sets))
    for budget in (DEFAULT_BUDGET, SMALL_BUDGET):
        assert_plans_agree(tab, catalogue, sets, budget)


@given(catalogue=maps(), data=st.data())
def test_random_maps_from_a_role_with_study_under_way(
    tab: Page, catalogue: Catalogue, data: st.DataObject
) -> None:
    """Plans from a current role with study under way (due in -2 to 20 months) are the
    Python ones too, from a sample of sets."""
    load(tab, catalogue)
    roles = [role.id for role in catalogue.roles]
    codes = [q.code for q in catalogue.qualifications]
    cases = []
    for codes_held in data.draw(st.lists(st.lists(st.sampled_from(codes), unique=True),
                                         min_size=1, max_size=8)):  # fmt: skip
        current = data.draw(st.none() | st.sampled_from(roles))
        studying = data.draw(st.dictionaries(st.sampled_from(codes), st.integers(-2, 20),
                                             max_size=2))  # fmt: skip
        cases += [(codes_held, role, current, studying) for role in roles if role != current]
    for budget in (DEFAULT_BUDGET, SMALL_BUDGET):
        got = call(
            tab,
            "([cases, budget]) => cases.map(([codes, role, currentRole, studying]) =>"
            " window.careermap.plan(role, codes, {budget, currentRole, studying}))",
            [cases, budget],
        )
        expected = [
            planned(catalogue, role, held, budget, current=current, studying=studying)
            for held, role, current, studying in cases
        ]
        assert_same(cases, got, expected)


@given(catalogue=catalogues())
def test_random_maps_with_tangled_counts_as(tab: Page, catalogue: Catalogue) -> None:
    """Every subset, on random maps where a code counts as up to two others, so the
    fewest codes missing is a real cover; explanations too."""
    load(tab, catalogue)
    sets = every_subset(catalogue)
    assert_same(sets, page_evaluations(tab, sets), engine_answers(catalogue, sets))
    keys = [(codes, role.id) for codes in sets for role in catalogue.roles]
    got = call(
        tab, "keys => keys.map(([codes, role]) => window.careermap.explain(role, codes))", keys
    )
    assert_same(keys, got, [explained(catalogue, role, codes) for codes, role in keys])


def test_synthetic_maps_of_many_codes(page: Page) -> None:
    """The benchmarks' synthetic maps: 40 codes (masks wider than 32 bits), 150 roles in
    10 bands, random people, and plans to random roles, some finished greedily."""
    synthetic = _module(ROOT / "bench" / "synthetic.py")
    for seed in (1, 2):
        rng = random.Random(seed)
        catalogue = synthetic.synthetic_catalogue(40, 150, rng)
        load(page, catalogue)
        sets = synthetic.random_people(catalogue, 150, rng)
        assert_same(sets, page_evaluations(page, sets), engine_answers(catalogue, sets))
        for budget in (DEFAULT_BUDGET, 400):
            pairs = [(rng.choice(sets), rng.choice(catalogue.roles).id) for _ in range(40)]
            got = call(
                page,
                "([pairs, budget]) => pairs.map(([codes, role]) =>"
                " window.careermap.plan(role, codes, {budget}))",
                [pairs, budget],
            )
            expected = [planned(catalogue, role, codes, budget) for codes, role in pairs]
            assert_same(pairs, got, expected)


def overlapping(needed: int, others: int, rng: random.Random) -> Catalogue:
    """A map where ``others`` codes each count as 3-8 of ``needed`` codes that its roles
    ask for (bench/cover.py's hard case): the fewest codes missing is a set cover with
    real choices, and at 200 needed codes the search's budget runs out."""
    qualifications: list[dict[str, object]] = [
        {"code": f"N{index}", "name": f"Needed {index}"} for index in range(needed)
    ]
    qualifications += [
        {
            "code": f"O{index}",
            "name": f"Other {index}",
            "satisfies": [f"N{n}" for n in rng.sample(range(needed), rng.randint(3, 8))],
        }
        for index in range(others)
    ]
    rng.shuffle(qualifications)  # so ties between candidates go by catalogue order
    codes = [f"N{index}" for index in range(needed)]
    roles = [
        {"id": "every", "title": "Every", "band": "A", "tracks": ["t"], "requires": [codes]},
        {
            "id": "halves",
            "title": "Halves",
            "band": "A",
            "tracks": ["t"],
            "requires": [codes[::2], codes[1::2]],
        },
    ]
    return catalogue_from_data(
        {
            "name": "overlapping",
            "bands": ["A"],
            "tracks": ["t"],
            "qualifications": qualifications,
            "roles": roles,
        }
    )


def test_covers_with_real_choices(page: Page) -> None:
    for needed, others, people in ((20, 30, 30), (40, 60, 20), (200, 300, 2)):
        rng = random.Random(needed)
        catalogue = overlapping(needed, others, rng)
        load(page, catalogue)
        codes = [q.code for q in catalogue.qualifications]
        sets = [[], *(rng.sample(codes, rng.randint(1, 6)) for _ in range(people - 1))]
        assert_same(sets, page_evaluations(page, sets), engine_answers(catalogue, sets))


# ---------------------------------------------------------------- as a person uses it


def map_titles(page: Page) -> list[str]:
    return page.locator(".map svg g > title").all_text_contents()


def test_without_ticks_the_page_reads_as_the_poster(
    page: Page, shipped_page: Path, shipped: Catalogue
) -> None:
    page.goto(shipped_page.as_uri())
    assert page.locator("#status").inner_text().startswith("No qualifications ticked")
    assert page.locator(".role-status:visible").count() == 0
    in_order = shipped.roles_in_band_order()
    assert map_titles(page) == [f"{role.title} (band {role.band})" for role in in_order]

    team_leader = page.locator("#role-team-leader")
    assert team_leader.locator("h4").inner_text() == "Team Leader"
    text = team_leader.inner_text()
    for words in (
        "Band G, operations track.",
        "Any one of these routes:",
        "DEGREE Relevant degree and L3TSM Level 3 Certificate in Tackling Substance Misuse"
        " and ILM5 ILM Level 5 in Leadership and Management",
        "or DIPSM Diploma in Substance Misuse and L3TSM",
        "Career progression as identified in PDR",
        "EXP_SIG Significant relevant experience",
        "Leads to\nOps Manager (band H)",
        "Reached from\nSenior Case Manager / Practitioner (band F)",
    ):
        assert words in text

    glossary = page.locator("#glossary tbody tr")
    assert glossary.count() == 15
    assert glossary.nth(9).locator("th, td").all_inner_texts() == [
        "ILM3",
        "ILM Level 3 in Leadership and Management",
        "3",
        "6",
        "ILM Level 3, ILM L3",
        "-",
        "about 9 months",
        "-",
    ]
    masters = page.locator("#glossary tbody tr", has_text="MASTERS").locator("td")
    assert masters.all_inner_texts()[4:] == ["DEGREE", "about 30 months", "DEGREE or DEGREE_OTHER"]


def test_ticking_lights_up_the_map(page: Page, shipped_page: Path, shipped: Catalogue) -> None:
    page.goto(shipped_page.as_uri())
    for name in (
        "DIPSM Diploma in Substance Misuse",
        "ILM7 ILM Level 7 in Leadership and Management",
    ):
        page.get_by_role("checkbox", name=name).check()
    page.get_by_label("Search qualifications by code, name or alias").fill("tsm")
    assert page.locator(".quals > li:visible").all_inner_texts()[0].startswith("L3TSM")
    assert page.locator("#qual-count").inner_text() == "1 of 15 qualifications shown."
    page.get_by_role("checkbox", name=re.compile("^L3TSM ")).check()

    held = ["L3TSM", "DIPSM", "ILM7"]
    assert page.evaluate("location.hash") == "#quals=L3TSM,DIPSM,ILM7"
    # Every role as check gives it: the gap on the quickest route, and its months.
    results = check_report(shipped, held).rows
    eligible = sum(row.status is Status.ELIGIBLE for row in results)
    one_away = sum(row.status is Status.ONE_AWAY for row in results)
    assert page.locator("#status").inner_text() == (
        f"Eligible for {eligible} roles; {one_away} more are one qualification (a year or"
        " less) away (of 13 on the map)."
    )
    by_id = {result.role.id: result for result in results}
    in_order = [by_id[role.id] for role in shipped.roles_in_band_order()]
    assert map_titles(page) == [
        f"{r.role.title} (band {r.role.band}): {LABEL[r.status]}" for r in in_order
    ]
    fills = page.locator(".map svg g > rect").evaluate_all(
        "rects => rects.map(r => r.getAttribute('fill'))"
    )
    assert fills == [FILL[r.status] for r in in_order]
    for result in results:
        lines = page.locator(f"#role-{result.role.id}-status p").all_inner_texts()
        if result.status is Status.ELIGIBLE:
            assert lines == [f"{SYMBOL[Status.ELIGIBLE]} Eligible now"]
        else:
            assert result.status is not None
            assert lines[0] == f"✘ Not yet: {LABEL[result.status]}"
            assert lines[1] == "Still needed: " + ", ".join(
                f"{code} {shipped.qualifications_by_code[code].name}" for code in result.gap
            )
            assert lines[2] == f"About {result.months} months by the quickest plan."
    # "Counts as" is shown where it meets a code: ILM7 meets ILM5 and ILM3.
    assert page.locator("#q-ILM5-implied").inner_text() == "✔ Met through ILM7, which counts as it."


def test_a_link_opens_the_page_with_its_ticks(
    page: Page, shipped_page: Path, shipped: Catalogue
) -> None:
    page.goto(shipped_page.as_uri() + "#quals=ilm3,Level%203%20Tackling%20Substance%20Misuse,BOGUS")
    assert page.evaluate("window.careermap.held()") == ["L3TSM", "ILM3"]
    assert page.get_by_role("checkbox", name=re.compile("^ILM3 ")).is_checked()
    assert page.locator("#unknown-quals").inner_text() == "Not on this map, so left out: BOGUS."
    assert page.locator("#status").inner_text().startswith("Eligible for 0 roles;")
    # The next role ahead is explained and planned, as `explain` and `path` give them.
    assert page.locator("#detail-role").input_value() == "trainee-recovery-worker"
    page.evaluate("location.hash = '#quals=DIPSM,L3TSM,ILM3'")
    page.wait_for_function("window.careermap.held().length === 3")
    role = page.locator("#detail-role").input_value()
    assert role == "team-leader"  # the first role ahead of the highest one open (band F)
    page.locator("#detail-role").select_option("practice-lead")
    held = ["DIPSM", "L3TSM", "ILM3"]
    found = explain(shipped, "practice-lead", held)
    assert page.locator("#explanation h3").inner_text() == explanation_heading(found)
    plan = plan_path(shipped, "practice-lead", held)
    steps = page.locator("#route ol.steps li").all_inner_texts()
    assert len(steps) == len(plan.steps) > 0
    first = plan.steps[0]
    when = f"months {first.start_month}-{first.end_month} ({first.months} months)"
    assert steps[0].startswith(f"Work as {first.title}, {when}")
    assert page.locator("#route > p:not(.scale)").inner_text() == plan_outcome(plan)


def test_keyboard_only(page: Page, shipped_page: Path, shipped: Catalogue) -> None:
    page.goto(shipped_page.as_uri())
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    else:
        pytest.fail("no checkbox within ten presses of Tab")
    code = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    assert page.evaluate("window.careermap.held()") == [code]
    results = evaluate(shipped, [code]).results
    eligible = sum(result.eligible for result in results)
    assert (
        page.locator("#status")
        .inner_text()
        .startswith(f"Eligible for {eligible} role{'s' if eligible != 1 else ''}")
    )
    # The next checkbox, then on to a role's button: Enter opens its explanation.
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert len(page.evaluate("window.careermap.held()")) == 2
    page.get_by_role("button", name="Why, and how to get there: Team Leader").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "detail-heading"
    held = page.evaluate("window.careermap.held()")
    assert page.locator("#explanation h3").inner_text() == explanation_heading(
        explain(shipped, "team-leader", held)
    )


def test_what_a_screen_reader_finds(page: Page, shipped_page: Path, shipped: Catalogue) -> None:
    page.goto(shipped_page.as_uri())
    status = page.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite"
    assert page.get_by_role("group", name="Qualifications you hold").is_visible()
    box = page.get_by_role("checkbox", name="ILM5 ILM Level 5 in Leadership and Management")
    assert box.get_attribute("aria-describedby") == "q-ILM5-about"
    assert "Counts as ILM3." in page.locator("#q-ILM5-about").inner_text()
    assert page.get_by_role("searchbox", name=re.compile("^Search qualifications")).is_visible()
    assert page.get_by_role("img", name=re.compile("^Career map of ")).count() == 1
    assert (
        page.get_by_role("region", name="The map, scrolling sideways").get_attribute("tabindex")
        == "0"
    )
    assert page.get_by_role("combobox", name="Role", exact=True).is_visible()
    box.check()
    one_away = [r.role.id for r in evaluate(shipped, ["ILM5"]).results if r.missing == ("DEGREE",)]
    assert one_away == ["practitioner"]  # and Trainee Case Manager, needing either degree
    # One code, but a four-year degree: not "one qualification away", as check says too.
    one_step = [
        row.role.id for row in check_report(shipped, ["ILM5"]).rows if row.status is Status.ONE_AWAY
    ]
    assert one_step == []
    assert status.inner_text() == "Eligible for 0 roles (of 13 on the map)."


def test_comparing_roles(page: Page, shipped_page: Path, shipped: Catalogue) -> None:
    page.goto(shipped_page.as_uri() + "#quals=DIPSM,L3TSM,ILM3")
    page.get_by_role("button", name="Compare Team Leader").click()
    assert "Choose two or three" in page.locator("#comparison").inner_text()
    page.get_by_role("button", name="Compare Practice Lead").click()
    page.get_by_label("Third role").select_option("ops-manager")
    table = page.locator("table.comparison")
    assert table.locator("thead th").all_inner_texts() == [
        "Team Leader",
        "Practice Lead",
        "Ops Manager",
    ]
    rows = {
        row.locator("th").inner_text(): row.locator("td").all_inner_texts()
        for row in table.locator("tbody tr").all()
    }
    held = ["DIPSM", "L3TSM", "ILM3"]
    assessed = {row.role.id: row for row in check_report(shipped, held).rows}
    for column, role_id in enumerate(("team-leader", "practice-lead", "ops-manager")):
        result = assessed[role_id]
        assert result.status is not None
        assert rows["Band"][column] == result.role.band
        assert rows["Your status"][column] == f"✘ Not yet: {LABEL[result.status]}"
        assert all(code in rows["Still needed"][column] for code in result.gap)
        assert rows["Cheapest route"][column].endswith(
            plan_outcome(plan_path(shipped, role_id, held))
        )


def test_passes_axe_and_fits_a_phone(browser: Browser, shipped_page: Path) -> None:
    """axe-core (WCAG 2.2 AA) finds nothing at 1280 px and 390 px, as the poster and with
    ticks, a role explained and three roles compared; the page never scrolls sideways."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    prepare: list[Callable[[Page], None]] = [
        lambda page: None,
        lambda page: page.evaluate(
            "() => { location.hash = '#quals=DIPSM,L3TSM,ILM3';"
            " const slots = document.querySelectorAll('select.compare-role');"
            " ['team-leader', 'practice-lead', 'ops-manager'].forEach((id, n) => {"
            " slots[n].value = id; slots[n].dispatchEvent(new Event('change')); }); }"
        ),
    ]
    for width in (1280, 390):
        for number, ready in enumerate(prepare):
            page = browser.new_page(viewport={"width": width, "height": 800})
            try:
                page.goto(shipped_page.as_uri())
                ready(page)
                if number:
                    page.wait_for_selector("table.comparison")
                found = Axe().run(page, options=options)
                violations = [
                    (v["id"], [n["target"] for n in v["nodes"]])
                    for v in found.response["violations"]
                ]
                assert violations == [], (width, number, violations)
                assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
            finally:
                page.close()


def test_prints_the_persons_page(page: Page, shipped_page: Path, tmp_path: Path) -> None:
    page.goto(shipped_page.as_uri() + "#quals=DIPSM,L3TSM,ILM3")
    page.emulate_media(media="print")
    assert not page.locator(".picker").is_visible()
    assert not page.locator("#detail-role").is_visible()
    assert page.locator("#held-summary").inner_text().startswith("You hold L3TSM Level 3")
    assert page.locator("#status").is_visible()
    assert page.locator("#route ol.steps").is_visible()
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages <= 20, pages
