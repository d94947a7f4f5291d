"""Many records of one class at once: each column checked in one pass, then the records built.

A record's constructor calls the validator of each of its fields, one call per
field per record; for the 100,000 people records of an export that is most of
the time spent. :func:`build_records` checks a column at a time instead (see
``samcore._columns``): the types of all its values as one set, a range by its
least and greatest value. It runs a field's own validator value by value only
on a column that its column check does not clear, then the record's
cross-field rules (``__attrs_post_init__``) on each record. So it accepts
exactly what the constructor accepts, builds records equal to the
constructor's, and refuses with the constructor's own messages, every refused
row at once.
"""

from __future__ import annotations

import gc
import typing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import repeat
from operator import contains, itemgetter, methodcaller
from types import MemberDescriptorType
from typing import Any, Final, Generic, NamedTuple, TypeVar

import attrs

from samcore._check import show
from samcore._columns import column_check, records_check
from samcore._ingest_problems import IngestError, IngestProblem, ProblemCode
from samcore.errors import InvalidValueError

__all__ = ["Built", "Refusal", "build_records", "built"]

T = TypeVar("T")

_ABSENT: Final = object()
"""A field a row does not give: its default applies, or the row is refused."""


class Refusal(NamedTuple):
    """Why one row makes no record: where it is among the rows (from 0), and the problem."""

    place: int
    code: ProblemCode
    message: str
    field: str | None = None


class _Plan(NamedTuple):
    """How to build records of a class without its constructor, or ``None`` parts if it cannot."""

    fields: tuple[attrs.Attribute[Any], ...]
    names: tuple[str, ...]
    """The fields as the constructor names them (a private field by its alias)."""
    setters: tuple[Callable[[object, object], None], ...] | None
    """Set a field of a new record; ``None`` when the class needs its constructor."""


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _planned(cls)
    return plan


def _planned(cls: type) -> _Plan:
    every = attrs.fields(cls)
    fields = tuple(field for field in every if field.init)
    names = tuple(field.alias or field.name for field in fields)
    setters: list[Callable[[object, object], None]] = []
    for field in every:
        slot = getattr(cls, field.name, None)
        if not (
            field.init
            and (field.converter is None or not isinstance(field.converter, attrs.Converter))
            and not isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
            and isinstance(slot, MemberDescriptorType)
        ):
            return _Plan(fields, names, None)
        setters.append(slot.__set__)
    if hasattr(cls, "__attrs_pre_init__"):
        return _Plan(fields, names, None)
    return _Plan(fields, names, tuple(setters))


@contextmanager
def _no_collection() -> Iterator[None]:
    """Hold the cyclic garbage collector while records are built.

    The new records hold only values and make no cycles, yet building them
    would start collection after collection, in a large heap a full one, that
    walks objects which cannot be garbage; the collector runs as usual
    afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _field(error: ValueError) -> str | None:
    """The field a rule's error names, if it names one."""
    return error.field if isinstance(error, InvalidValueError) else None


def _values(
    plan: _Plan, place: int, row: object
) -> tuple[tuple[object, ...] | None, list[Refusal]]:
    """A row's value for every field, in order, defaults filled in; or why it has none."""
    if isinstance(row, Mapping):
        unknown = [str(key) for key in row if key not in plan.names]
        given = [row.get(name, _ABSENT) for name in plan.names]
        refusals = [
            Refusal(place, ProblemCode.UNKNOWN_COLUMN, f"{key!r} is no field of the record")
            for key in unknown
        ]
    elif isinstance(row, Sequence) and not isinstance(row, str):
        given = [*row, *repeat(_ABSENT, len(plan.names) - len(row))]
        refusals = []
        if len(row) > len(plan.names):
            refusals.append(
                Refusal(
                    place,
                    ProblemCode.EXTRA_VALUES,
                    f"the row has {len(row)} values for {len(plan.names)} fields",
                )
            )
    else:
        message = f"a row must be a tuple of values or a mapping of fields (got {show(row)})"
        return None, [Refusal(place, ProblemCode.INVALID, message)]
    for position, (field, value) in enumerate(zip(plan.fields, given, strict=False)):
        if value is not _ABSENT:
            continue
        if field.default is attrs.NOTHING:
            refusals.append(
                Refusal(place, ProblemCode.MISSING, "a value is required", plan.names[position])
            )
        elif not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            given[position] = field.default  # (a factory's default is left to the constructor)
    return (None if refusals else tuple(given)), refusals


def _has_plain_default(field: attrs.Attribute[Any]) -> bool:
    return field.default is not attrs.NOTHING and not isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]


