import time

import pytest
from hypothesis import given

from samcore import InvalidValueError, OrgTree, OrgTreeError, OrgUnit, UnknownUnitError
from samcore import strategies as sst


def unit(uid: str, parent: str | None = None) -> OrgUnit:
    return OrgUnit(id=uid, name=uid.upper(), parent_id=parent)


@pytest.fixture
def tree() -> OrgTree:
    return OrgTree.from_units(
        [
            unit("k"),
            unit("n1", "k"),
            unit("n2", "k"),
            unit("f", "n1"),
            unit("e1", "f"),
            unit("e2", "f"),
        ]
    )


class TestFromUnits:
    """ "raises OrgTreeError for: no root or more than one root, a parent id that is not a unit,
    a cycle, a duplicate id. The message names the offending ids." (CONTRACT.md)
    """

    def test_no_root(self) -> None:
        """Units that all have parents form no tree."""
        with pytest.raises(OrgTreeError, match="no root"):
            OrgTree.from_units([unit("a", "b"), unit("b", "a")])

    def test_two_roots_names_both(self) -> None:
        """Two roots are named in the message."""
        with pytest.raises(OrgTreeError, match="more than one root: 'a', 'b'"):
            OrgTree.from_units([unit("a"), unit("b")])

    def test_unknown_parent(self) -> None:
        """A parent id that is not a unit is named with its child."""
        with pytest.raises(OrgTreeError, match="unit 'c' names parent 'x', which is not a unit"):
            OrgTree.from_units([unit("a"), unit("c", "x")])

    def test_cycle_below_a_root(self) -> None:
        """A cycle beside a valid root is found and its members named."""
        with pytest.raises(OrgTreeError, match="cycle among units 'b', 'c'") as info:
            OrgTree.from_units([unit("a"), unit("b", "c"), unit("c", "b"), unit("d", "c")])
        assert "'d'" not in str(info.value).split("cycle among units")[1]

    def test_duplicate_id(self) -> None:
        """A duplicate id is named."""
        with pytest.raises(OrgTreeError, match="duplicate unit id 'a'"):
            OrgTree.from_units([unit("a"), unit("a")])

    def test_all_problems_in_one_error(self) -> None:
        """Several problems are reported together, not just the first."""
        with pytest.raises(OrgTreeError) as info:
            OrgTree.from_units([unit("a"), unit("a"), unit("b"), unit("c", "zz")])
        text = str(info.value)
        assert "duplicate" in text
        assert "more than one root" in text
        assert "'zz'" in text

    def test_self_parent_rejected_by_unit(self) -> None:
        """A unit cannot be its own parent."""
        with pytest.raises(ValueError, match="'parent_id' must differ"):
            unit("a", "a")


class TestNavigation:
    """Navigation of a valid tree."""

    def test_root_parent_children(self, tree: OrgTree) -> None:
        """root, parent and children answer with units."""
        assert "k" == tree.root.id
        assert tree.parent("k") is None
        assert "n1" == tree.parent("f").id  # type: ignore[union-attr]
        assert ["n1", "n2"] == [u.id for u in tree.children("k")]

    def test_ancestors_nearest_first(self, tree: OrgTree) -> None:
        """Ancestors go from the parent to the root."""
        assert ["f", "n1", "k"] == [u.id for u in tree.ancestors("e1")]

    def test_subtree_parents_first(self, tree: OrgTree) -> None:
        """Subtree holds the unit and all below it, each parent before its children."""
        assert ("n1", "f", "e1", "e2") == tree.subtree("n1")

    def test_unknown_id_is_key_error(self, tree: OrgTree) -> None:
        """An unknown id raises UnknownUnitError, a KeyError with a readable message."""
        with pytest.raises(KeyError) as info:
            tree.children("nope")
        assert isinstance(info.value, UnknownUnitError)
        assert "unknown unit id 'nope'" == str(info.value)

    def test_len_contains_iter(self, tree: OrgTree) -> None:
        """len, in and iteration cover every unit."""
        assert 6 == len(tree)
        assert "e2" in tree
        assert "x" not in tree
        assert set(tree) == {"k", "n1", "n2", "f", "e1", "e2"}


