"""Output for a standard output whose encoding cannot show everything careermap writes.

A legacy console or ``PYTHONIOENCODING=latin-1`` cannot encode the status symbols or the
table's box lines. Rather than fail, such output falls back to plain ASCII, one character
for one so tables stay aligned; JSON escapes instead (``\\u2714``), so it stays exact.
Whatever else the encoding lacks (a curly quote in a title, say) becomes ``?``.
"""

from __future__ import annotations

import codecs
import json
import unicodedata
from functools import cache

from careermap.render import OutputFormat

_SYMBOLS = {
    "✔": "+",
    "✘": "x",
    "◐": "~",
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


def fit_encoding(text: str, output_format: OutputFormat, encoding: str) -> str:
    """``text`` as it is when ``encoding`` can write it, else its plain fallback."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "ascii"
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    if output_format is OutputFormat.JSON:
        from careermap.render.json import dumps

        return dumps(json.loads(text), ascii_only=True)
    plain = text.translate(_ascii_table())
    return plain.encode(encoding, errors="replace").decode(encoding)
