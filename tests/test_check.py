import copy
import gc
import math
import pickle
from datetime import date, datetime
from enum import StrEnum

import attrs
import pytest

from samcore import Employee, Employment, Gender, InvalidValueError, _check, _columns
from samcore._check import (
    callable_,
    describe,
    each_value,
    fraction,
    id_set,
    instance_of,
    int_in,
    mapping_of,
    non_blank,
    non_negative,
    number_in,
    optional,
    plain_date,
    positive,
    require,
    some,
    tuple_of,
)
from samcore._frozen import FrozenMap, frozen_map, ids, records, to_tuple


class Colour(StrEnum):
    """A one-member enum for the type check."""

    RED = "red"


@attrs.frozen(kw_only=True)
class Probe:
    """A record with one field per validator, described by its name."""

    name: str = attrs.field(default="p", validator=non_blank())
    count: int = attrs.field(default=1, validator=int_in(1, 3))
    total: int = attrs.field(default=0, validator=int_in(0))
    hours: float = attrs.field(default=1.0, validator=positive())
    spent: float = attrs.field(default=0.0, validator=non_negative())
    share: float = attrs.field(default=1.0, validator=fraction())
    on: date = attrs.field(default=date(2024, 1, 1), validator=plain_date())
    colour: Colour = attrs.field(default=Colour.RED, validator=instance_of(Colour))
    note: str | None = attrs.field(default=None, validator=optional(non_blank()))
    tags: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=tuple_of(str))
    counts: dict[str, int] = attrs.field(factory=dict, validator=each_value(int_in(0)))

    @property
    def _subject(self) -> str:
        return describe("a probe", "probe", ("", self.name))


@attrs.frozen(kw_only=True)
class Unreadable:
    """A record whose subject may not be read: it must be read only on failure."""

    count: int = attrs.field(validator=int_in(0))

    @property
    def _subject(self) -> str:
        raise AssertionError("the subject was read")


def message(**fields: object) -> str:
    with pytest.raises(InvalidValueError) as info:
        Probe(**fields)  # type: ignore[arg-type]
    return str(info.value)


class TestIntIn:
    """An int in a range, not a bool: the rule written once for every count and scale."""

    @pytest.mark.parametrize("count", [1, 2, 3])
    def test_accepts_the_range_with_both_ends(self, count: int) -> None:
        """Both ends of the range are allowed."""
        assert count == Probe(count=count).count

    @pytest.mark.parametrize(
        ("count", "shown"), [(0, "0"), (4, "4"), (True, "True"), (2.0, "2.0"), ("2", "'2'")]
    )
    def test_rejects_outside_or_not_an_int(self, count: object, shown: str) -> None:
        """Out of range, a bool, a float or a string: the message names field, rule, value, record."""
        assert f"'count' must be an int in 1..3 (got {shown}) for probe 'p'" == message(count=count)

    def test_without_top(self) -> None:
        """Without an upper end any int from the lower end passes, and the rule says so."""
        assert 10**12 == Probe(total=10**12).total
        assert "'total' must be an int >= 0 (got -1) for probe 'p'" == message(total=-1)


class TestNumbers:
    """Positive and non-negative finite numbers and fractions in (0, 1]; a bool is no number."""

    @pytest.mark.parametrize("hours", [0, -1.0, math.inf, math.nan, True, "1"])
    def test_positive_rejects(self, hours: object) -> None:
        """Zero, negatives, infinity, NaN, bools and strings are no positive finite number."""
        assert "'hours' must be a finite number > 0" in message(hours=hours)

    @pytest.mark.parametrize("hours", [1, 0.25, 1e9])
    def test_positive_accepts(self, hours: float) -> None:
        """Ints and floats above zero pass."""
        assert hours == Probe(hours=hours).hours

    @pytest.mark.parametrize("spent", [-0.1, math.inf, math.nan, False])
    def test_non_negative_rejects(self, spent: object) -> None:
        """Negatives, infinity, NaN and bools are no non-negative finite number."""
        assert "'spent' must be a finite number >= 0" in message(spent=spent)

    def test_non_negative_accepts_zero(self) -> None:
        """Zero is non-negative."""
        assert 0 == Probe(spent=0).spent

    @pytest.mark.parametrize("share", [0, 1.01, -0.5, math.nan, True])
    def test_fraction_rejects(self, share: object) -> None:
        """A fraction lies in (0, 1]: zero, more than one, NaN and bools fail."""
        assert "'share' must be in (0, 1]" in message(share=share)

    @pytest.mark.parametrize("share", [1, 1.0, 0.01])
    def test_fraction_accepts(self, share: float) -> None:
        """One and small positive shares pass."""
        assert share == Probe(share=share).share


