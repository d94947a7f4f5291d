"""Reading JSON into samcore values: the payload's depth, its structure, and every problem located.

``from_json`` runs the converter of :mod:`samcore._wire` and turns what goes
wrong into :class:`Problem` values, each at the JSON path of its field.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from samcore.errors import (
    DatasetError,
    InvalidValueError,
    Problem,
    SamcoreError,
    WireFormatError,
)

if TYPE_CHECKING:
    pass

from samcore._check import path_step
from samcore._wire import MAX_DEPTH, ShapeError, json_converter, shown, wire_fields

__all__ = ["from_json"]

T = TypeVar("T")


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Read a samcore value of type ``cls`` from JSON text.

    Raises:
        WireFormatError: the text is not JSON, is nested more than 64 levels
            deep, has unknown keys, misses required ones, or holds a bad
            value; every problem is a :class:`Problem` with the JSON path of
            the field, a code and a message.

    Examples:
        >>> from samcore import Employee
        >>> from_json('{"id": "e1", "gender": "woman"}', Employee)
        Employee(id='e1', gender=<Gender.WOMAN: 'woman'>, birth_date=None, personnel_group=None)
        >>> from_json('{"id": "e1", "gender": "female", "shoe": 42}', Employee)
        Traceback (most recent call last):
        ...
        samcore.errors.WireFormatError: JSON does not fit Employee (2 problems):
          - expected one of 'woman', 'man', 'unspecified' (got 'female') @ $.gender
          - extra field 'shoe': Employee has no such field @ $.shoe
    """
    from cattrs import BaseValidationError

    summary = f"JSON does not fit {getattr(cls, '__name__', str(cls))}"
    try:
        data = json.loads(text)
    except RecursionError:
        raise WireFormatError(summary, [_too_deep()]) from None
    except (ValueError, TypeError) as error:
        raise WireFormatError(
            summary, [Problem(path="$", code="json", message=f"not JSON: {error}")]
        ) from None
    if _depth_exceeds(data, MAX_DEPTH):
        raise WireFormatError(summary, [_too_deep()])
    try:
        return json_converter().structure(data, cls)
    except BaseValidationError as error:
        problems = list(_walk(error, "$"))
    except (SamcoreError, ValueError, TypeError, KeyError, AttributeError) as error:
        problems = list(_leaf(error, "$", None))
    raise WireFormatError(summary, problems) from None


def _too_deep() -> Problem:
    return Problem(
        path="$", code="depth", message=f"arrays and objects nested more than {MAX_DEPTH} deep"
    )


def _depth_exceeds(data: Any, limit: int) -> bool:
    """Whether arrays and objects nest deeper than ``limit``, found level by level (no recursion)."""
    level = [data] if type(data) in (list, dict) else []  # json.loads makes exact lists and dicts
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        inner: list[Any] = []
        keep = inner.append
        for value in level:
            for item in value.values() if type(value) is dict else value:
                kind = type(item)
                if kind is dict or kind is list:
                    keep(item)
        level = inner
    return False


def _note(error: BaseException, kind: type) -> Any:
    """The validation note of this kind cattrs attached to an error, if any."""
    for note in getattr(error, "__notes__", ()):
        if note.__class__ is kind:
            return note
    return None


def _walk(error: BaseException, path: str) -> Iterator[Problem]:
    """Every problem under a cattrs validation error, each with its JSON path."""
    from cattrs.errors import (
        AttributeValidationNote,
        BaseValidationError,
        ClassValidationError,
        IterableValidationError,
        IterableValidationNote,
    )

    if isinstance(error, ClassValidationError):
        keys = {f.name: f.alias for f in attrs.fields(error.cl)} if attrs.has(error.cl) else {}
        for inner in error.exceptions:
            note = _note(inner, AttributeValidationNote)
            if note is not None:
                yield from _walk(inner, path + path_step(keys.get(note.name, note.name)))
            elif isinstance(inner, BaseValidationError):
                yield from _walk(inner, path)
            else:
                yield from _leaf(inner, path, error.cl)
    elif isinstance(error, IterableValidationError):
        for inner in error.exceptions:
            note = _note(inner, IterableValidationNote)
            yield from _walk(inner, path if note is None else path + path_step(note.index))
    else:
        yield from _leaf(error, path, None)


def _leaf(error: BaseException, path: str, owner: type | None) -> Iterator[Problem]:
    """The problems of one error at ``path``; ``owner`` is the class whose rules raised it."""
    from cattrs.errors import ForbiddenExtraKeysError
    from cattrs.v import format_exception

    if isinstance(error, DatasetError | WireFormatError):
        for problem in error.problems:  # paths within the value, rooted at its place here
            yield Problem(path=path + problem.path[1:], code=problem.code, message=problem.message)
    elif isinstance(error, InvalidValueError):
        place, message = "", str(error)
        found = _field_place(owner, error.field) if owner is not None else None
        if found is not None:
            place, name = found
            if name != error.field:  # name the field as the payload does
                message = message.replace(repr(error.field), repr(name), 1)
        yield Problem(path=path + place, code="invalid", message=message)
    elif isinstance(error, SamcoreError):
        yield Problem(path=path, code="invalid", message=str(error))
    elif isinstance(error, ShapeError):
        yield Problem(path=path, code=error.code, message=str(error))
    elif isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield Problem(
                path=path + path_step(key),
                code="extra",
                message=f"extra field {shown(key)}: {error.cl.__name__} has no such field",
            )
    elif isinstance(error, KeyError):
        yield Problem(path=path, code="missing", message="required field missing")
    elif isinstance(error, AttributeError | TypeError):
        yield Problem(path=path, code="type", message="expected a JSON object")
    else:
        yield Problem(path=path, code="invalid", message=format_exception(error, None))


_FIELD_NAME: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[[^\]]*\])*)")


def _field_place(owner: type, field: str | None) -> tuple[str, str] | None:
    """Where in a record lies a field as a rule names it (``_departures[man]``), if on the wire.

    Gives the JSON path within the record (``.departures.man``: a step into
    an array stays an index, a step into an object becomes a key) and the
    name with the attribute written as its key on the wire
    (``departures[man]``), or ``None`` for a name that is no field on the
    wire.
    """
    named = _FIELD_NAME.fullmatch(field) if field else None
    if named is None or not attrs.has(owner):
        return None
    wire = next((w for w in wire_fields(owner) if named[1] in (w.name, w.key)), None)
    if wire is None:
        return None
    path, kind = path_step(wire.key), wire.kind
    for step in re.findall(r"\[([^\]]*)\]", named[2]):
        args = typing.get_args(kind)
        if step.isdecimal() and typing.get_origin(kind) in (tuple, list):
            path += path_step(int(step))
        else:
            path += path_step(step)
        kind = args[-1] if args else Any
    return path, wire.key + named[2]
