"""Counts per gender and the month-ends each person was present: what a Turnover stores.

Counts keep no zero entries and come in the order of :class:`Gender`, so
that equal values compare and write equal. Presence is kept in memory only:
per gender, each person's month-ends present as a bit mask, whose union is
the distinct headcount of groups added together.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar

from samcore._check import (
    entry,
    fail,
    instance_of,
    int_in,
    is_int,
    is_text,
    mapping_of,
    name_of,
    optional,
    require,
    subject_of,
)
from samcore._frozen import FrozenMap, frozen_map
from samcore._people import Gender

__all__ = [
    "COUNTS",
    "Presence",
    "add_counts",
    "check_presence",
    "count",
    "counts",
    "frozen_presence",
    "head_months",
    "shown_counts",
    "tally",
    "union",
]

K = TypeVar("K", bound=Hashable)

COUNTS: Final = mapping_of(instance_of(Gender), int_in(0))
"""Validator of a count per gender: Gender keys, whole numbers from 0."""

_GENDER: Final = optional(instance_of(Gender))

Presence = Mapping[Gender, Mapping[str, int]]
"""Per gender, employee id -> bit mask of the month-ends (bit i: the i-th month) present."""


def counts(value: Mapping[Gender, int]) -> Mapping[Gender, int]:
    """Store a count per gender read-only, without zero entries, in enum order.

    A mapping with a key that is no Gender (``"female"``) is kept as it is,
    for the validator to refuse by name: nothing is dropped silently.

    Examples:
        >>> dict(counts({Gender.MAN: 2, Gender.WOMAN: 0}))
        {<Gender.MAN: 'man'>: 2}
    """
    if not isinstance(value, Mapping) or not all(isinstance(g, Gender) for g in value):
        return frozen_map(value)  # type: ignore[no-any-return]
    return FrozenMap(
        (g, value[g]) for g in Gender if g in value and not (is_int(value[g]) and value[g] == 0)
    )


def count(value: Mapping[Gender, int], gender: Gender | None, subject: str) -> int:
    """The count of one gender, or of all (``None``); a gender that is no Gender is named."""
    require("gender", gender, _GENDER, subject)
    return sum(value.values()) if gender is None else value.get(gender, 0)


def shown_counts(value: Mapping[Gender, int]) -> dict[str, int]:
    """Counts keyed by the genders' wire values, for a message."""
    return {g.value: n for g, n in value.items()}


def add_counts(values: Iterable[Mapping[Gender, int]]) -> dict[Gender, int]:
    """The counts of all, gender by gender (in enum order, zeros included)."""
    total: dict[Gender, int] = {}
    for value in values:
        for gender, n in value.items():
            total[gender] = total.get(gender, 0) + n
    return {g: total.get(g, 0) for g in Gender}


def tally(by_group: dict[K, dict[Gender, int]], group: K, gender: Gender) -> None:
    """Count one more person of a gender in a group."""
    into = by_group.setdefault(group, {})
    into[gender] = into.get(gender, 0) + 1


def frozen_presence(value: Any) -> Any:
    """Store presence read-only (and picklable), mapping by mapping; anything else as it is."""
    if not isinstance(value, Mapping) or not all(isinstance(m, Mapping) for m in value.values()):
        return value
    return FrozenMap((g, frozen_map(masks)) for g, masks in value.items())


def check_presence(instance: Any, attribute: Any, value: Any) -> None:
    """Validator of presence: per gender, employee id to a non-empty mask of the ``months``."""
    if value is None:
        return
    subject = subject_of(instance)
    if not isinstance(value, Mapping):
        fail(name_of(attribute), "be a mapping or None", value, subject)
    months = instance.months if is_int(instance.months) else 0
    top = 1 << months
    for gender, masks in value.items():
        if not isinstance(gender, Gender):
            fail(f"{name_of(attribute)} key", "be a Gender", gender, subject)
        if not isinstance(masks, Mapping):
            fail(f"{name_of(attribute)}[{gender.value}]", "be a mapping", masks, subject)
        for person, mask in masks.items():
            if not is_text(person):
                fail(
                    f"{name_of(attribute)}[{gender.value}] key",
                    "be a non-empty string",
                    person,
                    subject,
                )
            if not (is_int(mask) and 0 < mask < top):
                fail(
                    entry(f"{name_of(attribute)}[{gender.value}]", person),
                    f"be a bit mask of the months = {months} month-ends",
                    mask,
                    subject,
                )


def union(presences: Sequence[Presence]) -> tuple[Presence, dict[Gender, int]]:
    """Month-ends present in any, and per gender the month-ends present in more than one.

    A person in two groups on one day counts once: the head-months of the
    union are those of the parts minus the second count. People present in
    one part only (most of them) are copied, not visited one by one.

    Examples:
        >>> merged, twice = union([{Gender.MAN: {"a": 0b011}}, {Gender.MAN: {"a": 0b110, "b": 1}}])
        >>> merged, twice
        ({<Gender.MAN: 'man'>: {'a': 7, 'b': 1}}, {<Gender.MAN: 'man'>: 1})
    """
    merged: dict[Gender, dict[str, int]] = {}
    twice: dict[Gender, int] = {}
    for presence in presences:
        for gender, masks in presence.items():
            into = merged.get(gender)
            if into is None:
                merged[gender] = dict(masks.items())
                continue
            both = into.keys() & masks.keys()
            before = {person: into[person] for person in both}
            into.update(masks.items())
            for person, mask in before.items():
                twice[gender] = twice.get(gender, 0) + (mask & into[person]).bit_count()
                into[person] |= mask
    return merged, twice


def head_months(presence: Presence) -> dict[Gender, int]:
    """Per gender, the month-ends present summed over the people (genders with none left out)."""
    heads = {g: sum(m.bit_count() for m in masks.values()) for g, masks in presence.items()}
    return {g: n for g, n in heads.items() if n}
