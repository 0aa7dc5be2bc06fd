"""The rule engine: exact answers on the shipped map, and properties on random maps."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given

from careermap import (
    Catalogue,
    UnknownBandError,
    UnknownQualificationError,
    UnknownRoleError,
    catalogue_from_data,
    evaluate,
    next_roles_from_band,
    next_roles_from_role,
    parse_quals,
)
from careermap.cover import exhaustive_cover

from ..strategies import CODES, catalogues, held_sets


def missing_by_role(catalogue: Catalogue, quals: set[str]) -> dict[str, tuple[str, ...]]:
    return {result.role.id: result.missing for result in evaluate(catalogue, quals).results}


def test_ilm3_and_l3tsm_on_the_shipped_map(shipped: Catalogue) -> None:
    assert missing_by_role(shipped, {"ILM3", "L3TSM"}) == {
        "trainee-recovery-worker": ("EXP", "GCSE"),
        "recovery-worker": ("EXP",),
        "trainee-case-manager": ("DEGREE_OTHER",),
        "practitioner": ("DEGREE",),
        "senior-practitioner": ("DEGREE",),
        "team-leader": ("DEGREE", "ILM5"),
        "practice-lead": ("DEGREE", "PRACTICE"),
        "ops-manager": ("DEGREE", "ILM5"),
        "practice-development-manager": ("DEGREE", "PRACTICE"),
        "service-manager": ("ILM7",),
        "service-practice-lead": ("DEGREE", "PRACTICE", "EXP_SIG"),
        "senior-operational-manager": ("ILM7",),
        "senior-practice-quality-lead": ("MASTERS", "PRACTICE", "EXP_SIG"),
    }


def test_counts_as_meets_requirements(shipped: Catalogue) -> None:
    evaluation = evaluate(shipped, {"CMI7", "L3TSM", "DIPSM"})
    eligible = {result.role.id for result in evaluation.eligible}
    assert {"team-leader", "service-manager", "senior-operational-manager"} <= eligible
    assert evaluation.effective >= {"ILM7", "ILM5", "ILM3"}


def test_ties_go_to_the_route_listed_first(shipped: Catalogue) -> None:
    result = evaluate(shipped, set()).result_for("practitioner")
    assert result.missing == ("DEGREE",)
    assert result.closest == 0
    assert [route.missing for route in result.routes] == [("DEGREE",), ("DIPSM", "L3TSM")]


def test_the_closest_route_wins_over_the_first(shipped: Catalogue) -> None:
    result = evaluate(shipped, {"DIPSM", "ILM3"}).result_for("senior-practitioner")
    assert (result.closest, result.missing) == (1, ("L3TSM",))
    assert result.routes[0].missing == ("DEGREE", "L3TSM")


def test_one_code_standing_for_two_requirements_is_the_smaller_gap(small: Catalogue) -> None:
    # head needs LEAD5 + FORMULA; lead's route 2 needs LEAD3 + FORMULA; LEAD5 covers LEAD3.
    result = evaluate(small, set()).result_for("lead")
    assert result.missing == ("BASIC", "LEAD5")


def test_unknown_codes_are_refused(shipped: Catalogue) -> None:
    with pytest.raises(UnknownQualificationError, match="did you mean L3TSM"):
        evaluate(shipped, {"L3TSN"})


def test_a_cell_of_thousands_of_unknown_names_is_a_message_a_person_reads(
    shipped: Catalogue,
) -> None:
    # Each name once, in order; the first 20 shown (with their hints), the rest counted.
    names = ["L3TSN", *(f"z{number}" for number in range(3000)), "L3TSN"]
    with pytest.raises(UnknownQualificationError) as caught:
        parse_quals(shipped, "; ".join(names))
    error = caught.value
    assert error.unknown == ("L3TSN", *(f"z{number}" for number in range(3000)))
    assert str(error) == (
        "unknown qualifications 'L3TSN' (did you mean L3TSM?), "
        + ", ".join(f"'z{number}'" for number in range(19))
        + ", and 2,981 more; `careermap quals` lists the codes"
    )


@pytest.mark.parametrize(
    ("band", "expected"),
    [
        ("C", ["recovery-worker", "trainee-case-manager"]),
        ("e", ["senior-practitioner"]),
        ("F", ["team-leader", "practice-lead"]),
        ("I", ["senior-operational-manager", "senior-practice-quality-lead"]),
        ("J", []),
    ],
)
def test_next_band_up(shipped: Catalogue, band: str, expected: list[str]) -> None:
    assert [role.id for role in next_roles_from_band(shipped, band)] == expected


def test_next_skips_bands_without_roles(small: Catalogue) -> None:
    assert [role.id for role in next_roles_from_band(small, "A")] == ["lead"]


def test_next_from_a_role(shipped: Catalogue) -> None:
    assert [role.id for role in next_roles_from_role(shipped, "senior-practitioner")] == [
        "team-leader",
        "practice-lead",
    ]


def test_unknown_band_and_role(shipped: Catalogue) -> None:
    with pytest.raises(UnknownBandError, match="the bands are C, D, E, F, G, H, I, J"):
        next_roles_from_band(shipped, "K")
    with pytest.raises(UnknownRoleError, match="did you mean team-leader"):
        next_roles_from_role(shipped, "team-lead")


@given(catalogues(), held_sets, held_sets)
def test_more_qualifications_never_remove_eligibility(
    catalogue: Catalogue, held: set[str], extra: set[str]
) -> None:
    before = {result.role.id for result in evaluate(catalogue, held).eligible}
    after = {result.role.id for result in evaluate(catalogue, held | extra).eligible}
    assert before <= after


@given(catalogues(), held_sets)
def test_gaining_what_is_missing_makes_a_person_eligible(
    catalogue: Catalogue, held: set[str]
) -> None:
    for result in evaluate(catalogue, held).results:
        assert evaluate(catalogue, held | set(result.missing)).result_for(result.role.id).eligible
        assert result.eligible == (result.missing == ())


@given(catalogues(), held_sets)
def test_missing_is_minimal(catalogue: Catalogue, held: set[str]) -> None:
    for result in evaluate(catalogue, held).results:
        for size in range(len(result.missing)):
            for extra in combinations(CODES, size):
                again = evaluate(catalogue, held | set(extra)).result_for(result.role.id)
                assert not again.eligible, (result.missing, extra)


@given(catalogues(), held_sets)
def test_counts_as_closure_is_idempotent(catalogue: Catalogue, held: set[str]) -> None:
    effective = evaluate(catalogue, held).effective
    assert effective >= held
    assert evaluate(catalogue, effective).effective == effective
    assert evaluate(catalogue, effective).results == evaluate(catalogue, held).results


@given(catalogues(), held_sets)
def test_results_do_not_depend_on_the_cache(catalogue: Catalogue, held: set[str]) -> None:
    from careermap.engine import RuleEngine

    fresh = RuleEngine(catalogue).evaluate(held)
    assert fresh.results == evaluate(catalogue, held).results


@given(catalogues(), held_sets)
def test_one_role_alone_is_answered_as_every_role_is(catalogue: Catalogue, held: set[str]) -> None:
    """A team asks one role at a time (``meets``, ``closest_route``, ``role_result``)
    for sets whose record it never works out: the answers are the record's."""
    from careermap.engine import RuleEngine

    alone, whole = RuleEngine(catalogue), RuleEngine(catalogue)  # alone: no record kept
    mask = alone.effective_mask(held)
    evaluation = whole.evaluate(held)
    for index, result in enumerate(evaluation.results):
        assert alone.meets(index, mask) == result.eligible
        assert alone.closest_route(index, mask) == result.closest
        assert alone.role_result(index, mask) == result
        assert alone.missing_for(index, mask) == result.missing
    assert not alone._records.get(mask)


