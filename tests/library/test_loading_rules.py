"""Loading rules beyond the corpus: Unicode forms in names, characters refused in text,
the YAML the reader refuses, and bounds that keep a hostile file cheap to check.

Each single bad file is in the corpus (tests/bad_inputs/cases-loading.tsv); these are the
rules that need a catalogue built for them or more than one message checked.
"""

from __future__ import annotations

import unicodedata

import pytest

from careermap import (
    Catalogue,
    CatalogueError,
    UnknownQualificationError,
    find_band,
    parse_catalogue,
    parse_quals,
)
from careermap.catalogue import catalogue_from_data

ACCENTED = """\
name: Carte des métiers
bands: [Été, Hiver]
tracks: [générale]
qualifications:
  - code: DIP
    name: Diplôme d'État
    aliases: [Café cert]
  - code: ONE
    name: First
roles:
  - id: starter
    title: Débutant
    band: Été
    tracks: [générale]
    requires:
      - [DIP]
"""


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def problems(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "t.yaml")
    return list(caught.value.lines())


def test_names_typed_in_decomposed_form_match() -> None:
    catalogue = parse_catalogue(ACCENTED)
    assert parse_quals(catalogue, nfd("diplôme d'état; CAFÉ CERT")) == {"DIP"}
    assert find_band(catalogue, nfd("été")) == "Été"
    # Case-folding is Unicode's, for no one locale: a Turkish dotless i is not an i.
    with pytest.raises(UnknownQualificationError):
        parse_quals(catalogue, "d\u0131p")


def test_invisible_characters_pasted_into_a_name_are_ignored(shipped: Catalogue) -> None:
    assert parse_quals(shipped, "IL\u200bM3, \ufeffL3TSM, ILM\u00ad5, TSM\u200d") == {
        "ILM3",
        "L3TSM",
        "ILM5",
    }


def test_references_inside_a_file_match_in_either_unicode_form() -> None:
    text = ACCENTED.replace("    band: Été", f"    band: {nfd('Été')}").replace(
        "    tracks: [générale]", f"    tracks: [{nfd('générale')}]"
    )
    catalogue = parse_catalogue(text)
    assert catalogue.roles[0].band == catalogue.bands[0]
    assert catalogue.roles[0].tracks == catalogue.tracks


def test_bands_equal_in_decomposed_form_are_duplicates() -> None:
    text = ACCENTED.replace("bands: [Été, Hiver]", f"bands: [Été, Hiver, {nfd('ÉTÉ')}]")
    assert problems(text) == [
        "t.yaml:2: duplicate band 'ÉTÉ' (entry 1 is 'Été'; bands are matched ignoring case)"
    ]


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ('"Help\\u2028er"', "roles[0].title: contains a line or paragraph separator (\\u2028)"),
        ('"\\u2067Helper"', "roles[0].title: contains a bidirectional control character (\\u2067)"),
        ('"Helper\\x85"', "roles[0].title: contains a control character (\\x85)"),
    ],
)
def test_characters_that_garble_a_line_are_refused(title: str, message: str) -> None:
    text = ACCENTED.replace("title: Débutant", f"title: {title}")
    assert problems(text) == [f"t.yaml:12: {message}; remove it"]


def test_a_folded_title_keeps_loading_and_a_lone_surrogate_is_refused() -> None:
    folded = ACCENTED.replace("title: Débutant", "title: >\n      Débutant\n      junior\n")
    assert parse_catalogue(folded).roles[0].title == "Débutant junior"
    data = {
        "name": "map",
        "bands": ["A"],
        "tracks": ["t"],
        "qualifications": [{"code": "ONE", "name": "One \ud800"}],
        "roles": [{"id": "r", "title": "R", "band": "A", "tracks": ["t"], "requires": [["ONE"]]}],
    }
    with pytest.raises(CatalogueError) as caught:
        catalogue_from_data(data, "data")
    assert caught.value.lines() == (
        "data: qualifications[0].name: contains a lone surrogate (\\ud800); remove it",
    )


def test_a_merge_key_is_one_problem_not_three() -> None:
    text = ACCENTED.replace("  - code: ONE\n", "  - &one\n    code: ONE\n").replace(
        "    title: Débutant\n", "    <<: *one\n    title: Débutant\n"
    )
    assert problems(text) == ["t.yaml:13: merge keys (<<) are not supported; write the keys out"]


def test_a_date_as_a_key_is_one_problem() -> None:
    text = ACCENTED.replace("    title: Débutant\n", "    title: Débutant\n    2024-01-05: x\n")
    assert problems(text) == ["t.yaml:13: YAML read this as a date; put it in quotes"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1" + ":30" * 200, "number too large (401 digits); put it in quotes if it is text"),
        ("-0b" + "1" * 500, "number too large (500 digits); put it in quotes if it is text"),
        ("!!float many", "'many' is not a valid !!float"),
        ("!!bool maybe", "'maybe' is not a valid !!bool"),
    ],
)
def test_numbers_too_large_or_not_numbers_are_located(value: str, message: str) -> None:
    text = ACCENTED.replace("    name: First\n", f"    name: First\n    rqf: {value}\n")
    assert problems(text) == [f"t.yaml:10: {message}"]


def test_a_list_of_bad_items_is_not_also_empty() -> None:
    text = ACCENTED.replace("tracks: [générale]\n", "tracks: [1]\n", 1)
    assert problems(text) == [
        "t.yaml:3: tracks[0]: YAML read this as the number 1; put it in quotes"
    ]


def test_a_long_circle_of_counts_as_is_shortened() -> None:
    chain = "".join(
        f"  - code: Q{index}\n    name: q{index}\n    satisfies: [Q{(index + 1) % 30}]\n"
        for index in range(30)
    )
    lines = problems(ACCENTED.replace("qualifications:\n", f"qualifications:\n{chain}"))
    assert len(lines) == 1
    assert lines[0].endswith(
        '"counts as" goes round in a circle: Q0 -> Q1 -> Q2 -> Q3 -> ... (23 more)'
        " -> Q27 -> Q28 -> Q29 -> Q0"
    )


def test_did_you_mean_is_given_a_bounded_number_of_times() -> None:
    routes = "".join(f"      - [DIP{index}]\n" for index in range(15))
    lines = problems(ACCENTED.replace("      - [DIP]\n", routes))
    assert len(lines) == 15
    assert sum("did you mean" in line for line in lines) == 10
