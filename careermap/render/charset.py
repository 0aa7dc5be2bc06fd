"""Terminal output for a standard output whose encoding cannot show everything.

A legacy console or ``PYTHONIOENCODING=latin-1`` cannot encode the status symbols or the
table's box lines. Rather than fail, terminal output falls back to plain ASCII, one cell
for one so tables stay aligned; whatever else the encoding lacks (a curly quote in a
title, say) becomes ``?`` (``??`` for a wide character). Files (JSON, CSV, HTML, ...)
are written as UTF-8 whatever the terminal's encoding: see ``careermap.cli``.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache

_SYMBOLS = {
    "✔": "+",
    "✘": "x",
    "◐": "~",
    "◷": "@",
    "○": "o",
    "→": ">",
    "←": "<",
    "…": ".",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
}


def _box_drawing() -> dict[str, str]:
    """Box-drawing characters as ``+`` (corners, joins), ``-`` or ``|``."""
    table = {}
    for point in range(0x2500, 0x2580):
        name = unicodedata.name(chr(point), "")
        if " AND " in name or "DIAGONAL" in name:
            table[chr(point)] = "+"
        else:
            table[chr(point)] = "|" if "VERTICAL" in name or " UP" in name else "-"
    return table


@cache
def _ascii_table() -> dict[int, str]:
    return str.maketrans({**_box_drawing(), **_SYMBOLS})


def _as_question_marks(error: UnicodeError) -> tuple[str, int]:
    """A character the encoding lacks, as one ``?`` for each terminal cell it takes (two
    for a wide East Asian one), so the table's lines stay straight."""
    assert isinstance(error, UnicodeEncodeError)
    lacking = error.object[error.start : error.end]
    cells = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in lacking)
    return "?" * cells, error.end


codecs.register_error("careermap-cells", _as_question_marks)


def fit_encoding(text: str, encoding: str) -> str:
    """Terminal ``text`` as it is when ``encoding`` can write it, else its plain fallback."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "ascii"
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    plain = text.translate(_ascii_table())
    return plain.encode(encoding, errors="careermap-cells").decode(encoding)


def fit_encoding_chunks(chunks: Iterable[str], encoding: str) -> Iterator[str]:
    """Pieces of terminal text as ``fit_encoding`` fits their whole text: each as it
    comes where ``encoding`` is a Unicode one (it can write every piece as it is), else
    joined first (a legacy console: any character it lacks decides for the whole)."""
    try:
        unicode = codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        unicode = False
    if not unicode:
        yield fit_encoding("".join(chunks), encoding)
        return
    for chunk in chunks:
        yield fit_encoding(chunk, encoding)