def _columns(plan: _Plan, rows: list[Any]) -> list[list[Any]] | None:
    """The columns of the rows, the fields left out at their default, read at C speed.

    For rows that are all tuples of one length, or all dicts of known fields;
    ``None`` for any other rows, or when a field left out has no plain default.
    """
    kinds = set(map(type, rows))
    if kinds <= {tuple}:
        lengths = set(map(len, rows))
        given = lengths.pop() if len(lengths) == 1 else len(plan.names)
        rest = plan.fields[given:]
        if lengths or not all(map(_has_plain_default, rest)):
            return None
        return [list(map(itemgetter(position), rows)) for position in range(given)] + [
            [field.default] * len(rows) for field in rest
        ]
    if kinds != {dict} or not set().union(*rows) <= set(plan.names):
        return None
    columns = []
    for field, name in zip(plan.fields, plan.names, strict=True):
        if _has_plain_default(field):
            columns.append(list(map(methodcaller("get", name, field.default), rows)))
        elif all(map(contains, rows, repeat(name))):
            columns.append(list(map(itemgetter(name), rows)))
        else:
            return None
    return columns


def _constructed(cls: type[T], plan: _Plan, columns: list[list[Any]], count: int) -> Built[T]:
    """Each row through the constructor itself: for a class that needs it."""
    records: list[T | None] = []
    refusals: list[Refusal] = []
    for place, values in enumerate(zip(*columns, strict=True)):
        try:
            given = {n: v for n, v in zip(plan.names, values, strict=True) if v is not _ABSENT}
            records.append(cls(**given))
        except ValueError as error:
            records.append(None)
            refusals.append(Refusal(place, ProblemCode.INVALID, str(error), _field(error)))
    return Built(records, refusals)


def _all_hold(cls: type, plan: _Plan, columns: list[list[Any]], records: list[Any]) -> bool:
    """Whether the rules across fields hold for every record.

    At once by columns if the class says how, else record by record as the constructor runs them.
    """
    check = records_check(cls)
    if check is not None:
        return check(dict(zip(plan.names, columns, strict=True)))
    try:
        deque(map(cls.__attrs_post_init__, records), maxlen=0)  # type: ignore[attr-defined]
    except ValueError:
        return False
    return True


def _assembled(cls: type[T], plan: _Plan, columns: list[list[Any]], count: int) -> Built[T]:
    """The records set field by field, each column checked at once, then the cross-field rules."""
    assert plan.setters is not None
    records: list[Any] = list(map(object.__new__, repeat(cls, count)))
    for field, setter, column in zip(plan.fields, plan.setters, columns, strict=True):
        if field.converter is not None:
            column[:] = map(typing.cast(Callable[[Any], object], field.converter), column)
        deque(map(setter, records, column), maxlen=0)
    refusals: list[Refusal] = []
    for field, column in zip(plan.fields, columns, strict=True):
        check = column_check(field.validator)
        if field.validator is None or (check is not None and check(column)):
            continue
        for place, (record, value) in enumerate(zip(records, column, strict=True)):
            try:
                field.validator(record, field, value)
            except ValueError as error:
                refusals.append(Refusal(place, ProblemCode.INVALID, str(error), _field(error)))
    refused = {refusal.place for refusal in refusals}
    post_init = getattr(cls, "__attrs_post_init__", None)
    if post_init is not None and (refused or not _all_hold(cls, plan, columns, records)):
        for place, record in enumerate(records):
            if place in refused:
                continue
            try:
                post_init(record)
            except ValueError as error:
                refused.add(place)
                refusals.append(Refusal(place, ProblemCode.INVALID, str(error), _field(error)))
    if not refused:
        return Built(records, [])
    refusals.sort(key=lambda refusal: refusal.place)  # stable: a row's fields stay in order
    return Built([None if i in refused else r for i, r in enumerate(records)], refusals)


class Built(NamedTuple, Generic[T]):
    """For each row its record (``None`` if refused), and every problem of the refused rows."""

    records: list[T | None]
    refusals: list[Refusal]
    """In the order of the rows, and within a row in the order of the fields."""


