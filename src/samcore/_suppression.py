"""The search behind the suppression rules of :mod:`samcore._privacy`: blocks, cuts and leaks.

The rules themselves, and what they guarantee, are written in that module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, Final

from samcore._cuts import Cell, Costs, Division, smallest_cut

__all__ = ["Cell", "Measure", "Rules"]


_INF: Final = float("inf")
_TINY: Final = 1e-9


class Measure:
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


class Rules:
    """The cells of one table and the hidden set the rules grow."""

    def __init__(
        self,
        units: list[str],
        parent: Mapping[str, str | None],
        relations: list[tuple[str, tuple[str, ...]]],
        never_shown: frozenset[str],
        measure: Measure,
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
        self.searched: dict[tuple[int, int, int], tuple[Costs, tuple[int, ...]]] = {}
        self._divisions: dict[tuple[str, tuple[str, ...]], tuple[int, Division]] = {}
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

    def division(self, whole: str, parts: tuple[str, ...]) -> Division:
        """One division as the hidden cells stand now."""
        found = self._divisions.get((whole, parts))
        if found is None or found[0] != self.version:
            found = (self.version, Division(self, whole, parts))
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
        if not parts:  # a whole not divided in this table: only the tree relates it
            return []
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
        cut = smallest_cut(weight, self.limit)
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
