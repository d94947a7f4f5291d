"""The organisation tree: units from the municipality down to the workplace."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from samcore._check import describe, fail, non_blank, optional
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


@attrs.frozen(kw_only=True)
class OrgTree:
    """A validated tree of org units with exactly one root.

    Build it with :meth:`from_units`. Navigation answers with units
    (``root``, ``parent``, ``children``, ``ancestors``) or, for ``subtree``, ids.

    Examples:
        >>> tree = OrgTree.from_units([
        ...     OrgUnit(id="k", name="Kommunen"),
        ...     OrgUnit(id="n", name="Nämnden", parent_id="k"),
        ...     OrgUnit(id="e", name="Enheten", parent_id="n"),
        ... ])
        >>> tree.root.id, [u.id for u in tree.ancestors("e")], tree.subtree("n")
        ('k', ['n', 'k'], ('n', 'e'))
        >>> "e" in tree, len(tree)
        (True, 3)
    """

    _units: Mapping[str, OrgUnit] = attrs.field(alias="units", repr=False)
    _children: Mapping[str, tuple[str, ...]] = attrs.field(alias="children", repr=False)
    _root_id: str = attrs.field(alias="root_id")

    @classmethod
    def from_units(cls, units: Iterable[OrgUnit]) -> OrgTree:
        """Check that the units form one tree and index it.

        Raises:
            OrgTreeError: no root or several roots, a parent id that is not a
                unit, a cycle, or a duplicate id; the message lists every
                offending id.

        Examples:
            >>> OrgTree.from_units([OrgUnit(id="a", name="A"), OrgUnit(id="b", name="B")])
            Traceback (most recent call last):
            ...
            samcore.errors.OrgTreeError: the units do not form one tree: more than one root: 'a', 'b'
        """
        problems: list[str] = []
        by_id: dict[str, OrgUnit] = {}
        for unit in units:
            if unit.id in by_id:
                problems.append(f"duplicate unit id {unit.id!r}")
            else:
                by_id[unit.id] = unit
        roots = [u.id for u in by_id.values() if u.parent_id is None]
        children: dict[str, list[str]] = {uid: [] for uid in by_id}
        for unit in by_id.values():
            if unit.parent_id is None:
                continue
            if unit.parent_id not in by_id:
                problems.append(
                    f"unit {unit.id!r} names parent {unit.parent_id!r}, which is not a unit"
                )
            else:
                children[unit.parent_id].append(unit.id)
        if not roots:
            problems.append("no root (a unit without parent_id)")
        elif len(roots) > 1:
            problems.append("more than one root: " + ", ".join(map(repr, sorted(roots))))
        reached: set[str] = set()
        stack = list(roots)
        while stack:
            uid = stack.pop()
            reached.add(uid)
            stack.extend(children[uid])
        cyclic = _cycle_members(by_id, [uid for uid in by_id if uid not in reached])
        if cyclic:
            problems.append("cycle among units " + ", ".join(map(repr, cyclic)))
        if problems:
            raise OrgTreeError("the units do not form one tree: " + "; ".join(problems))
        return cls(
            units=by_id,
            children={uid: tuple(kids) for uid, kids in children.items()},
            root_id=roots[0],
        )

    @property
    def root(self) -> OrgUnit:
        """The top unit (the employer).

        Examples:
            >>> OrgTree.from_units([OrgUnit(id="k", name="Kommunen")]).root.name
            'Kommunen'
        """
        return self._units[self._root_id]

    @property
    def units(self) -> tuple[OrgUnit, ...]:
        """Every unit, parents before children (depth first from the root).

        Examples:
            >>> tree = OrgTree.from_units([OrgUnit(id="b", name="B", parent_id="a"), OrgUnit(id="a", name="A")])
            >>> [u.id for u in tree.units]
            ['a', 'b']
        """
        return tuple(self._units[uid] for uid in self.subtree(self._root_id))

    def unit(self, unit_id: str) -> OrgUnit:
        """The unit with this id.

        Raises:
            UnknownUnitError: no unit has that id.

        Examples:
            >>> OrgTree.from_units([OrgUnit(id="k", name="Kommunen")]).unit("k").name
            'Kommunen'
        """
        try:
            return self._units[unit_id]
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
        return None if parent_id is None else self._units[parent_id]

    def children(self, unit_id: str) -> tuple[OrgUnit, ...]:
        """The unit's direct children, in the order they were given.

        Examples:
            >>> tree = OrgTree.from_units([OrgUnit(id="k", name="K"), OrgUnit(id="e", name="E", parent_id="k")])
            >>> [u.id for u in tree.children("k")]
            ['e']
        """
        self.unit(unit_id)
        return tuple(self._units[uid] for uid in self._children[unit_id])

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
        return isinstance(unit_id, str) and unit_id in self._units

    def __len__(self) -> int:
        return len(self._units)

    def __iter__(self) -> Iterator[str]:
        return iter(self.subtree(self._root_id))


def _cycle_members(by_id: Mapping[str, OrgUnit], unreached: list[str]) -> list[str]:
    """Of the units the root cannot reach, those that lie on a cycle."""
    on_cycle: set[str] = set()
    for start in unreached:
        seen: list[str] = []
        uid: str | None = start
        while uid is not None and uid in by_id and uid not in seen:
            seen.append(uid)
            uid = by_id[uid].parent_id
        if uid is not None and uid in seen:
            on_cycle.update(seen[seen.index(uid) :])
    return sorted(on_cycle)