class TestTreeProperties:
    """Invariants of any valid tree."""

    @given(sst.org_trees())
    def test_every_unit_in_root_subtree(self, tree: OrgTree) -> None:
        """Every unit is in the root's subtree, exactly once."""
        assert sorted(u.id for u in tree.units) == sorted(tree.subtree(tree.root.id))
        assert len(tree) == len(tree.subtree(tree.root.id))

    @given(sst.org_trees())
    def test_ancestors_end_at_root(self, tree: OrgTree) -> None:
        """Every non-root unit's ancestors end at the root, and the unit is in each one's subtree."""
        for u in tree.units:
            chain = tree.ancestors(u.id)
            if u.id == tree.root.id:
                assert () == chain
                continue
            assert tree.root == chain[-1]
            assert all(u.id in tree.subtree(a.id) for a in chain)

    @given(sst.org_trees())
    def test_children_partition_subtree(self, tree: OrgTree) -> None:
        """A unit's subtree is itself plus its children's subtrees."""
        for u in tree.units:
            below = [uid for c in tree.children(u.id) for uid in tree.subtree(c.id)]
            assert sorted([u.id, *below]) == sorted(tree.subtree(u.id))


class TestLinearCheck:
    """ "make tree validation linear ... and keep the messages naming the offending ids"."""

    def test_long_cycle_is_quick_and_named(self) -> None:
        """A cycle of 2,000 units is found at once; the message names ten and counts the rest."""
        n = 2000
        units = [unit(f"u{i}", f"u{(i + 1) % n}") for i in range(n)]
        started = time.perf_counter()
        with pytest.raises(OrgTreeError) as info:
            OrgTree.from_units(units)
        assert time.perf_counter() - started < 1.0
        text = str(info.value)
        assert "no root" in text
        assert "cycle among units 'u0', 'u1', 'u10'" in text
        assert "and 1990 more" in text
        assert len(text) < 1000

    def test_deep_chain_is_quick(self) -> None:
        """A chain of 20,000 units, each below the one before, builds in linear time."""
        units = [unit("u0"), *(unit(f"u{i}", f"u{i - 1}") for i in range(1, 20_000))]
        started = time.perf_counter()
        tree = OrgTree.from_units(reversed(units))
        assert time.perf_counter() - started < 2.0
        assert ("u19998", "u19999") == tree.subtree("u19998")

    def test_many_orphans_bounded(self) -> None:
        """Many missing parents: the first ten are named, the rest counted."""
        units = [unit("k"), *(unit(f"c{i}", f"x{i}") for i in range(500))]
        with pytest.raises(OrgTreeError, match=r"names parent 'x0'.*and 490 more") as info:
            OrgTree.from_units(units)
        assert len(str(info.value)) < 1000

    def test_constructor_is_the_same_check(self) -> None:
        """OrgTree(units=...) checks as from_units does and equals its tree."""
        units = [unit("n", "k"), unit("k")]
        assert OrgTree.from_units(units) == OrgTree(units=units)
        assert ("k", "n") == tuple(u.id for u in OrgTree(units=units).units)
        with pytest.raises(OrgTreeError, match="names parent 'x'"):
            OrgTree(units=[unit("a", "x")])

    def test_units_must_be_org_units(self) -> None:
        """Anything but an iterable of OrgUnit is an InvalidValueError naming it."""
        with pytest.raises(InvalidValueError, match=r"'units\[1\]' must be an OrgUnit"):
            OrgTree.from_units([unit("k"), "n"])  # type: ignore[list-item]
        with pytest.raises(InvalidValueError, match="'units' must be an iterable of OrgUnit"):
            OrgTree.from_units("kn")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'units' must be a tuple of OrgUnit"):
            OrgTree(units=None)

    def test_repr_is_short(self) -> None:
        """The repr names the root and counts the units."""
        assert "OrgTree(root_id='k', units=2)" == repr(
            OrgTree.from_units([unit("k"), unit("e", "k")])
        )
