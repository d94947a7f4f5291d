"""JSON Schema (2020-12) of the wire format, read off the same definitions as the converter.

Each class's keys come from :func:`samcore._wire.wire_fields`, the list the
converter itself reads and writes, and dates and months carry the converter's
own patterns; the tests check every shipped strategy's JSON against these
schemas and that ``from_json`` refuses what they refuse.
"""

from __future__ import annotations

import inspect
import json
import typing
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from types import NoneType, UnionType
from typing import Any, Final

import attrs

from samcore._org import OrgTree, OrgUnit
from samcore._time import Month
from samcore._wire import DATE_PATTERN, MONTH_PATTERN, to_json, wire_fields
from samcore.errors import InvalidValueError

__all__ = ["json_schema"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

_SCALARS: Final[Mapping[Any, dict[str, Any]]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    NoneType: {"type": "null"},
    date: {"type": "string", "format": "date", "pattern": DATE_PATTERN},
    Month: {"type": "string", "pattern": MONTH_PATTERN},
}


def json_schema(cls: Any, *, ref_prefix: str = "#/$defs/") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12, as OpenAPI 3.1 uses) of ``cls`` on the wire.

    Every class the schema needs besides ``cls`` is under ``$defs``, named
    by its class name, and so is every enum. Objects allow no other keys
    (``additionalProperties: false``, as ``from_json`` refuses unknown
    keys); keys with a default may be left out; fields that live in memory
    only are not there. Dates are strings of ``format: date``, months
    ``YYYY-MM``, enums their values, an organisation ``{"units": [...]}``,
    counts by an enum objects whose keys are the enum's values. To put the
    classes among an OpenAPI document's ``components/schemas``, pass
    ``ref_prefix="#/components/schemas/"`` and move ``$defs`` there.

    The schema says the shape; ``from_json`` also checks the rules of the
    domain (``fte`` in (0, 1], an end on or after the start, a tree with one
    root) and reports them with code ``invalid``.

    Raises:
        InvalidValueError: ``cls`` is no type of the wire format.

    Examples:
        >>> from samcore import Window
        >>> schema = json_schema(Window)
        >>> schema["required"], schema["properties"]["start"]["format"]
        (['start', 'end'], 'date')
        >>> schema["additionalProperties"]
        False
    """
    defs: dict[str, dict[str, Any]] = {}
    builder = _Builder(ref_prefix, defs)
    body = builder.named(cls) if cls not in _SCALARS and _is_named(cls) else builder.schema(cls)
    schema = {"$schema": DIALECT, **body}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _is_named(kind: Any) -> bool:
    """Whether a type is a class or an enum, which gets a name under ``$defs``."""
    return isinstance(kind, type) and (issubclass(kind, StrEnum) or attrs.has(kind))


@attrs.define
class _Builder:
    """Builds schemas, collecting the named ones in ``defs``."""

    prefix: str
    defs: dict[str, dict[str, Any]]
    building: set[str] = attrs.Factory(set)

    def schema(self, kind: Any) -> dict[str, Any]:
        """The schema of a type: inline for scalars and containers, a reference for named ones."""
        if kind in _SCALARS:
            return dict(_SCALARS[kind])
        if _is_named(kind):
            name = kind.__name__
            if name not in self.defs and name not in self.building:
                self.building.add(name)
                self.defs[name] = self.named(kind)
                self.building.discard(name)
            return {"$ref": self.prefix + name}
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin in (UnionType, typing.Union):
            return {"anyOf": [self.schema(arg) for arg in args]}
        if origin is frozenset and args:
            return {"type": "array", "items": self.schema(args[0])}
        if origin in (tuple, list) and args and (origin is list or args[-1] is Ellipsis):
            return {"type": "array", "items": self.schema(args[0])}
        if origin in (dict, Mapping) and len(args) == 2:
            key, value = args
            if isinstance(key, type) and issubclass(key, StrEnum):
                return {
                    "type": "object",
                    "properties": {member.value: self.schema(value) for member in key},
                    "additionalProperties": False,
                }
            if key is str:
                return {"type": "object", "additionalProperties": self.schema(value)}
        raise InvalidValueError(f"'cls' must be a type of the wire format (got {kind!r})")

    def named(self, kind: type) -> dict[str, Any]:
        """The schema of a class or an enum itself, with its title and description."""
        head = {"title": kind.__name__}
        doc = inspect.cleandoc(kind.__dict__.get("__doc__") or "")
        if doc:
            head["description"] = doc.split("\n\n", 1)[0].replace("\n", " ").replace("``", "`")
        if issubclass(kind, StrEnum):
            return {**head, "type": "string", "enum": [member.value for member in kind]}
        if kind is OrgTree:
            return {
                **head,
                "type": "object",
                "properties": {"units": {"type": "array", "items": self.schema(OrgUnit)}},
                "required": ["units"],
                "additionalProperties": False,
            }
        properties: dict[str, Any] = {}
        required: list[str] = []
        for wire in wire_fields(kind):
            properties[wire.key] = self.schema(wire.kind)
            if wire.required:
                required.append(wire.key)
            else:
                default = _default(wire.field)
                if default is not _NO_DEFAULT:
                    properties[wire.key]["default"] = default
        body: dict[str, Any] = {**head, "type": "object", "properties": properties}
        if required:
            body["required"] = required
        body["additionalProperties"] = False
        return body


_NO_DEFAULT: Final = object()


def _default(field: attrs.Attribute[Any]) -> Any:
    """A field's default as JSON, written by the converter; none when it depends on the record."""
    default: Any = field.default
    converter: Any = field.converter
    if isinstance(converter, attrs.Converter):
        return _NO_DEFAULT  # computed from other fields (a report date defaults to the event's)
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            return _NO_DEFAULT
        default = default.factory()
    if converter is not None:
        default = converter(default)
    return json.loads(to_json(default))
