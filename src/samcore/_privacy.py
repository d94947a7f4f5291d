"""Which figures about groups of people may be shown: primary and complementary suppression.

A published figure about a group of people is a rate over that group. A
reader who sees the figures of a whole and of some of its parts can subtract
and learn the figure of the rest, so hiding a small group is not enough.

The reader these rules guard against sees the exact hours behind every shown
figure and knows who works where: which of a unit's own staff are women,
which are under 30, and so which groups are empty. Hours add, so such a
reader learns the hours of every group that is a sum of shown figures with
any signs and factors. The rules, applied until nothing changes:

1. *Primary*: a group of 1 to ``min_group_size`` people is hidden. Groups
   that are never published (unspecified gender, unknown age, a parent
   unit's own staff) count as hidden.
2. A unit whose whole is hidden shows none of its parts either.
3. *Quick cases*, for each whole and its parts (a unit's total and its
   gender rows; a unit's women, and its own staff's women with its
   children's): when the whole is shown, its hidden parts together must
   hold no people or more than ``min_group_size``, and a part hidden to
   protect another must not be the only one hidden; when the whole is
   hidden, one of its parts must be too. Each is mended by hiding the
   smallest shown part.
4. *One division across the tree*, exactly. Take one division (a total and
   its gender rows, say) of every unit. A unit whose whole is shown heads a
   *block*: its own staff and the units under it whose wholes are hidden.
   Each part of a block adds into the nearest shown figure of that part at
   or above the block. Every group the shown figures can cut out of the
   blocks must hold no people or more than ``min_group_size``. A dynamic
   programme over the tree of blocks finds the smallest such group, so a
   group hidden two levels down, or one given away by a sibling's figures,
   is found.
5. *Two divisions in one place*, exactly. Within one unit, and within one
   block using the figures that belong to it alone, every group the gender
   rows and the age rows cut out together (the only man, who is also the
   only one under 30, say) must hold no people or more than
   ``min_group_size``.
6. A leak that rule 4 or 5 finds is mended by hiding one more shown figure,
   one whose hiding breaks the cut: a part that pulls more people into the
   group if there is one, else a part on the edge of the cut, else a whole.

Sizes are counted over distinct people. Where rule 4 adds people over
several blocks, a person who works in several units counts a share in each,
so that a group is never counted as bigger than it is.

Not checked: a reader who combines the gender rows that several blocks
share with the age rows that they share, and the blocks' totals. An exact
check of that is a three-way problem with no known fast method, and
checking it as if each block's rows were known would hide the rows of most
units. That is the gap left: such a combination can still single out a
small group (the tests keep two examples).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import product
from typing import Any, Final

from samcore._org import OrgTree
from samcore._ratio import Ratio

__all__ = ["MIN_GROUP_SIZE", "Cell", "hidden_cells", "shown_percent"]

MIN_GROUP_SIZE: Final = 10
"""No figure is shown for a group of this many people or fewer."""

Cell = tuple[str, str, bool]
"""A group: (unit id, slice name, whether it is the unit's own staff only)."""

_INF: Final = float("inf")
_TINY: Final = 1e-9


def hidden_cells(
    members: Mapping[Cell, object],
    size: Callable[[Sequence[Any]], float],
    *,
    relations: Sequence[tuple[str, Sequence[str]]],
    never_shown: Iterable[str] = (),
    org: OrgTree | None = None,
    min_group_size: int = MIN_GROUP_SIZE,
) -> frozenset[Cell]:
    """The cells that may not be shown, by the rules of this module.

    ``members[(unit, slice, own)]`` are the people of a cell in any form
    ``size`` can measure the union of (a set of ids, say); a missing cell
    has no people. ``relations`` say how a slice divides into others
    (``("total", ("woman", "man", "unspecified"))``); relations with the
    same whole are crossed with each other. With ``org``, every slice of a
    unit with children also divides into the unit's own staff (``own``
    true; never shown) and its children; without it the units are the ones
    named in ``members`` and stand alone.

    Sets measured by their head count are the fast case. With any other
    form, a person who works in several units is not told apart, so every
    group that spans blocks is taken to be as small as such people could
    make it, which hides more.

    Examples:
        >>> people = {("k", "total", False): set(range(12)), ("k", "woman", False): set(range(11)),
        ...           ("k", "man", False): {11}}
        >>> sorted(hidden_cells(people, lambda ms: len(set().union(*ms)),
        ...                     relations=[("total", ["woman", "man"])]))
        [('k', 'man', False), ('k', 'woman', False)]
    """
    if org is not None:
        units = [u.id for u in org.units]
        parent = {u.id: u.parent_id for u in org.units}
    else:
        units = sorted({cell[0] for cell in members})
        parent = dict.fromkeys(units)
    rules = _Rules(
        units,
        parent,
        [(whole, tuple(parts)) for whole, parts in relations],
        frozenset(never_shown),
        _Measure(members, size),
        min_group_size,
    )
    return rules.solve()


class _Measure:
    """Head counts of cells and of their unions, with a fast path for sets of ids."""

    def __init__(self, members: Mapping[Cell, object], size: Callable[[Sequence[Any]], float]):
        self.members = members
        self.size = size
        self.sets: dict[Cell, AbstractSet[object]] | None = None
        sets: dict[Cell, AbstractSet[object]] = {
            c: m for c, m in members.items() if isinstance(m, AbstractSet)
        }
        if len(sets) == len(members):
            # Sets measured by their head count: check a few, then count them directly.
            sample = sorted(sets.values(), key=len)
            sample = sample[:3] + sample[-1:]
            if all(size([m]) == len(m) for m in sample) and (
                len(sample) < 2 or size(sample[:2]) == len(set(sample[0]) | set(sample[1]))
            ):
                self.sets = sets
        self._cache: dict[tuple[Cell, ...], float] = {}

    def people(self, cells: Sequence[Cell]) -> float:
        """How many distinct people the cells hold together."""
        key = tuple(cells)
        found = self._cache.get(key)
        if found is None:
            if self.sets is not None:
                present = [self.sets[c] for c in cells if c in self.sets]
                found = float(len(present[0]) if len(present) == 1 else len(set().union(*present)))
            else:
                objects = [self.members[c] for c in cells if c in self.members]
                found = self.size(objects) if objects else 0.0
            self._cache[key] = found
        return found

    def union(self, cells: Sequence[Cell]) -> set[object]:
        """The people of the cells together, when they are sets."""
        assert self.sets is not None
        return set().union(*(self.sets.get(c, ()) for c in cells))

    def sizes(self, cells: Sequence[Cell]) -> dict[Cell, float]:
        """The head count of each cell."""
        if self.sets is not None:
            sets = self.sets
            return {c: float(len(sets[c])) if c in sets else 0.0 for c in cells}
        return {c: self.people([c]) for c in cells}

    def both(self, rows: Sequence[Cell], cols: Sequence[Cell]) -> float:
        """How many people are in both the row cells and the column cells."""
        if self.sets is not None:
            get = self.sets.get
            empty: AbstractSet[object] = frozenset()
            these = get(rows[0], empty) if len(rows) == 1 else self.union(rows)
            those = get(cols[0], empty) if len(cols) == 1 else self.union(cols)
            return float(len(these & those))
        return self.people(rows) + self.people(cols) - self.people([*rows, *cols])

    def shares(
        self, own_cells: Sequence[Cell], staff_cells: Sequence[Cell]
    ) -> tuple[dict[Cell, float], float]:
        """Each own-staff cell's people counted by their share, and how many count twice.

        ``staff_cells`` hold each unit's whole own staff. With sets, a person on the
        own staff of k units counts 1/k in each, so shares over any groups add up to
        no more than their people. Otherwise shares are head counts and the second
        number is how many people the units' own staffs hold more than once, to be
        taken off any group that spans blocks.
        """
        staff: dict[str, list[Cell]] = {}
        for c in staff_cells:
            staff.setdefault(c[0], []).append(c)
        if self.sets is None:
            counted = {c: self.people([c]) for c in own_cells}
            per_unit = sum(self.people(cells) for cells in staff.values())
            return counted, max(0.0, per_unit - self.people(staff_cells))
        sets = self.sets
        seen: dict[object, int] = {}
        for cells in staff.values():
            people = sets.get(cells[0], ()) if len(cells) == 1 else self.union(cells)
            for person in people:
                seen[person] = seen.get(person, 0) + 1
        # Only people in several units count less than one; correct for those alone.
        spread = {p: 1 - 1 / k for p, k in seen.items() if k > 1}
        several = frozenset(spread)
        shares: dict[Cell, float] = {}
        for c in own_cells:
            found = self.sets.get(c, frozenset())
            shares[c] = len(found) - sum(spread[p] for p in several.intersection(found))
        return shares, 0.0


class _Rules:
    """The cells of one table and the hidden set the rules grow."""

    def __init__(
        self,
        units: list[str],
        parent: Mapping[str, str | None],
        relations: list[tuple[str, tuple[str, ...]]],
        never_shown: frozenset[str],
        measure: _Measure,
        limit: int,
    ) -> None:
        self.units = units
        self.parent = parent
        self.children: dict[str, list[str]] = {u: [] for u in units}
        for u in units:
            above = parent[u]
            if above is not None:
                self.children[above].append(u)
        self.owns = {u: bool(kids) for u, kids in self.children.items()}
        """Whether each unit has children, and so own-staff cells apart from its own cells."""
        self.relations = relations
        self.names = sorted({s for whole, parts in relations for s in (whole, *parts)})
        self.measure = measure
        self.limit = limit
        cells = [
            (u, s, own)
            for u in units
            for own in ((False, True) if self.children[u] else (False,))
            for s in self.names
        ]
        self.sizes = measure.sizes(cells)
        self.primary = frozenset(
            c for c, n in self.sizes.items() if c[2] or c[1] in never_shown or 0 < n <= limit
        )
        self.hidden = set(self.primary)
        self.touched: dict[str, int] = {}
        self.version = 0
        self.shapes: dict[tuple[object, ...], int] = {}
        self._edges: dict[tuple[object, ...], tuple[tuple[tuple[int, float, float], ...], int]] = {}
        self.searched: dict[tuple[int, int, int], tuple[_Costs, tuple[int, ...]]] = {}
        self._divisions: dict[tuple[str, tuple[str, ...]], tuple[int, _Division]] = {}
        wholes = sorted({whole for whole, _ in relations})
        self.share, self.spread = measure.shares(
            [(u, s, self.owns[u]) for u in units for s in self.names],
            [(u, s, self.owns[u]) for u in units for s in wholes],
        )
        # The wholes and parts of rule 3: each unit's divisions, and each slice down the tree.
        self.sums = [
            ((u, whole, False), [(u, p, False) for p in parts])
            for u in units
            for whole, parts in relations
        ] + [
            ((u, s, False), [(u, s, True)] + [(k, s, False) for k in self.children[u]])
            for u in units
            if self.children[u]
            for s in self.names
        ]
        self._blocks: dict[
            tuple[str, tuple[str, ...], tuple[str, ...]], list[tuple[float, float]]
        ] = {}
        self.sums_of: dict[Cell, list[int]] = {}
        for i, (whole, parts) in enumerate(self.sums):
            for c in (whole, *parts):
                self.sums_of.setdefault(c, []).append(i)

    def own(self, unit: str, name: str) -> Cell:
        """The cell of a unit's own staff: its own cell if it has children, else the unit's."""
        return (unit, name, self.owns[unit])

    def shown(self, cell: Cell) -> bool:
        return cell not in self.hidden

    def by_size(self, cell: Cell) -> tuple[float, Cell]:
        return self.sizes[cell], cell

    def block_people(
        self, whole: str, parts: tuple[str, ...], block: list[str]
    ) -> list[tuple[float, float]]:
        """A block's people in each part and in the whole but no part, by head and by share."""
        key = (whole, parts, tuple(block))
        found = self._blocks.get(key)
        if found is None:
            people, sizes = self.measure.people, self.sizes
            kids = self.owns
            by_part = [[(v, p, kids[v]) for v in block] for p in parts]
            everyone = [(v, whole, kids[v]) for v in block]
            if len(block) == 1:
                heads = [sizes[cells[0]] for cells in by_part]
                heads.append(sizes[everyone[0]] - sum(heads))
            else:
                heads = [people(cells) for cells in by_part]
                heads.append(people(everyone) - people([c for cells in by_part for c in cells]))
            shares = [sum(self.share[c] for c in cells) - self.spread for cells in by_part]
            shares.append(
                sum(self.share[c] for c in everyone)
                - sum(self.share[c] for cells in by_part for c in cells)
                - self.spread
            )
            found = [(h, s if h > _TINY else 0.0) for h, s in zip(heads, shares, strict=True)]
            self._blocks[key] = found
        return found

    def block_edges(
        self, whole: str, parts: tuple[str, ...], block: list[str], nowhere: int
    ) -> tuple[tuple[tuple[int, float, float], ...], int]:
        """A block's edges, the parts in ``nowhere`` adding into no figure, and a number for them."""
        key = (whole, parts, tuple(block), nowhere)
        found = self._edges.get(key)
        if found is None:
            heads, shares = 0.0, 0.0
            edges: list[tuple[int, float, float]] = []
            for i, (people, share) in enumerate(self.block_people(whole, parts, block)):
                if i == len(parts) or nowhere >> i & 1:
                    heads, shares = heads + people, shares + share
                elif people > _TINY:
                    edges.append((i, people, max(_TINY, share)))
            if heads > _TINY:
                edges.append((-1, heads, max(_TINY, shares)))
            found = (tuple(edges), len(self._edges))
            self._edges[key] = found
        return found

    def solve(self) -> frozenset[Cell]:
        """Hide cells until no rule finds a leak.

        Each division is searched until it has none, and again whenever a cell of
        its slices is hidden later; then the places, and a cell hidden for a place
        starts it over.
        """
        self.settle(set(self.hidden))
        checked: dict[int, tuple[int, ...]] = {}
        while True:
            for i, (whole, parts) in enumerate(self.relations):
                stamp = tuple(self.touched.get(s, 0) for s in (whole, *parts))
                if checked.get(i) == stamp:
                    continue
                while (target := self.division(whole, parts).leak()) is not None:
                    self.hide(target)
                checked[i] = tuple(self.touched.get(s, 0) for s in (whole, *parts))
            if any(
                checked[i] != tuple(self.touched.get(s, 0) for s in (whole, *parts))
                for i, (whole, parts) in enumerate(self.relations)
            ):
                continue
            target = self.place_leak()
            if target is None:
                return frozenset(self.hidden)
            self.hide(target)

    def hide(self, cell: Cell) -> None:
        """Hide a cell, and whatever rules 2 and 3 then ask for."""
        self.add(cell)
        self.settle({cell})

    def add(self, cell: Cell) -> None:
        self.hidden.add(cell)
        self.touched[cell[1]] = self.touched.get(cell[1], 0) + 1
        self.version += 1

    def division(self, whole: str, parts: tuple[str, ...]) -> _Division:
        """One division as the hidden cells stand now."""
        found = self._divisions.get((whole, parts))
        if found is None or found[0] != self.version:
            found = (self.version, _Division(self, whole, parts))
            self._divisions[(whole, parts)] = found
        return found[1]

    def settle(self, fresh: set[Cell]) -> None:
        """Rules 2 and 3, from the newly hidden cells on, until nothing changes."""
        todo = set(range(len(self.sums))) if fresh == self.hidden else set()
        for c in fresh:
            todo.update(self.sums_of.get(c, ()))
        while todo:
            whole, parts = self.sums[todo.pop()]
            for target in self.mend(whole, parts):
                self.add(target)
                todo.update(self.sums_of.get(target, ()))

    def mend(self, whole: Cell, parts: list[Cell]) -> list[Cell]:
        """The cells rules 2 and 3 hide for one whole and its parts."""
        if parts[0][2] == whole[2] and whole in self.hidden:
            return [p for p in parts if p not in self.hidden]
        hid = [p for p in parts if p in self.hidden and self.sizes[p] > 0]
        if whole in self.hidden:
            need = self.sizes[whole] > 0 and not hid
        else:
            need = bool(hid) and (
                self.measure.people(hid) <= self.limit
                or (len(hid) == 1 and hid[0] not in self.primary)
            )
        if not need:
            return []
        shown = [p for p in parts if p not in self.hidden and self.sizes[p] > 0]
        target = min(shown, key=self.by_size) if shown else whole
        return [] if target in self.hidden else [target]

    def place_leak(self) -> Cell | None:
        """Rule 5: the cell to hide for a leak of two divisions in one unit or block."""
        for i, (whole, rows) in enumerate(self.relations):
            for other, cols in self.relations[i + 1 :]:
                if other == whole:
                    target = self.unit_leak(whole, rows, cols) or self.block_leak(whole, rows, cols)
                    if target is not None:
                        return target
        return None

    def unit_leak(self, whole: str, rows: tuple[str, ...], cols: tuple[str, ...]) -> Cell | None:
        """A leak of the rows and columns of one unit, with the unit's whole."""
        for u in self.units:
            top = (u, whole, False)
            if top in self.hidden:
                continue
            known_rows = [
                ((u, p, False), [(u, p, False)]) for p in rows if self.shown((u, p, False))
            ]
            known_cols = [
                ((u, p, False), [(u, p, False)]) for p in cols if self.shown((u, p, False))
            ]
            target = self.grid_leak(top, [top], known_rows, known_cols)
            if target is not None:
                return target
        return None

    def block_leak(self, whole: str, rows: tuple[str, ...], cols: tuple[str, ...]) -> Cell | None:
        """A leak of the rows and columns that belong to one block alone, with the block's whole."""
        by_rows, by_cols = self.division(whole, rows), self.division(whole, cols)
        for u in by_rows.tops:
            block = by_rows.units_of[u]
            if block == [u] and not self.children[u]:
                continue  # a unit with nothing under it: its block is the unit, seen above
            known_rows = [
                ((u, p, False), [self.own(v, p) for v in block])
                for p in rows
                if by_rows.private((u, p, False))
            ]
            known_cols = [
                ((u, p, False), [self.own(v, p) for v in block])
                for p in cols
                if by_cols.private((u, p, False))
            ]
            everyone = [self.own(v, whole) for v in block]
            target = self.grid_leak((u, whole, False), everyone, known_rows, known_cols)
            if target is not None:
                return target
        return None

    def grid_leak(
        self,
        top: Cell,
        everyone: list[Cell],
        rows: list[tuple[Cell, list[Cell]]],
        cols: list[tuple[Cell, list[Cell]]],
    ) -> Cell | None:
        """The cell to hide if the known rows and columns of one place cut out a small group.

        The place's whole is known; ``rows`` and ``cols`` are the parts whose figures
        for the place are known, each with the cells that hold its people there. All
        other people of the place make up one unknown row and one unknown column.
        """
        if not rows or not cols:
            return None  # one division alone: rule 4 sees it
        people = self.measure.people
        total = people(everyone)
        row_n = [people(cells) for _, cells in rows]
        col_n = [people(cells) for _, cells in cols]
        both = [[self.measure.both(r, c) for _, c in cols] for _, r in rows]
        weight = [[*line, row_n[i] - sum(line)] for i, line in enumerate(both)]
        weight.append(
            [col_n[j] - sum(line[j] for line in both) for j in range(len(cols))]
            + [total - sum(row_n) - sum(col_n) + sum(map(sum, both))]
        )
        weight = [[w if w > _TINY else 0.0 for w in line] for line in weight]
        cut = _smallest_cut(weight, self.limit)
        if cut is None:
            return None
        return self.involved(
            top,
            [figure for figure, _ in rows],
            [figure for figure, _ in cols],
            cut,
            unknown=(any(weight[-1]), any(line[-1] for line in weight)),
        )

    def involved(
        self,
        top: Cell,
        rows: list[Cell],
        cols: list[Cell],
        cut: tuple[set[int], set[int]],
        *,
        unknown: tuple[bool, bool],
    ) -> Cell:
        """The smallest known line the cut needs, else the place's whole.

        The group the cut takes is the whole times ``gamma`` plus each known line
        times its coefficient; the unknown row and column have none. Of the ways
        to write it, the one with the fewest known lines is taken.
        """
        n, m = len(rows), len(cols)
        side_r = [int(i in cut[0]) for i in range(n + 1)]
        side_c = [int(j in cut[1]) for j in range(m + 1)]
        shifts = [-side_c[m]] if unknown[1] else [0, -1]
        best: tuple[int, float, Cell] | None = None
        for shift in shifts:
            for gamma in [side_r[n] + shift] if unknown[0] else [-1, 0, 1]:
                used = [rows[i] for i in range(n) if side_r[i] + shift - gamma != 0]
                used += [cols[j] for j in range(m) if side_c[j] + shift != 0]
                if used:
                    pick = min(used, key=self.by_size)
                    rank = (len(used) + (gamma != 0), self.sizes[pick], pick)
                    best = rank if best is None or rank < best else best
        return top if best is None else best[2]


def _smallest_cut(weight: list[list[float]], limit: float) -> tuple[set[int], set[int]] | None:
    """The rows and columns inside a cut of 1 to ``limit`` people, if there is one.

    ``weight[i][j]`` are the people in row i and column j. The reader knows every
    row and column up to one shift, so what it can cut out are the people in the
    rows inside and the columns outside a set that takes in every column whose
    people are all in rows inside.
    """
    n, m = len(weight), len(weight[0])
    best: tuple[float, set[int], set[int]] | None = None
    for pick in product((False, True), repeat=n):
        inner = {i for i in range(n) if pick[i]}
        if not inner:
            continue
        free = {j for j in range(m) if all(weight[i][j] == 0 or i in inner for i in range(n))}
        forced = sum(weight[i][j] for i in inner for j in range(m) if j not in free)
        if forced > 0:
            options = [(forced, free)]
        else:
            options = [
                (sum(weight[i][j] for i in inner), free - {j})
                for j in sorted(free)
                if any(weight[i][j] for i in inner)
            ]
        for found, cols in options:
            if found <= limit and (best is None or found < best[0]):
                best = (found, inner, cols)
    return None if best is None else (best[1], best[2])


class _Division:
    """One division (a whole and its parts) of every unit: blocks, their figures, their cuts.

    The reader knows each block's whole and each figure's sum. Give each figure a
    side; a block is inside when one of its figures is, and then the people of the
    inside blocks in the outside figures are a group the reader can compute. Sides
    are bit masks over the parts; a part with no figure at all adds into the side
    ``zero``, which the search tries both ways.
    """

    def __init__(self, rules: _Rules, whole: str, parts: tuple[str, ...]) -> None:
        self.rules, self.whole, self.parts = rules, whole, parts
        units, hidden = rules.units, rules.hidden
        self.tops = [u for u in units if (u, whole, False) not in hidden]
        top_of: dict[str, str | None] = {}
        for u in units:
            above = rules.parent[u]
            shown = (u, whole, False) not in hidden
            top_of[u] = u if shown else None if above is None else top_of[above]
        self.units_of: dict[str, list[str]] = {u: [] for u in self.tops}
        for u in units:
            top = top_of[u]
            if top is not None:
                self.units_of[top].append(u)
        self.up: dict[str, str | None] = {}
        self.below: dict[str, list[str]] = {u: [] for u in self.tops}
        for u in self.tops:
            above = rules.parent[u]
            up = None if above is None else top_of[above]
            self.up[u] = up
            if up is not None:
                self.below[up].append(u)
        # node[u][i]: the figure part i of block u adds into, None if there is none.
        self.node: dict[str, list[Cell | None]] = {}
        self.free: dict[str, int] = {}
        for u in self.tops:
            up = self.up[u]
            nodes: list[Cell | None] = []
            self.free[u] = 0
            for i, p in enumerate(parts):
                if (u, p, False) not in hidden:
                    nodes.append((u, p, False))
                    self.free[u] |= 1 << i
                else:
                    nodes.append(None if up is None else self.node[up][i])
            self.node[u] = nodes
        # edges[u]: (part index or -1 for none, people, shares) of each figure the block adds into.
        self.edges: dict[str, tuple[tuple[int, float, float], ...]] = {}
        self.users: dict[Cell | None, list[str]] = {}
        # shape[u]: a number for the blocks from u down, equal for equal searches.
        self.shape: dict[str, int] = {}
        for u in reversed(self.tops):
            nodes = self.node[u]
            nowhere = sum(1 << i for i, node in enumerate(nodes) if node is None)
            edges, number = rules.block_edges(whole, parts, self.units_of[u], nowhere)
            self.edges[u] = edges
            for i, _, _ in edges:
                self.users.setdefault(None if i < 0 else nodes[i], []).append(u)
            below = tuple(self.shape[k] for k in self.below[u])
            self.shape[u] = rules.shapes.setdefault(
                (number, self.free[u], below), len(rules.shapes)
            )
        for found in self.users.values():
            found.reverse()
        self.everyone = (1 << len(parts)) - 1

    def private(self, figure: Cell) -> bool:
        """Whether a shown figure adds up people of one block only, the one it heads."""
        return self.rules.shown(figure) and self.users.get(figure, [figure[0]]) == [figure[0]]

    def start(self, u: str, zero: int) -> int:
        """The sides a top block starts from: every part it does not show adds into ``zero``."""
        return (self.everyone & ~self.free[u]) if zero else 0

    def leak(self) -> Cell | None:
        """The cell to hide for a group of 1 to ``limit`` people one division gives away, if any.

        First a block alone; then the cheapest cut that takes people from one block,
        by head count, and the cheapest that takes people from several, by shares:
        a person who works in several blocks counts a share in each, so such a group
        is never counted as bigger than it is.
        """
        limit = self.rules.limit
        small = [(sum(e[1] for e in self.edges[u]), u) for u in self.tops]
        small = [(w, u) for w, u in small if 0 < w <= limit]
        if small:
            return self.breaker(dict.fromkeys(self.tops, 0), 0, min(small)[1])
        roots = [u for u in self.tops if self.up[u] is None]
        search = _Search(self)
        for zero in (0, 1):
            items = [search.value(u, self.start(u, zero), zero)[0] for u in roots]
            costs = _NOTHING
            for item in items:
                costs = _fold(costs, item)
            kind = min((1, 3), key=lambda k: costs[k])
            if costs[kind] <= limit:
                sides = dict.fromkeys(self.tops, 0)
                for u, part in zip(roots, _split(items, kind), strict=True):
                    search.rebuild(u, self.start(u, zero), zero, part, sides)
                return self.breaker(sides, zero, None)
        return None

    def breaker(self, sides: dict[str, int], zero: int, alone: str | None) -> Cell:
        """The figure to hide so that the cut no longer holds, chosen near the group.

        Hiding a figure joins it to the one it adds into (a part to the figure above,
        a block to the block above). Candidates come from the piece of the cut that
        holds the group: parts whose hiding pulls more people into the group, then
        parts on the edge of the cut, then wholes likewise; the smallest of the
        first kind there is.
        """

        def side(node: Cell | None, i: int) -> int:
            return zero if node is None else sides[node[0]] >> i & 1

        def figure_of(u: str, i: int) -> Cell | None:
            return None if i < 0 else self.node[u][i]

        def inside(u: str | None) -> bool:
            if u is None or alone is not None:
                return u is not None and u == alone
            return any(side(figure_of(u, e[0]), e[0]) for e in self.edges[u])

        group = [
            u
            for u in self.tops
            if inside(u) and any(not side(figure_of(u, e[0]), e[0]) for e in self.edges[u])
        ]
        targets = {
            figure_of(u, e[0])
            for u in group
            for e in self.edges[u]
            if not side(figure_of(u, e[0]), e[0])
        }
        blocks, nodes, todo = set(group), set(), list(group)
        while todo:
            u = todo.pop()
            for e in self.edges[u]:
                node = figure_of(u, e[0])
                if node is not None and side(node, e[0]) and node not in nodes:
                    nodes.add(node)
                    fresh = [k for k in self.users[node] if k not in blocks]
                    blocks.update(fresh)
                    todo += fresh
        tiers: list[list[Cell]] = [[], [], [], []]
        for u in self.tops:
            up = self.up[u]
            for i in range(len(self.parts)):
                figure = self.node[u][i]
                if figure is None or figure[0] != u or self.rules.sizes[figure] == 0:
                    continue
                above = None if up is None else self.node[up][i]
                if side(figure, i) == side(above, i):
                    continue
                if figure in nodes and above in targets:
                    tiers[0].append(figure)
                elif figure in nodes or figure in targets:
                    tiers[1].append(figure)
            if self.rules.sizes[(u, self.whole, False)] > 0 and inside(u) != inside(up):
                tiers[2 if up in blocks else 3].append((u, self.whole, False))
        pool = next(tier for tier in tiers if tier)
        return min(pool, key=self.rules.by_size)


_Costs = tuple[float, float, float, float]
"""The cheapest cuts of four kinds: taking no people; taking people from one block, by
head count and by shares; taking people from several blocks, by shares."""

_NOTHING: Final[_Costs] = (0.0, _INF, _INF, _INF)

# How each kind of cut of two independent parts together comes from kinds of the parts.
_SOURCES: Final = (
    ((0, 0),),
    ((1, 0), (0, 1)),
    ((2, 0), (0, 2)),
    ((3, 0), (3, 2), (3, 3), (0, 3), (2, 3), (2, 2)),
)


def _fold(a: _Costs, b: _Costs) -> _Costs:
    """Two independent cuts taken together."""
    a0, a1, a2, a3 = a
    b0, b1, b2, b3 = b
    return (
        a0 + b0,
        min(a1 + b0, a0 + b1),
        min(a2 + b0, a0 + b2),
        min(a3 + min(b0, b2, b3), min(a0, a2, a3) + b3, a2 + b2),
    )


def _split(items: list[_Costs], kind: int) -> list[int]:
    """Which kind of cut to take from each of independent parts for the cheapest of a kind."""
    best: list[tuple[float, list[int]]] = [(c, [k]) for k, c in enumerate(items[0])]
    for item in items[1:]:
        row: list[tuple[float, list[int]]] = []
        for sources in _SOURCES:
            found: tuple[float, list[int]] = (_INF, [])
            for i, j in sources:
                cost = best[i][0] + item[j]
                if cost < found[0]:
                    found = (cost, [*best[i][1], j])
            row.append(found)
        best = row
    return best[kind][1]


class _Search:
    """The dynamic programme of one division over the tree of blocks."""

    def __init__(self, division: _Division) -> None:
        self.division = division
        # Keyed by the shape of the blocks from a block down, so that a search after a
        # cell is hidden reuses everything the change did not touch.
        self._memo = division.rules.searched

    def own(self, u: str, bits: int, zero: int) -> _Costs:
        """The cut's take from one block: nothing unless one of its figures is inside."""
        inside, heads, shares = False, 0.0, 0.0
        for i, people, share in self.division.edges[u]:
            if zero if i < 0 else bits >> i & 1:
                inside = True
            else:
                heads += people
                shares += share
        return (_INF, heads, shares, _INF) if inside and heads > 0 else _NOTHING

    def value(self, u: str, fixed: int, zero: int) -> tuple[_Costs, tuple[int, ...]]:
        """The cheapest cuts of each kind of the blocks from ``u`` down.

        Returns their costs and, for each, the sides of ``u``'s own figures, given
        the sides handed down in ``fixed``.
        """
        division = self.division
        key = (division.shape[u], fixed, zero)
        found = self._memo.get(key)
        if found is not None:
            return found
        free, below, masks = division.free[u], division.below[u], division.free
        best, picks = [_INF, _INF, _INF, _INF], [-1, -1, -1, -1]
        value, own = self.value, self.own
        pick = free
        while True:
            bits = fixed | pick
            c0, c1, c2, c3 = own(u, bits, zero)
            for k in below:
                b0, b1, b2, b3 = value(k, bits & ~masks[k], zero)[0]
                c0, c1, c2, c3 = (
                    c0 + b0,
                    min(c1 + b0, c0 + b1),
                    min(c2 + b0, c0 + b2),
                    min(c3 + min(b0, b2, b3), min(c0, c2, c3) + b3, c2 + b2),
                )
            for c, cost in enumerate((c0, c1, c2, c3)):
                if cost < best[c]:
                    best[c], picks[c] = cost, pick
            if pick == 0:
                break
            pick = (pick - 1) & free
        found = ((best[0], best[1], best[2], best[3]), tuple(picks))
        self._memo[key] = found
        return found

    def rebuild(self, u: str, fixed: int, zero: int, kind: int, sides: dict[str, int]) -> None:
        """Set the sides under ``u`` for the cheapest cut of a kind."""
        division = self.division
        bits = fixed | self.value(u, fixed, zero)[1][kind]
        sides[u] = bits
        kids = [(k, bits & ~division.free[k]) for k in division.below[u]]
        items = [self.own(u, bits, zero)] + [self.value(k, h, zero)[0] for k, h in kids]
        for (k, h), part in zip(kids, _split(items, kind)[1:], strict=True):
            self.rebuild(k, h, zero, part, sides)


def shown_percent(ratio: Ratio, headcount: float, min_group_size: int) -> float | None:
    """The ratio in percent, or ``None`` for a group of ``min_group_size`` or fewer employees.

    Examples:
        >>> r = Ratio(numerator=1, denominator=20)
        >>> shown_percent(r, 11, 10), shown_percent(r, 10, 10), shown_percent(r, 10.4, 10)
        (5.0, None, 5.0)
    """
    return None if headcount <= min_group_size else ratio.percent
