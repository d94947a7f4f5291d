"""Exact searches of the suppression rules: the smallest group a division of the tree gives away.

Dynamic programming over the tree of blocks (a unit with its whole shown,
with its own staff and the hidden units under it), and the smallest cut
of a unit's gender and age rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import product
from typing import Final, Protocol

__all__ = ["Cell", "Costs", "Division", "RulesView", "Search", "smallest_cut"]

Cell = tuple[str, str, bool]
"""A group: (unit id, slice name, whether it is the unit's own staff only)."""

_INF: Final = float("inf")
_TINY: Final = 1e-9


class RulesView(Protocol):
    """What the searches read of the rules: the tree, the hidden cells and their sizes."""

    units: list[str]
    parent: Mapping[str, str | None]
    hidden: set[Cell]
    sizes: dict[Cell, float]
    limit: int
    shapes: dict[tuple[object, ...], int]
    searched: dict[tuple[int, int, int], tuple[Costs, tuple[int, ...]]]

    def shown(self, cell: Cell) -> bool:
        """Whether a cell is shown."""

    def by_size(self, cell: Cell) -> tuple[float, Cell]:
        """The order in which cells are hidden: smallest first."""

    def block_edges(
        self, whole: str, parts: tuple[str, ...], block: list[str], nowhere: int
    ) -> tuple[tuple[tuple[int, float, float], ...], int]:
        """A block's edges and a number for them."""


def smallest_cut(weight: list[list[float]], limit: float) -> tuple[set[int], set[int]] | None:
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


class Division:
    """One division (a whole and its parts) of every unit: blocks, their figures, their cuts.

    The reader knows each block's whole and each figure's sum. Give each figure a
    side; a block is inside when one of its figures is, and then the people of the
    inside blocks in the outside figures are a group the reader can compute. Sides
    are bit masks over the parts; a part with no figure at all adds into the side
    ``zero``, which the search tries both ways.
    """

    def __init__(self, rules: RulesView, whole: str, parts: tuple[str, ...]) -> None:
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
        search = Search(self)
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


Costs = tuple[float, float, float, float]
"""The cheapest cuts of four kinds: taking no people; taking people from one block, by
head count and by shares; taking people from several blocks, by shares."""

_NOTHING: Final[Costs] = (0.0, _INF, _INF, _INF)

# How each kind of cut of two independent parts together comes from kinds of the parts.
_SOURCES: Final = (
    ((0, 0),),
    ((1, 0), (0, 1)),
    ((2, 0), (0, 2)),
    ((3, 0), (3, 2), (3, 3), (0, 3), (2, 3), (2, 2)),
)


def _fold(a: Costs, b: Costs) -> Costs:
    """Two independent cuts taken together."""
    a0, a1, a2, a3 = a
    b0, b1, b2, b3 = b
    return (
        a0 + b0,
        min(a1 + b0, a0 + b1),
        min(a2 + b0, a0 + b2),
        min(a3 + min(b0, b2, b3), min(a0, a2, a3) + b3, a2 + b2),
    )


def _split(items: list[Costs], kind: int) -> list[int]:
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


class Search:
    """The dynamic programme of one division over the tree of blocks."""

    def __init__(self, division: Division) -> None:
        self.division = division
        # Keyed by the shape of the blocks from a block down, so that a search after a
        # cell is hidden reuses everything the change did not touch.
        self._memo = division.rules.searched

    def own(self, u: str, bits: int, zero: int) -> Costs:
        """The cut's take from one block: nothing unless one of its figures is inside."""
        inside, heads, shares = False, 0.0, 0.0
        for i, people, share in self.division.edges[u]:
            if zero if i < 0 else bits >> i & 1:
                inside = True
            else:
                heads += people
                shares += share
        return (_INF, heads, shares, _INF) if inside and heads > 0 else _NOTHING

    def value(self, u: str, fixed: int, zero: int) -> tuple[Costs, tuple[int, ...]]:
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
