"""Every export says which map it came from (name, version, effective date, the SHA-256
of the file) and the day it was made; CSV alone stays as its readers expect."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from careermap import Catalogue, career_map, check_report, load_catalogue, parse_catalogue
from careermap.provenance import Provenance
from careermap.render import OutputFormat, render

from ..conftest import SMALL

DAY = date(2027, 6, 1)


def stamp_for(catalogue: Catalogue) -> Provenance:
    return Provenance.of(catalogue, DAY)


def test_the_digest_is_the_files_sha256(tmp_path: Path) -> None:
    assert load_catalogue(SMALL).digest == hashlib.sha256(SMALL.read_bytes()).hexdigest()
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(SMALL.read_bytes() + b"# a comment changes the file, not the map\n")
    edited = load_catalogue(copy)
    assert edited == load_catalogue(SMALL)  # the same map...
    assert edited.digest != load_catalogue(SMALL).digest  # ...from another file


def test_the_line_names_the_map_its_edition_and_the_day(small: Catalogue) -> None:
    dated = replace(small, version="2026-27", effective_from="2026-04-01")
    digest = hashlib.sha256(SMALL.read_bytes()).hexdigest()[:12]
    assert stamp_for(dated).text() == (
        "Made 2027-06-01 from Small test map, version 2026-27, effective from 2026-04-01"
        f" (sha256 {digest})."
    )
    built = parse_catalogue(SMALL.read_text(encoding="utf-8"))
    assert stamp_for(built).text() == "Made 2027-06-01 from Small test map."


@pytest.mark.parametrize("output_format", [OutputFormat.TABLE, OutputFormat.MARKDOWN])
def test_text_formats_end_with_the_line(small: Catalogue, output_format: OutputFormat) -> None:
    report = check_report(small, {"BASIC"})
    plain = render(report, output_format, width=200)
    stamped = render(report, output_format, width=200, provenance=stamp_for(small))
    assert stamped.startswith(plain)
    assert stamp_for(small).text() in stamped[len(plain) :]


def test_json_leads_with_where_it_came_from(small: Catalogue) -> None:
    report = check_report(small, {"BASIC"})
    document = json.loads(render(report, OutputFormat.JSON, provenance=stamp_for(small)))
    assert next(iter(document)) == "produced"
    assert document["produced"] == {
        "catalogue": "Small test map",
        "version": None,
        "effective_from": None,
        "sha256": hashlib.sha256(SMALL.read_bytes()).hexdigest(),
        "produced": "2027-06-01",
    }
    assert {k: v for k, v in document.items() if k != "produced"} == json.loads(
        render(report, OutputFormat.JSON)
    )


def test_html_has_it_in_a_footer_and_diagrams_in_a_comment(small: Catalogue) -> None:
    stamp = stamp_for(small)
    page = render(career_map(small), OutputFormat.HTML, provenance=stamp)
    assert f'<footer><p class="subtitle">{stamp.text()}</p></footer>\n</body>' in page
    assert render(career_map(small), OutputFormat.DOT, provenance=stamp).startswith(
        f"// {stamp.text()}\n"
    )
    assert render(career_map(small), OutputFormat.MERMAID, provenance=stamp).endswith(
        f"%% {stamp.text()}\n"
    )


def test_csv_is_left_as_its_readers_expect(small: Catalogue) -> None:
    report = check_report(small, {"BASIC"})
    assert render(report, OutputFormat.CSV, provenance=stamp_for(small)) == render(
        report, OutputFormat.CSV
    )
