"""Safe YAML loading that remembers the line every value came from.

Only plain data is accepted: mappings with text keys, sequences and scalars with the
standard tags, nested at most ``MAX_DEPTH`` deep. Aliases are refused (they are how
"billion laughs" files blow up), and so are merge keys (``<<``), dates, numbers of more
than ``MAX_DIGITS`` digits, and duplicate keys, which PyYAML would otherwise silently
resolve to the last one.
Sequences become tuples so that strict, frozen pydantic models accept them unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
import yaml.reader
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from careermap.errors import DataError, Problem
from careermap.lookup import unprintable
from careermap.textfile import MAX_FILE_BYTES, decode_text, read_limited

try:  # The C parser is several times faster; fall back where libyaml is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Location = tuple[str | int, ...]

MAX_DEPTH = 50
MAX_DIGITS = 100
"""No value needs more; longer numbers are refused before they are converted, which takes
time that grows with the square of their length (and Python refuses over 4,300 digits)."""

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")
)
_INT_TAG = "tag:yaml.org,2002:int"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_DATE_TAG = "tag:yaml.org,2002:timestamp"


class _Invalid:
    """A scalar already reported as a problem, so a key made of it is not reported again."""


_INVALID = _Invalid()
_MERGE = _Invalid()  # a merge key, reported where it stands as a key


@dataclass(frozen=True)
class YamlDocument:
    """Plain data parsed from YAML, with the 1-based line of each location in it."""

    data: object
    source: str
    lines: dict[Location, int] = field(repr=False)

    def line_for(self, location: Sequence[str | int]) -> int | None:
        """The line of ``location``, or of its nearest enclosing value that has one."""
        path = tuple(location)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def read_yaml(path: Path, error: type[DataError]) -> YamlDocument:
    """Read and parse a YAML file, raising ``error`` with every problem found."""
    raw = read_limited(path, MAX_FILE_BYTES, error)
    return parse_yaml(decode_text(raw, str(path), error), str(path), error)


def parse_yaml(text: str, source: str, error: type[DataError]) -> YamlDocument:
    """Parse one YAML document from ``text``; ``source`` names it in messages."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # only text built in Python can hold these
        line = text.count("\n", 0, exc.start) + 1
        message = f"character {text[exc.start]!r} is not valid Unicode text"
        raise error([Problem(source, line, message)]) from None
    builder = _Builder(source)
    try:
        # Events, not yaml.compose: composing recurses in C, so a deeply nested file
        # could crash the interpreter; the event parser keeps its own stack.
        for event in yaml.parse(text, Loader=_Loader):
            if not builder.feed(event):
                break
    except yaml.MarkedYAMLError as exc:
        raise error([_syntax_problem(exc, text, source)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        message = f"character {exc.character!r} is not allowed in YAML: {exc.reason}"
        raise error([Problem(source, line, message)]) from None
    except yaml.YAMLError as exc:
        raise error([Problem(source, None, f"YAML error: {exc}")]) from None
    if builder.problems:
        raise error(builder.problems)
    if not builder.has_root:
        raise error([Problem(source, 1, "the file is empty")])
    return YamlDocument(builder.root, source, builder.lines)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, source: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    parts = [part for part in (exc.context, exc.problem) if part]
    detail = ", ".join(parts) if parts else "invalid YAML"
    if "maximum nesting depth" in detail:
        # libyaml (PyYAML 6.0.4 and later) stops deep flow nesting while scanning ahead,
        # before our own, lower limit sees the events: word it as ours.
        line = mark.line + 1 if mark else None
        return Problem(source, line, f"nested more than {MAX_DEPTH} levels deep")
    if mark is None:
        return Problem(source, None, f"YAML syntax error: {detail}")
    lines = text.splitlines()
    if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
        detail += " (a tab: YAML indents with spaces only)"
    return Problem(source, mark.line + 1, f"YAML syntax error: {detail}")


class _Frame:
    """A mapping or sequence being built, with where it sits in the document."""

    def __init__(self, kind: str, location: Location, discard: bool) -> None:
        self.kind = kind
        self.location = location
        self.discard = discard
        self.items: list[object] = []
        self.mapping: dict[str, object] = {}
        self.first_line: dict[str, int] = {}
        self.key: str | None = None
        self.awaiting_value = False
        # The merge key (<<) was reported once: no more about its value (often *name).
        self.merging = False  # this mapping awaits a merge key's value
        self.quiet = False  # this list or mapping is inside a merge key's value


class _Builder:
    """Plain data from parser events, remembering the line of every location."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: dict[Location, int] = {}
        self.problems: list[Problem] = []
        self.root: object = None
        self.has_root = False
        self._stack: list[_Frame] = []
        self._documents = 0
        self._scalars = SafeConstructor()
        self._resolver = Resolver()

    def _problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line, message))

    def feed(self, event: yaml.Event) -> bool:
        """Take one event; False once the document cannot be read any further."""
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.DocumentStartEvent):
            self._documents += 1
            if self._documents > 1:
                self._problem(line, "a second YAML document (---); a file holds one")
                return False
        elif isinstance(event, yaml.AliasEvent):
            if not self._merging():
                self._problem(line, "YAML aliases (*name) are not allowed; write the value out")
            self._deliver(_INVALID, line, scalar=True)
        elif isinstance(event, yaml.ScalarEvent):
            self._deliver(self._scalar(event, line), line, scalar=True)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            if len(self._stack) >= MAX_DEPTH:
                self._problem(line, f"nested more than {MAX_DEPTH} levels deep")
                return False
            mapping = isinstance(event, yaml.MappingStartEvent)
            expected = _MAP_TAG if mapping else _SEQ_TAG
            if event.tag not in (None, "!", expected):
                self._problem(line, f"unsupported YAML tag {event.tag}")
            quiet = self._merging()
            location, discard = self._child(line)
            frame = _Frame("map" if mapping else "seq", location, discard)
            frame.quiet = quiet
            self._stack.append(frame)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frame = self._stack.pop()
            value = dict(frame.mapping) if frame.kind == "map" else tuple(frame.items)
            self._deliver(value, self.lines.get(frame.location, line), scalar=False)
        return True

    def _merging(self) -> bool:
        """Whether the next value is (inside) the value of a merge key."""
        if not self._stack:
            return False
        parent = self._stack[-1]
        return parent.quiet or (parent.awaiting_value and parent.merging)

    def _scalar(self, event: yaml.ScalarEvent, line: int) -> object:
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            resolved = self._resolver.resolve(  # type: ignore[no-untyped-call]
                ScalarNode, value, event.implicit
            )
            tag = str(resolved)
            if tag == _DATE_TAG:
                self._problem(line, "YAML read this as a date; put it in quotes")
                return _INVALID
            if tag == _MERGE_TAG:
                if self._key_expected():
                    return _MERGE
                tag = "tag:yaml.org,2002:str"  # "<<" as a value is just text
        if tag not in _SCALAR_TAGS:
            self._problem(line, f"unsupported YAML tag {tag}")
            return _INVALID
        if tag == _INT_TAG:
            body = value.lstrip("+-")
            body = body[2:] if body[:2].lower() in ("0x", "0o", "0b") else body
            digits = sum(character.isalnum() for character in body)
            if digits > MAX_DIGITS:
                message = f"number too large ({digits} digits); put it in quotes if it is text"
                self._problem(line, message)
                return _INVALID
        node = ScalarNode(tag, value, style=event.style)
        try:
            return self._scalars.construct_object(node)
        except yaml.YAMLError as exc:
            self._problem(line, f"invalid value: {exc}")
        # An explicit tag on text it does not fit: !!int abc, !!bool maybe.
        except (ValueError, KeyError, TypeError, OverflowError):
            shown = value if len(value) <= 40 else value[:40] + "..."
            self._problem(line, f"{shown!r} is not a valid !!{tag.rpartition(':')[2]}")
        return _INVALID

    def _key_expected(self) -> bool:
        parent = self._stack[-1] if self._stack else None
        return parent is not None and parent.kind == "map" and not parent.awaiting_value

    def _child(self, line: int) -> tuple[Location, bool]:
        """Where a new value goes, and whether it is thrown away (a bad key's value)."""
        if not self._stack:
            self.lines.setdefault((), line)
            return (), False
        parent = self._stack[-1]
        if parent.discard:
            return parent.location, True
        if parent.kind == "seq":
            location: Location = (*parent.location, len(parent.items))
        elif parent.awaiting_value:
            if parent.key is None:
                return parent.location, True
            location = (*parent.location, parent.key)
        else:  # a list or mapping used as a key
            return parent.location, True
        self.lines.setdefault(location, line)
        return location, False

    def _deliver(self, value: object, line: int, *, scalar: bool) -> None:
        if value is _INVALID and not self._key_expected():
            value = None  # reported already; the key's value is left empty
        if not self._stack:
            self.root, self.has_root = value, True
            self.lines.setdefault((), line)
            return
        parent = self._stack[-1]
        if parent.discard:
            return
        if parent.kind == "seq":
            self.lines.setdefault((*parent.location, len(parent.items)), line)
            parent.items.append(value)
        elif parent.awaiting_value:
            if parent.key is not None:
                parent.mapping[parent.key] = value
            parent.key, parent.awaiting_value, parent.merging = None, False, False
        else:
            parent.key, parent.awaiting_value = self._key(parent, value, line, scalar), True

    def _key(self, parent: _Frame, key: object, line: int, scalar: bool) -> str | None:
        if key is _INVALID:
            return None
        if key is _MERGE:
            self._problem(line, "merge keys (<<) are not supported; write the keys out")
            parent.merging = True
            return None
        if not scalar:
            self._problem(line, "a key must be plain text, not a list or mapping")
            return None
        if not isinstance(key, str):
            self._problem(line, f"key {key!r} is not text; put it in quotes if it is meant to be")
            return None
        problem = unprintable(key)
        if problem is not None:
            self._problem(line, f"key {problem}")
            return None
        if key in parent.first_line:
            first = parent.first_line[key]
            self._problem(line, f"duplicate key {key!r} (first given at line {first})")
            return None
        parent.first_line[key] = line
        self.lines[(*parent.location, key)] = line
        return key
