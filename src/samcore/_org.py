"""The organisation tree: units from the municipality down to the workplace."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from samcore._check import describe, fail, non_blank, optional, some, tuple_of
from samcore._frozen import records, to_tuple
from samcore.errors import OrgTreeError, UnknownUnitError

__all__ = ["OrgTree", "OrgUnit"]


@attrs.frozen(kw_only=True)
class OrgUnit:
    """One unit of the organisation: enhet, avdelning, förvaltning, nämnd or kommun.

    ``level`` is a free label (``"enhet"``, ``"nämnd"``...) that reports may show.

    Examples:
        >>> OrgUnit(id="ksf", name="Kommunstyrelsens förvaltning", parent_id="ks", level="förvaltning")
        OrgUnit(id='ksf', name='Kommunstyrelsens förvaltning', parent_id='ks', level='förvaltning')
    """

    id: str = attrs.field(validator=non_blank())
    name: str = attrs.field(validator=non_blank())
    parent_id: str | None = attrs.field(default=None, validator=optional(non_blank()))
    level: str | None = attrs.field(default=None, validator=optional(non_blank()))

    def __attrs_post_init__(self) -> None:
        if self.parent_id == self.id:
            fail("parent_id", "differ from the unit's own id", self.parent_id, self._subject)

    @property
    def _subject(self) -> str:
        return describe("an org unit", "org unit", ("", self.id))


@attrs.frozen(kw_only=True, repr=False)
class OrgTree:
    """A validated tree of org units with exactly one root.

    Build it with :meth:`from_units` (or ``OrgTree(units=...)``, the same
    check). Navigation answers with units (``root``, ``parent``,
    ``children``, ``ancestors``) or, for ``subtree``, ids. Two trees are
    equal when they hold the same units with the children in the same order.

    Examples:
        >>> tree = OrgTree.from_units([
        ...     OrgUnit(id="k", name="Kommunen"),
        ...     OrgUnit(id="n", name="Nämnden", parent_id="k"),
        ...     OrgUnit(id="e", name="Enheten", parent_id="n"),
        ... ])
        >>> tree.root.id, [u.id for u in tree.ancestors("e")], tree.subtree("n")
        ('k', ['n', 'k'], ('n', 'e'))
        >>> "e" in tree, len(tree), tree
        (True, 3, OrgTree(root_id='k', units=3))
    """

    units: tuple[OrgUnit, ...] = attrs.field(converter=to_tuple, validator=tuple_of(OrgUnit))
    """Every unit, parents before children (depth first from the root)."""
    _by_id: Mapping[str, OrgUnit] = attrs.field(init=False, eq=False)
    _children: Mapping[str, tuple[str, ...]] = attrs.field(init=False, eq=False)
    _root_id: str = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_id, children, root_id = _index(self.units)
        order: list[OrgUnit] = []
        stack = [root_id]
        while stack:
            uid = stack.pop()
            order.append(by_id[uid])
            stack.extend(reversed(children[uid]))
        object.__setattr__(self, "units", tuple(order))
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_children", children)
        object.__setattr__(self, "_root_id", root_id)

    @classmethod
    def from_units(cls, units: Iterable[OrgUnit]) -> OrgTree:
        """Check that the units form one tree and index it, in time linear in the units.

        Raises:
            OrgTreeError: no root or several roots, a parent id that is not a
                unit, a cycle, or a duplicate id; the message names the
                offending ids (the first ten of each kind, and how many more).
            InvalidValueError: ``units`` is not an iterable of ``OrgUnit``.

        Examples:
            >>> OrgTree.from_units([OrgUnit(id="a", name="A"), OrgUnit(id="b", name="B")])
            Traceback (most recent call last):
            ...
            samcore.errors.OrgTreeError: the units do not form one tree: more than one root: 'a', 'b'
        """
        return cls(units=records("units", units, OrgUnit, "an org tree"))

    def __repr__(self) -> str:
        return f"OrgTree(root_id={self._root_id!r}, units={len(self.units)})"

    @property
    def root(self) -> OrgUnit:
        """The top unit (the employer).

        Examples:
            >>> OrgTree.from_units([OrgUnit(id="k", name="Kommunen")]).root.name
            'Kommunen'
        """
        return self._by_id[self._root_id]

    def unit(self, unit_id: str) -> OrgUnit:
        """The unit with this id.

        Raises:
            UnknownUnitError: no unit has that id.

        Examples:
            >>> OrgTree.from_units([OrgUnit(id="k", name="Kommunen")]).unit("k").name
            'Kommunen'
        """
        try:
            return self._by_id[unit_id]
        except (KeyError, TypeError):
            raise UnknownUnitError(f"unknown unit id {unit_id!r}") from None

    def parent(self, unit_id: str) -> OrgUnit | None:
        """The unit's parent, or ``None`` at the root.

        Examples:
            >>> tree = OrgTree.from_units([OrgUnit(id="k", name="K"), OrgUnit(id="e", name="E", parent_id="k")])
            >>> tree.parent("e").id, tree.parent("k")
            ('k', None)
        """
        parent_id = self.unit(unit_id).parent_id
        return None if parent_id is None else self._by_id[parent_id]

    def children(self, unit_id: str) -> tuple[OrgUnit, ...]:
        """The unit's direct children, in the order they were given.

        Examples:
            >>> tree = OrgTree.from_units([OrgUnit(id="k", name="K"), OrgUnit(id="e", name="E", parent_id="k")])
            >>> [u.id for u in tree.children("k")]
            ['e']
        """
        self.unit(unit_id)
        return tuple(self._by_id[uid] for uid in self._children[unit_id])

    def ancestors(self, unit_id: str) -> tuple[OrgUnit, ...]:
        """The units above this one, nearest first, root last.

        Examples:
            >>> tree = OrgTree.from_units([OrgUnit(id="k", name="K"), OrgUnit(id="e", name="E", parent_id="k")])
            >>> [u.id for u in tree.ancestors("e")], tree.ancestors("k")
            (['k'], ())
        """
        found: list[OrgUnit] = []
        parent = self.parent(unit_id)
        while parent is not None:
            found.append(parent)
            parent = self.parent(parent.id)
        return tuple(found)

    def subtree(self, unit_id: str) -> tuple[str, ...]:
        """The ids of the unit and everything below it, parents before children.

        Examples:
            >>> tree = OrgTree.from_units([OrgUnit(id="k", name="K"), OrgUnit(id="e", name="E", parent_id="k")])
            >>> tree.subtree("k")
            ('k', 'e')
        """
        self.unit(unit_id)
        order: list[str] = []
        stack = [unit_id]
        while stack:
            uid = stack.pop()
            order.append(uid)
            stack.extend(reversed(self._children[uid]))
        return tuple(order)

    def __contains__(self, unit_id: object) -> bool:
        return isinstance(unit_id, str) and unit_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self.subtree(self._root_id))


def _index(
    units: tuple[OrgUnit, ...],
) -> tuple[dict[str, OrgUnit], dict[str, tuple[str, ...]], str]:
    """Units by id, children by id and the root id, or one OrgTreeError naming every problem.

    One pass indexes the units and their children, a walk down from the
    roots finds the units they reach, and a walk up the parent links of the
    rest, colouring each unit as it goes, finds the cycles: every unit is
    visited a bounded number of times.
    """
    by_id: dict[str, OrgUnit] = {}
    twice: list[str] = []
    for unit in units:
        if unit.id in by_id:
            twice.append(unit.id)
        else:
            by_id[unit.id] = unit
    children: dict[str, list[str]] = {uid: [] for uid in by_id}
    roots: list[str] = []
    orphans: list[str] = []
    for unit in by_id.values():
        parent = unit.parent_id
        if parent is None:
            roots.append(unit.id)
        elif parent in children:
            children[parent].append(unit.id)
        else:
            orphans.append(f"unit {unit.id!r} names parent {parent!r}, which is not a unit")
    reached: set[str] = set()
    stack = list(roots)
    while stack:
        uid = stack.pop()
        reached.add(uid)
        stack.extend(children[uid])
    problems: list[str] = []
    if twice:
        problems.append("duplicate unit id " + some(map(repr, dict.fromkeys(twice))))
    if orphans:
        problems.append(some(orphans, sep="; "))
    if not roots:
        problems.append("no root (a unit without parent_id)")
    elif len(roots) > 1:
        problems.append("more than one root: " + some(map(repr, sorted(roots))))
    cyclic = _cycle_members(by_id, [uid for uid in by_id if uid not in reached])
    if cyclic:
        problems.append("cycle among units " + some(map(repr, cyclic)))
    if problems:
        raise OrgTreeError("the units do not form one tree: " + "; ".join(problems))
    return by_id, {uid: tuple(kids) for uid, kids in children.items()}, roots[0]


_UNSEEN, _ON_PATH, _DONE = 0, 1, 2


def _cycle_members(by_id: Mapping[str, OrgUnit], unreached: list[str]) -> list[str]:
    """Of the units the root cannot reach, those that lie on a cycle, sorted.

    Each unit has one parent link, so following the links from a unit either
    leaves the units, reaches a unit already finished, or comes back to a
    unit on the current path: then the path from there on is a cycle.
    Colours (unseen, on the path, done) make every unit walked once.
    """
    colour = dict.fromkeys(unreached, _UNSEEN)
    on_cycle: list[str] = []
    for start in unreached:
        path: list[str] = []
        uid: str | None = start
        while uid is not None and colour.get(uid) == _UNSEEN:
            colour[uid] = _ON_PATH
            path.append(uid)
            uid = by_id[uid].parent_id
        if uid is not None and colour.get(uid) == _ON_PATH:
            on_cycle.extend(path[path.index(uid) :])
        for member in path:
            colour[member] = _DONE
    return sorted(on_cycle)
