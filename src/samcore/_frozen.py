"""Collections in records: tuples that never split a string, read-only maps, checked arguments."""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, Set, ValuesView
from typing import Any, Final, TypeVar

import attrs

from samcore._check import fail, instance_of, is_text, with_article

__all__ = [
    "EMPTY",
    "FrozenMap",
    "frozen_map",
    "ids",
    "of_type",
    "records",
    "to_frozenset",
    "to_tuple",
]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


def to_tuple(values: Any) -> Any:
    """Converter of the tuple fields: a list, tuple or other ordered iterable in, a tuple stored.

    A string, bytes, a mapping or a set is left as it is, and so is anything
    that is not iterable: the field's validator then refuses it by name. A
    string where a tuple belongs is a mistake, not a tuple of its letters,
    and a set has no order to keep.

    Examples:
        >>> to_tuple(["a", "b"]), to_tuple("rehabilitering"), to_tuple(None)
        (('a', 'b'), 'rehabilitering', None)
    """
    if isinstance(values, tuple) or not _is_sequence_like(values):
        return values
    return tuple(values)


def to_frozenset(values: Any) -> Any:
    """Converter of the set fields: any iterable of hashable items in, a frozenset stored.

    A string, bytes or a mapping is left as it is, and so is anything that
    is not iterable or holds an unhashable item: the field's validator then
    refuses it by name (one id as a string is a mistake, not a set of its
    letters).

    Examples:
        >>> to_frozenset(["a", "b", "a"]) == frozenset({"a", "b"}), to_frozenset("kd")
        (True, 'kd')
    """
    if isinstance(values, frozenset) or not (
        isinstance(values, Iterable) and not isinstance(values, str | bytes | Mapping)
    ):
        return values
    given = tuple(values)
    try:
        return frozenset(given)
    except TypeError:
        return given


def _is_sequence_like(values: object) -> bool:
    return isinstance(values, Iterable) and not isinstance(values, str | bytes | Mapping | Set)


def records(field: str, values: object, kind: type[T], subject: str) -> tuple[T, ...]:
    """Check a function argument of records: an iterable (not a string) of ``kind``, as a tuple.

    Examples:
        >>> records("employees", [], str, "sick_leave")
        ()
        >>> records("employees", None, str, "sick_leave")
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'employees' must be an iterable of str (got None) for sick_leave
    """
    if not _is_sequence_like(values) and not isinstance(values, tuple | Set):
        fail(field, f"be an iterable of {kind.__name__}", values, subject)
    found: tuple[Any, ...] = tuple(values)  # type: ignore[arg-type]
    for index, item in enumerate(found):
        if not isinstance(item, kind):
            fail(f"{field}[{index}]", f"be {with_article(kind.__name__)}", item, subject)
    return found


def ids(field: str, values: object, subject: str) -> tuple[str, ...]:
    """Check a function argument of ids: an iterable of non-empty strings (a lone string is a mistake).

    Examples:
        >>> ids("person_ids", {"a"}, "certified_share")
        ('a',)
        >>> ids("person_ids", "abc", "certified_share")
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'person_ids' must be an iterable of str (got 'abc') for certified_share
    """
    found = records(field, values, str, subject)
    for index, item in enumerate(found):
        if not is_text(item):
            fail(f"{field}[{index}]", "be a non-empty string", item, subject)
    return found


class FrozenMap(Mapping[K, V]):
    """A read-only mapping that pickles, deep-copies and hashes, for mapping fields of frozen records.

    It keeps the order it was given and compares equal to any mapping with
    the same items.

    Examples:
        >>> import pickle
        >>> m = FrozenMap({"b": 1, "a": 2})
        >>> m, pickle.loads(pickle.dumps(m)) == {"b": 1, "a": 2}, hash(m) == hash(FrozenMap({"a": 2, "b": 1}))
        ({'b': 1, 'a': 2}, True, True)
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(data)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    # The read-only views of the stored dict: as the Mapping mixins, without a call per key.
    def get(self, key: K, default: Any = None) -> Any:
        return self._data.get(key, default)

    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))


EMPTY: Final[FrozenMap[Any, Any]] = FrozenMap()
"""The empty frozen mapping, the default of mapping fields."""


def frozen_map(value: Any) -> Any:
    """Converter of the mapping fields: a mapping in, a :class:`FrozenMap` stored; anything else as it is.

    Examples:
        >>> frozen_map({"a": 1}), frozen_map("a")
        ({'a': 1}, 'a')
    """
    if isinstance(value, FrozenMap) or not isinstance(value, Mapping):
        return value
    return FrozenMap(value)


def of_type(default: Any) -> Any:
    """A field holding a value of ``default``'s type, ``default`` unless given: ``attrs.field``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Box:
        ...     ratio: float = of_type(1.5)
        >>> Box(ratio="x")
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'ratio' must be a float (got 'x') for a Box
    """
    kind: type = default.__class__
    return attrs.field(default=default, validator=instance_of(kind))
