"""Which figures about groups of people may be shown: primary and complementary suppression.

A published figure about a group of people is a rate over that group. A
reader who sees the figures of a whole and of some of its parts can subtract
and learn the figure of the rest, so hiding a small group is not enough. The
rules, applied until nothing changes:

1. *Primary*: a group of 1 to ``min_group_size`` people is hidden. Groups
   that are never published (unspecified gender, unknown age, a parent
   unit's own staff) count as hidden.
2. For every relation ``whole = part + part + ...`` (total = women + men +
   unspecified; total = the age bands; a unit = its own staff + its
   children), when the whole is shown: the hidden parts together must be
   no people at all, or more than ``min_group_size`` people; and a part
   hidden to protect another (a complement) must not be the only hidden
   part, or subtraction would give it back. Otherwise the smallest shown
   part is hidden too.
3. When the whole is hidden, at least one of its non-empty parts is hidden,
   or adding the parts would give it back.

Sizes are counted over distinct people (a person in two parts counts once
in their union), so the rules see the group a subtraction really reveals.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Final, TypeVar

from samcore._org import OrgTree
from samcore._ratio import Ratio

__all__ = ["MIN_GROUP_SIZE", "Cell", "hidden_cells", "shown_percent"]

MIN_GROUP_SIZE: Final = 10
"""No figure is shown for a group of this many people or fewer."""

M = TypeVar("M")
Cell = tuple[str, str, bool]
"""A group: (unit id, slice name, whether it is the unit's own staff only)."""


class _Table:
    """One measure over a tree: the people of every cell and the relations between cells."""

    def __init__(
        self,
        members: Mapping[Cell, object],
        size: Callable[[Sequence[object]], float],
        relations: list[tuple[Cell, list[Cell]]],
    ) -> None:
        self.members = members
        self.size = size
        self.relations = relations
        self.sizes = {cell: size([m]) for cell, m in members.items()}

    def union(self, cells: Iterable[Cell]) -> float:
        return self.size([self.members[c] for c in cells])


def hidden_cells(
    org: OrgTree,
    members: Mapping[Cell, M],
    size: Callable[[Sequence[M]], float],
    *,
    slices: Mapping[str, Sequence[str]],
    never_shown: Iterable[str] = (),
    min_group_size: int = MIN_GROUP_SIZE,
) -> frozenset[Cell]:
    """The cells that may not be shown, by the rules of this module.

    ``members[(unit, slice, own)]`` are the people of a cell in any form
    ``size`` can measure the union of (a set of ids, say). ``slices`` maps
    each whole slice to the slices it divides into (``{"total": ["woman",
    "man", "unspecified"]}``); every slice also divides a unit into its own
    staff and its children. Missing cells have no people.

    Examples:
        >>> from samcore import OrgUnit
        >>> org = OrgTree.from_units([OrgUnit(id="k", name="K")])
        >>> people = {("k", "total", False): set(range(12)), ("k", "woman", False): set(range(11)),
        ...           ("k", "man", False): {11}}
        >>> sorted(hidden_cells(org, people, lambda ms: len(set().union(*ms)),
        ...                     slices={"total": ["woman", "man"]}))
        [('k', 'man', False), ('k', 'woman', False)]
    """
    names = sorted({s for whole, parts in slices.items() for s in (whole, *parts)})
    relations: list[tuple[Cell, list[Cell]]] = []
    cells: list[Cell] = []
    for unit in org.units:
        kids = org.children(unit.id)
        for own in (False, True) if kids else (False,):
            cells += [(unit.id, s, own) for s in names]
            for whole, parts in slices.items():
                relations.append(((unit.id, whole, own), [(unit.id, p, own) for p in parts]))
        if kids:
            for s in names:
                relations.append(
                    ((unit.id, s, False), [(unit.id, s, True)] + [(k.id, s, False) for k in kids])
                )
    empty = size([])
    table = _Table({c: members.get(c, _NONE) for c in cells}, _sized(size, empty), relations)
    return _solve(table, frozenset(never_shown), min_group_size)


class _None:
    """No people: the members of a missing cell."""


_NONE: Final = _None()


def _sized(
    size: Callable[[Sequence[M]], float], empty: float
) -> Callable[[Sequence[object]], float]:
    def measure(ms: Sequence[object]) -> float:
        present = [m for m in ms if m is not _NONE]
        return size(present) if present else empty  # type: ignore[arg-type]

    return measure


def _solve(table: _Table, never_shown: frozenset[str], limit: int) -> frozenset[Cell]:
    sizes = table.sizes
    hidden: set[Cell] = set()
    complements: set[Cell] = set()
    for cell, n in sizes.items():
        if cell[2] or cell[1] in never_shown or 0 < n <= limit:
            hidden.add(cell)

    def by_size(cell: Cell) -> tuple[float, Hashable]:
        return sizes[cell], cell

    changed = True
    while changed:
        changed = False
        for whole, parts in table.relations:
            hid = [p for p in parts if p in hidden and sizes[p] > 0]
            if whole in hidden:
                need = sizes[whole] > 0 and not hid
            else:
                need = bool(hid) and (
                    table.union(hid) <= limit or (len(hid) == 1 and hid[0] in complements)
                )
            if not need:
                continue
            shown = sorted((p for p in parts if p not in hidden and sizes[p] > 0), key=by_size)
            target = shown[0] if shown else whole
            if target not in hidden:
                hidden.add(target)
                complements.add(target)
                changed = True
    return frozenset(hidden)


def shown_percent(ratio: Ratio, headcount: float, min_group_size: int) -> float | None:
    """The ratio in percent, or ``None`` for a group of ``min_group_size`` or fewer employees.

    Examples:
        >>> r = Ratio(numerator=1, denominator=20)
        >>> shown_percent(r, 11, 10), shown_percent(r, 10, 10), shown_percent(r, 10.4, 10)
        (5.0, None, 5.0)
    """
    return None if headcount <= min_group_size else ratio.percent