def built(cls: type[T], rows: Iterable[object]) -> Built[T]:
    """Records of ``cls`` from rows, checked a column at a time, and why each refused row is.

    A row is a tuple of values in the order of the fields (trailing fields with
    a default may be left out) or a mapping from field to value. A refused row
    has a problem for each field whose rule it breaks, or else for the
    record's rule across fields it breaks: the constructor refuses it for the
    first of them, with the same message.
    """
    if not (isinstance(cls, type) and attrs.has(typing.cast(type, cls))):
        raise InvalidValueError(
            f"'cls' must be an attrs record class such as SickLeavePeriod (got {show(cls)}) "
            "for building records"
        )
    plan = _plan(cls)
    build = _assembled if plan.setters else _constructed
    rows = list(rows)
    columns = _columns(plan, rows)
    if columns is not None:
        with _no_collection():
            return build(cls, plan, columns, len(rows))
    given: list[tuple[object, ...]] = []
    places: list[int] = []
    shape: list[Refusal] = []
    for place, row in enumerate(rows):
        values, refusals = _values(plan, place, row)
        if values is None:
            shape += refusals
        else:
            places.append(place)
            given.append(values)
    with _no_collection():
        made = build(cls, plan, typing.cast(list[list[Any]], _columns(plan, given)), len(given))
    records: list[T | None] = [None] * len(rows)
    for place, record in zip(places, made.records, strict=True):
        records[place] = record
    moved = [refusal._replace(place=places[refusal.place]) for refusal in made.refusals]
    return Built(records, sorted(shape + moved, key=lambda refusal: refusal.place))


def build_records(
    cls: type[T], rows: Iterable[Sequence[object] | Mapping[str, object]]
) -> tuple[T, ...]:
    """Build many records of one class at once, every rule checked, every refused row reported.

    Gives the records the constructor of ``cls`` would give, row by row, and
    refuses what it refuses; but it checks each field for all rows at once
    (the types of a column as one set, a range by its least and greatest
    value) and runs a field's validator value by value only on a column that
    fails that check, so building 100,000 records costs a fraction of calling
    the constructor 100,000 times. A row is a tuple of values in the order
    of the fields (``attrs.fields(cls)``; trailing fields with a default may
    be left out) or a mapping from field name to value, as the constructor
    takes them.

    Raises:
        IngestError: some rows make no record; its ``details`` hold one
            :class:`IngestProblem` per problem, with the row (from 1), the
            field, the value and the constructor's message naming the rule
            and the record. A row has a problem for each field whose rule it
            breaks, or else for the rule across fields it breaks (an end
            before the start).
        InvalidValueError: ``cls`` is not an attrs record class.

    Examples:
        >>> from datetime import date
        >>> from samcore import SickLeavePeriod
        >>> rows = [("e1", date(2024, 3, 1), date(2024, 3, 4), 0.5),
        ...         ("e2", date(2024, 5, 2), date(2024, 5, 2))]
        >>> [(p.employee_id, p.days, p.extent) for p in build_records(SickLeavePeriod, rows)]
        [('e1', 4, 0.5), ('e2', 1, 1.0)]
        >>> build_records(SickLeavePeriod, [*rows, ("e3", date(2024, 3, 4), date(2024, 3, 1)),
        ...                                 {"employee_id": " ", "start": date(2024, 1, 1),
        ...                                  "end": date(2024, 1, 1), "extent": 1.5}])
        Traceback (most recent call last):
        ...
        samcore._ingest_problems.IngestError: 2 of 4 rows make no SickLeavePeriod (3 problems):
          - row 3, end: 'end' must be on or after start (got 2024-03-01) for sick-leave period of employee 'e3' starting 2024-03-04 [invalid] @ $.end
          - row 4, employee_id: 'employee_id' must be a non-empty string (got ' ') for sick-leave period starting 2024-01-01 [invalid] @ $.employee_id
          - row 4, extent: 'extent' must be in (0, 1] (got 1.5) for sick-leave period starting 2024-01-01 [invalid] @ $.extent
    """
    rows = list(rows)
    made = built(cls, rows)
    if not made.refusals:
        return tuple(made.records)  # type: ignore[arg-type]
    refused = len({refusal.place for refusal in made.refusals})
    raise IngestError(
        f"{refused} of {len(rows)} rows make no {cls.__name__}",
        [_problem(refusal, rows[refusal.place], _plan(cls).names) for refusal in made.refusals],
    )


def _problem(refusal: Refusal, row: object, names: tuple[str, ...]) -> IngestProblem:
    """The problem of a refused row, with the value of the field it names."""
    value: object = _ABSENT
    if isinstance(row, Mapping):
        value = row.get(refusal.field, _ABSENT)
    elif isinstance(row, tuple) and refusal.field in names:
        position = names.index(refusal.field)
        value = row[position] if position < len(row) else _ABSENT
    return IngestProblem(
        row=refusal.place + 1,
        field=refusal.field,
        code=refusal.code,
        value=None if value is _ABSENT else show(value),
        message=refusal.message,
    )