class TestTextDatesAndTypes:
    """Non-blank text, plain dates and instances of a type."""

    @pytest.mark.parametrize(("name", "shown"), [("", "''"), ("  ", "'  '"), (None, "None")])
    def test_blank_text(self, name: object, shown: str) -> None:
        """An empty or blank name fails, and the record is then described without it."""
        assert f"'name' must be a non-empty string (got {shown}) for a probe" == message(name=name)

    def test_datetime_is_not_a_date(self) -> None:
        """A datetime is rejected where a calendar date belongs."""
        assert "'on' must be a datetime.date (got 2024-01-01T12:00:00) for probe 'p'" == message(
            on=datetime(2024, 1, 1, 12)
        )

    def test_enum_by_value_is_not_the_enum(self) -> None:
        """A plain string is not an instance of the enum."""
        assert "'colour' must be a Colour (got 'blue') for probe 'p'" == message(colour="blue")


class TestOptionalAndContainers:
    """``optional`` adds None to a rule; tuples and mappings name the bad item."""

    def test_optional_accepts_none(self) -> None:
        """None passes an optional validator."""
        assert None is Probe(note=None).note

    def test_optional_rule_says_or_none(self) -> None:
        """A bad value of an optional field gets the inner rule with "or None"."""
        assert "'note' must be a non-empty string or None (got '') for probe 'p'" == message(
            note=""
        )

    def test_optional_of_a_foreign_validator(self) -> None:
        """A validator not built here is called as it is for values other than None."""
        seen: list[object] = []
        check = optional(lambda instance, attribute, value: seen.append(value))
        check(None, None, None)
        check(None, None, 5)
        assert [5] == seen

    def test_tuple_item_named_by_index(self) -> None:
        """A bad tuple item is named by its index."""
        assert "'tags[1]' must be a str (got 2) for probe 'p'" == message(tags=["a", 2])

    def test_mapping_value_named_by_key(self) -> None:
        """A bad mapping value is named by its key."""
        assert "'counts[x]' must be an int >= 0 (got -1) for probe 'p'" == message(
            counts={"w": 1, "x": -1}
        )


class TestSubject:
    """The record's description is built only when a check fails, from its valid fields."""

    def test_subject_not_read_for_valid_records(self) -> None:
        """Building a valid record never reads its subject."""
        assert 3 == Unreadable(count=3).count

    def test_subject_skips_invalid_fields(self) -> None:
        """A record whose identifying field is bad is described by the others."""
        with pytest.raises(InvalidValueError) as info:
            Employment(employee_id="", unit_id="u1", start=date(2024, 1, 1))
        assert (
            "'employee_id' must be a non-empty string (got '') "
            "for employment in unit 'u1' starting 2024-01-01"
        ) == str(info.value)

    def test_fields_checked_before_cross_field_rules(self) -> None:
        """A wrong type is reported as such, not as a failed comparison with another field."""
        with pytest.raises(InvalidValueError, match="'end' must be a datetime.date or None"):
            Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1), end="2024-02-01")  # type: ignore[arg-type]

    def test_evolve_is_checked(self) -> None:
        """attrs.evolve goes through the same validators."""
        valid = Employee(id="e1", gender=Gender.MAN)
        with pytest.raises(InvalidValueError, match="'gender' must be a Gender .* employee 'e1'"):
            attrs.evolve(valid, gender="man")  # type: ignore[arg-type]

    def test_require_for_arguments(self) -> None:
        """A validator checks a function argument under the name and subject given."""
        with pytest.raises(InvalidValueError) as info:
            require("per", True, int_in(1), "an injury rate")
        assert "'per' must be an int >= 1 (got True) for an injury rate" == str(info.value)


class TestSome:
    """The first few of a list of problems, and how many more there are."""

    def test_all_shown_when_few(self) -> None:
        """Up to ``shown`` items are all listed."""
        assert "'a', 'b'" == some(map(repr, "ab"))

    def test_rest_counted(self) -> None:
        """Beyond ``shown`` the rest is counted, after the separator."""
        assert "p1; p2; and 3 more" == some([f"p{i}" for i in range(1, 6)], 2, sep="; ")

    def test_default_shows_ten(self) -> None:
        """By default ten items are shown."""
        assert "0, 1, 2, 3, 4, 5, 6, 7, 8, 9, and 2 more" == some(map(str, range(12)))