@pytest.mark.parametrize("width", [30, 200])
def test_a_very_wide_route_gets_its_exact_gap(width: int) -> None:
    """Once exponential (every combination of the route's codes was tried): now exact."""

    def chained(i: int) -> bool:
        return i % 7 != 0 and i + 1 < width

    catalogue = catalogue_from_data(
        {
            "name": "Wide",
            "bands": ["A"],
            "tracks": ["main"],
            "qualifications": [
                {
                    "code": f"Q{i}",
                    "name": f"Qual {i}",
                    "satisfies": [f"Q{i + 1}"] if chained(i) else [],
                }
                for i in range(width)
            ],
            "roles": [
                {
                    "id": "wide",
                    "title": "Wide",
                    "band": "A",
                    "tracks": ["main"],
                    "requires": [[f"Q{i}" for i in range(width)]],
                }
            ],
        }
    )
    result = evaluate(catalogue, {"Q1"}).results[0]
    # "Counts as" chains run Q1 -> Q7, Q8 -> Q14, ...: Q1 is held, Q0 stands alone, and
    # the head of each later chain covers it whole.
    assert result.missing == ("Q0", *(f"Q{i}" for i in range(8, width, 7)))


def reference_results(catalogue: Catalogue, held: set[str]) -> list[tuple[str, int, list]]:
    """Each role's closest route and every route's gap, worked out the plain way: the
    exhaustive cover specification for every route, codes in route order, stand-ins last,
    the first route with the fewest missing codes. No masks compiled, nothing cached."""
    codes = [q.code for q in catalogue.qualifications]
    satisfies = {q.code: q.satisfies for q in catalogue.qualifications}

    def closure(code: str) -> set[str]:
        seen, stack = set(), [code]
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(satisfies[current])
        return seen

    closures = [sum(1 << codes.index(c) for c in closure(code)) for code in codes]
    effective = set().union(*(closure(code) for code in held)) if held else set()
    results = []
    for role in catalogue.roles:
        gaps = []
        for route in role.requires:
            needed = sum(1 << codes.index(code) for code in route if code not in effective)
            chosen = [codes[index] for index in exhaustive_cover(needed, closures)]
            gaps.append(sorted(chosen, key=lambda c: route.index(c) if c in route else len(route)))
        closest = min(range(len(gaps)), key=lambda number: len(gaps[number]))
        results.append((role.id, closest, gaps))
    return results


