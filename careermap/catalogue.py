"""Loading a catalogue: YAML, then the file schema, then the checks across the whole map.

Every failure becomes one ``CatalogueError`` listing each problem with its file and
line, so a person editing ``roles.yaml`` can fix everything in one pass. A file that
passed is remembered by ``careermap.cache``, so the next command skips YAML and
pydantic altogether (they are imported here only when a file has to be checked).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careermap import cache
from careermap.errors import CatalogueError, Problem
from careermap.lookup import QUALS_SEPARATORS
from careermap.models import Catalogue
from careermap.references import Location, reference_problems
from careermap.textfile import MAX_FILE_BYTES, decode_text, read_limited

if TYPE_CHECKING:
    from careermap.yamlfile import YamlDocument

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
    # One digest of the file: the cache's key, and what exports print.
    digest = hashlib.sha256(raw).hexdigest()
    catalogue = cache.load(digest)
    if catalogue is None:
        catalogue = parse_catalogue(decode_text(raw, str(file), CatalogueError), str(file))
        cache.store(digest, catalogue)
    return replace(catalogue, digest=digest)


def check_catalogue_file(path: Path | str) -> tuple[Catalogue, tuple[Problem, ...]]:
    """Check a catalogue file afresh (never from the cache): the catalogue and its warnings.

    Warnings are things worth a look that do not stop the map working, such as a role
    no progression leads to or from. Raises ``CatalogueError`` with every problem found.
    """
    from careermap.yamlfile import parse_yaml

    file = Path(path)
    raw = read_limited(file, MAX_FILE_BYTES, CatalogueError)
    document = parse_yaml(decode_text(raw, str(file), CatalogueError), str(file), CatalogueError)
    digest = hashlib.sha256(raw).hexdigest()
    catalogue = replace(catalogue_from_document(document), digest=digest)
    cache.store(digest, catalogue)
    warnings = tuple(
        Problem(document.source, document.line_for(location), message)
        for location, message in catalogue_warnings(catalogue)
    )
    return catalogue, warnings


def catalogue_warnings(catalogue: Catalogue) -> list[tuple[Location, str]]:
    """Oddities that do not stop the map working, each with its location."""
    warnings: list[tuple[Location, str]] = []
    for index, qualification in enumerate(catalogue.qualifications):
        # Aliases may not hold a separator at all; a name may, as it is also for reading.
        separator = next((mark for mark in QUALS_SEPARATORS if mark in qualification.name), None)
        if separator is not None:
            message = (
                f"{qualification.name!r} contains {separator!r}, which separates qualifications"
                f" where they are typed, so this name cannot be typed; {qualification.code}"
                " or an alias can"
            )
            warnings.append((("qualifications", index, "name"), message))
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