class TestContainersNeverGuess:
    """A str where a tuple belongs is refused, not split into letters; mappings stay read-only."""

    @pytest.mark.parametrize("tags", ["rehabilitering", b"ab", {"a": 1}, {"a"}, None, 5])
    def test_tuple_field_refuses_non_sequences(self, tags: object) -> None:
        """A string, bytes, a mapping, a set or a scalar is refused by name."""
        assert "'tags' must be a tuple of str" in message(tags=tags)

    def test_tuple_field_takes_lists_and_generators(self) -> None:
        """Lists, tuples and generators become a tuple."""
        assert ("a", "b") == Probe(tags=["a", "b"]).tags
        assert ("a",) == Probe(tags=(t for t in ["a"])).tags

    def test_mapping_of_names_a_bad_key(self) -> None:
        """A key that breaks the key rule is named as the field's key."""
        check = mapping_of(instance_of(Colour), int_in(0))
        with pytest.raises(InvalidValueError) as info:
            require("counts", {"female": 1}, check, "a probe")
        assert "'counts key' must be a Colour (got 'female') for a probe" == str(info.value)
        with pytest.raises(InvalidValueError, match="'counts' must be a mapping"):
            require("counts", [("a", 1)], check, "a probe")

    def test_frozen_map_pickles_copies_and_hashes(self) -> None:
        """A FrozenMap survives pickle and deepcopy, hashes by content and equals a dict."""
        m = frozen_map({"b": 1, "a": 2})
        assert isinstance(m, FrozenMap)
        assert m == pickle.loads(pickle.dumps(m)) == copy.deepcopy(m) == {"a": 2, "b": 1}
        assert hash(m) == hash(FrozenMap({"a": 2, "b": 1}))
        assert ["b", "a"] == list(m)
        assert "x" == frozen_map("x")
        with pytest.raises(TypeError):
            m["c"] = 3  # type: ignore[index]


class TestShownValues:
    """Messages show enough of a bad value to find it, never a whole payload."""

    def test_long_values_are_shortened(self) -> None:
        """A 5,000-character string or a deep list is cut short in the message."""
        assert len(message(name=5, note="x" * 5000)) < 200
        assert len(message(count=[[[list(range(100))]]])) < 200

    def test_unreprable_value_named_by_type(self) -> None:
        """A value whose repr fails is named by its type."""

        class Broken:
            def __repr__(self) -> str:
                raise RuntimeError

        assert "(got <Broken" in message(count=Broken())


class TestNumberIn:
    """A finite number with a physical ceiling: the hours of a week or of a day."""

    @pytest.mark.parametrize("hours", [0, 24.5, math.nan, math.inf, True, "1"])
    def test_rejects(self, hours: object) -> None:
        """Zero, above the ceiling, NaN, infinity, bools and strings fail."""
        with pytest.raises(InvalidValueError, match=r"'hours' must be a number in \(0, 24\]"):
            require("hours", hours, number_in(0, 24), "a day")

    def test_ceiling_included(self) -> None:
        """The ceiling itself passes."""
        require("hours", 24, number_in(0, 24), "a day")


class TestArguments:
    """Function arguments are checked by the same rules, and named."""

    def test_records(self) -> None:
        """An iterable of the record type passes as a tuple; a string or a wrong item is named."""
        assert ("a", "b") == records("xs", iter(["a", "b"]), str, "f")
        with pytest.raises(
            InvalidValueError, match=r"'xs' must be an iterable of int \(got 'ab'\) for f"
        ):
            records("xs", "ab", int, "f")
        with pytest.raises(InvalidValueError, match=r"'xs\[1\]' must be an int \(got 'b'\) for f"):
            records("xs", [1, "b"], int, "f")

    def test_ids(self) -> None:
        """Ids are non-empty strings; a set of them is fine, one string is not."""
        assert ("a",) == ids("top_ids", {"a"}, "f")
        with pytest.raises(InvalidValueError, match=r"'top_ids\[0\]' must be a non-empty string"):
            ids("top_ids", [" "], "f")

    def test_id_set_and_callable(self) -> None:
        """The ids behind a count are a frozenset of strings; a key must be callable."""
        require("people", frozenset({"a"}), id_set(), "f")
        with pytest.raises(InvalidValueError, match="'people' must be a frozenset"):
            require("people", {"a"}, id_set(), "f")
        with pytest.raises(InvalidValueError, match="'key' must be callable"):
            require("key", "unit_id", callable_(), "f")

    def test_instance_of_several_kinds(self) -> None:
        """The rule names every kind allowed, each with its article."""
        with pytest.raises(InvalidValueError, match="'v' must be an int or a str"):
            require("v", 1.5, instance_of(int, str), "f")


class TestValidatorsMadePerCall:
    """A validator made for one call, as ``require(..., int_in(1), ...)`` makes it, is not kept."""

    def test_rules_are_forgotten(self) -> None:
        """A thousand calls that each make a validator leave the table of rules as it was."""
        gc.collect()
        before = (len(_check._RULES), len(_columns._COLUMNS))
        for _ in range(1000):
            require("x", 5, int_in(1), "a test")
        gc.collect()
        assert before == (len(_check._RULES), len(_columns._COLUMNS))