@given(catalogues(), held_sets)
def test_results_match_the_plain_reference(catalogue: Catalogue, held: set[str]) -> None:
    """Compact records, route tables and results built on access change nothing."""
    evaluation = evaluate(catalogue, held)
    by_access = [evaluation.result_for(role.id) for role in catalogue.roles]
    assert [
        (result.role.id, result.closest, [list(route.missing) for route in result.routes])
        for result in evaluation.results
    ] == reference_results(catalogue, held)
    assert by_access == list(evaluation.results)
    assert [r.role.id for r in evaluation.eligible] == [
        r.role.id for r in evaluation.results if r.eligible
    ]


def test_caches_are_bounded_by_the_size_of_the_map(small: Catalogue) -> None:
    """Once every distinct set kept a full tuple of results until 65,536 sets (2.8 GB for
    10,000 people on a 1,000-role map)."""
    from careermap.engine import RuleEngine

    engine = RuleEngine(small)
    engine._records.limit = 4  # what the map's size would allow, made small to see it
    for held in [set(), {"BASIC"}, {"LEAD3"}, {"LEAD5"}, {"FORMULA"}, {"BASIC", "LEAD5"}]:
        engine.evaluate(held)
    assert len(engine._records) == 4
    assert engine.evaluate(set()).results == RuleEngine(small).evaluate(set()).results


def test_one_code_counting_as_two_of_a_route_is_the_gap() -> None:
    """A route whose lacking codes one other code covers together: that code is the gap,
    not the two (the route is not one where what lacks is simply what is missing)."""
    catalogue = catalogue_from_data(
        {"name": "Pair", "bands": ["A"], "tracks": ["t"],
         "qualifications": [{"code": "A", "name": "A"}, {"code": "B", "name": "B"},
                            {"code": "C", "name": "C", "satisfies": ["A", "B"]}],
         "roles": [{"id": "r", "title": "R", "band": "A", "tracks": ["t"],
                    "requires": [["A", "B"], ["A", "C", "B"]]}]}
    )  # fmt: skip
    result = evaluate(catalogue, set()).result_for("r")
    assert [route.missing for route in result.routes] == [("C",), ("C",)]
    assert evaluate(catalogue, {"A"}).result_for("r").routes[0].missing == ("B",)


def test_an_evaluation_pickles_copies_and_knows_its_catalogue(shipped: Catalogue) -> None:
    """Results built on access (and the bounded caches behind them) once made an
    evaluation that pickled but would not load, and equal to one from another map."""
    import copy
    import pickle

    evaluation = evaluate(shipped, {"ILM3", "L3TSM"})
    again = pickle.loads(pickle.dumps(evaluation))
    assert again.results == evaluation.results
    assert copy.deepcopy(evaluation).results == evaluation.results
    assert again == evaluation
    assert evaluate(catalogue_from_data(shipped.to_data()), {"ILM3", "L3TSM"}) == evaluation
    data = shipped.to_data()
    data["name"] = "Another map"
    assert evaluate(catalogue_from_data(data), {"ILM3", "L3TSM"}) != evaluation
