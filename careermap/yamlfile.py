"""Safe YAML loading that remembers the line every value came from.

Only plain data is accepted: mappings with text keys, sequences and scalars with the
standard tags. Aliases are refused (they are how "billion laughs" files blow up), and so
are duplicate keys, which PyYAML would otherwise silently resolve to the last one.
Sequences become tuples so that strict, frozen pydantic models accept them unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from careermap.errors import DataError, Problem
from careermap.textfile import MAX_FILE_BYTES, decode_text, read_limited

try:  # The C parser is several times faster; fall back where libyaml is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Location = tuple[str | int, ...]

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")
)


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
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise error([_syntax_problem(exc, text, source)]) from None
    except yaml.YAMLError as exc:
        raise error([Problem(source, None, f"YAML error: {exc}")]) from None
    if root is None:
        raise error([Problem(source, 1, "the file is empty")])
    builder = _Builder(source)
    data = builder.build(root, ())
    if builder.problems:
        raise error(builder.problems)
    return YamlDocument(data, source, builder.lines)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, source: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    parts = [part for part in (exc.context, exc.problem) if part]
    detail = ", ".join(parts) if parts else "invalid YAML"
    if mark is None:
        return Problem(source, None, f"YAML syntax error: {detail}")
    lines = text.splitlines()
    if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
        detail += " (a tab: YAML indents with spaces only)"
    return Problem(source, mark.line + 1, f"YAML syntax error: {detail}")


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: dict[Location, int] = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._scalars = SafeConstructor()

    def _problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.source, node.start_mark.line + 1, message))

    def build(self, node: Node, location: Location) -> object:
        if id(node) in self._seen:
            # The alias shares its node with the anchor, so its own line is unknown:
            # name the nearest enclosing line instead of the anchor's.
            enclosing = next(
                (
                    self.lines[location[:size]]
                    for size in range(len(location), -1, -1)
                    if location[:size] in self.lines
                ),
                node.start_mark.line + 1,
            )
            message = "YAML aliases (*name) are not allowed; write the value out"
            self.problems.append(Problem(self.source, enclosing, message))
            return None
        self._seen.add(id(node))
        self.lines.setdefault(location, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, location)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                self._problem(node, f"unsupported YAML tag {node.tag}")
            return tuple(
                self.build(item, (*location, index)) for index, item in enumerate(node.value)
            )
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        self._problem(node, f"unsupported YAML tag {node.tag}")
        return None

    def _scalar(self, node: ScalarNode) -> object:
        if node.tag not in _SCALAR_TAGS:
            self._problem(node, f"unsupported YAML tag {node.tag}")
            return None
        try:
            return self._scalars.construct_object(node)
        except yaml.YAMLError as exc:
            self._problem(node, f"invalid value: {exc}")
            return None

    def _mapping(self, node: MappingNode, location: Location) -> dict[str, object]:
        if node.tag != _MAP_TAG:
            self._problem(node, f"unsupported YAML tag {node.tag}")
        result: dict[str, object] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "a key must be plain text, not a list or mapping")
                continue
            key = self._scalar(key_node)
            if not isinstance(key, str):
                self._problem(
                    key_node, f"key {key!r} is not text; put it in quotes if it is meant to be"
                )
                continue
            if key in first_line:
                self._problem(
                    key_node, f"duplicate key {key!r} (first given at line {first_line[key]})"
                )
                continue
            first_line[key] = line
            self.lines[(*location, key)] = line
            result[key] = self.build(value_node, (*location, key))
        return result
