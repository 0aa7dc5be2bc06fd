"""The output formats, kept apart so the CLI can name them without importing the library."""

from __future__ import annotations

from enum import StrEnum


class OutputFormat(StrEnum):
    """Formats of every report: check, next, explain, path and team."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class MapFormat(StrEnum):
    """Formats of the career map itself."""

    TABLE = "table"
    MERMAID = "mermaid"
    DOT = "dot"
