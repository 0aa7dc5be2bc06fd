"""Hypothesis strategies shared by the property and fuzz tests.

Random catalogues use the codes Q0..Q5; a code only counts as lower-numbered codes, so
"counts as" never has a cycle.
"""

from __future__ import annotations

from hypothesis import strategies as st

from careermap import Catalogue
from careermap.catalogue import catalogue_from_data

CODES = [f"Q{index}" for index in range(6)]

held_sets = st.sets(st.sampled_from(CODES))
frozen_held_sets = st.frozensets(st.sampled_from(CODES))


def _catalogue(
    qualifications: list[dict[str, object]], roles: list[dict[str, object]]
) -> Catalogue:
    return catalogue_from_data(
        {"name": "random", "bands": ("A",), "tracks": ("t",),
         "qualifications": tuple(qualifications), "roles": tuple(roles)}
    )  # fmt: skip


def _qualifications(draw: st.DrawFn, *, counts_as: int, courses: bool) -> list[dict[str, object]]:
    """Every code in CODES, each counting as up to ``counts_as`` earlier codes (so no
    circles), with typical course months and maybe prerequisites when ``courses``."""
    qualifications: list[dict[str, object]] = []
    for index, code in enumerate(CODES):
        lower = CODES[:index]
        satisfies = (
            draw(st.lists(st.sampled_from(lower), unique=True, max_size=counts_as)) if lower else []
        )
        qualification = {"code": code, "name": f"Qual {index}", "satisfies": tuple(satisfies)}
        if courses:
            qualification["course_months"] = draw(st.none() | st.integers(1, 30))
            qualification["alongside_work"] = draw(st.booleans())
            if lower:  # a course may need earlier codes first (so no circles)
                route = st.lists(st.sampled_from(lower), min_size=1, max_size=2, unique=True)
                qualification["requires"] = tuple(
                    tuple(needs) for needs in draw(st.lists(route, max_size=2))
                )
        qualifications.append(qualification)
    return qualifications


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    """One to four roles in one band, each with one to three routes, and no training."""
    qualifications = _qualifications(draw, counts_as=2, courses=False)
    route = st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True).map(tuple)
    roles = []
    for index in range(draw(st.integers(1, 4))):
        routes = draw(st.lists(route, min_size=1, max_size=3, unique_by=frozenset))
        roles.append(
            {"id": f"role-{index}", "title": f"Role {index}", "band": "A", "tracks": ("t",),
             "requires": tuple(routes)}
        )  # fmt: skip
    return _catalogue(qualifications, roles)


@st.composite
def maps(draw: st.DrawFn) -> Catalogue:
    """One to six roles, some qualifications with courses, roles that give codes in time."""
    qualifications = _qualifications(draw, counts_as=1, courses=True)
    route = st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True).map(tuple)
    roles = []
    for index in range(draw(st.integers(1, 6))):
        gives = tuple(draw(st.lists(st.sampled_from(CODES), unique=True, max_size=2)))
        training = {"leads_to": gives, "months": draw(st.integers(1, 30))} if gives else {}
        roles.append(
            {"id": f"role-{index}", "title": f"Role {index}", "band": "A", "tracks": ("t",),
             "requires": tuple(draw(st.lists(route, min_size=1, max_size=2, unique_by=frozenset))),
             "training": training}
        )  # fmt: skip
    return _catalogue(qualifications, roles)


# The readers' fuzzing: text built from the pieces that matter to YAML and CSV.
YAML_PIECES = [*":-[]{},&*!|>'\"#%@`?\t\n ", "---", "...", "!!python/object", "<<", "~"]
CSV_PIECES = [*",;\"'\n\r\t =+-@", "name", "quals", "role", "ILM3", "L3TSM"]


def texts(pieces: list[str], size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces) | st.characters(), max_size=size).map("".join)


scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=10) | st.integers(), children, max_size=4)
    ),
    max_leaves=25,
)
