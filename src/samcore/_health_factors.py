"""Health factors (friskfaktorer): each unit's yearly inventory, and what the inventories add up to.

The eight factors are those that researchers found in organisations with
low sick leave, which Suntarbetsliv (the joint body of SKR, Sobona and the
unions) spreads to municipalities and regions. The source municipality
makes them its strategy against sick leave: "Ett obligatoriskt steg är att
alla verksamheter inventerar och skattar vilka friskfaktorer man ska
fokusera på", followed up in the work-environment report from 2026.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from operator import add
from typing import Any, ClassVar, Final

import attrs

from samcore._check import (
    at_most,
    describe,
    fail,
    instance_of,
    int_in,
    is_int,
    items,
    mapping_of,
    name_of,
    non_blank,
    require,
    subject_of,
    tuple_of,
)
from samcore._frozen import EMPTY, FrozenMap, frozen_map, records, to_tuple
from samcore._labels import label
from samcore._monoid import Summable, sums, trusted
from samcore._ratio import Ratio

__all__ = [
    "HEALTH_FACTOR_SCALE",
    "HealthFactor",
    "HealthFactorInventory",
    "HealthFactorSummary",
]

HEALTH_FACTOR_SCALE: Final = (1, 2, 3, 4, 5)
"""The ratings a unit gives a factor: 1 (weak, much to develop) to 5 (strong, well in place)."""


class HealthFactor(StrEnum):
    """One of the eight health factors (friskfaktorer), in Suntarbetsliv's order.

    The source municipality calls the rehabilitation factor "tidiga
    insatser och arbetsanpassning" (early measures and adjustments at
    work), and the factor of systematic work-environment management
    "systematiskt arbetsmiljöarbete i vardagen".

    Examples:
        >>> len(HealthFactor), HealthFactor.PRIORITISATION.label()
        (8, 'Prioritering av arbetsuppgifter')
    """

    LEADERSHIP = "leadership"
    PARTICIPATION = "participation"
    COMMUNICATION = "communication"
    SYSTEMATIC_WORK_ENVIRONMENT = "systematic_work_environment"
    REHABILITATION = "rehabilitation"
    FAIR_ORGANISATION = "fair_organisation"
    SKILLS_DEVELOPMENT = "skills_development"
    PRIORITISATION = "prioritisation"

    def label(self, lang: str = "sv") -> str:
        """The factor's name in Swedish (``"sv"``) or English (``"en"``).

        Examples:
            >>> HealthFactor.COMMUNICATION.label("en")
            'Communication and feedback'
        """
        return label(_NAMES, self, lang)


_NAMES: Final[Mapping[str, Mapping[HealthFactor, str]]] = {
    "sv": {
        HealthFactor.LEADERSHIP: "Närvarande, tillitsfullt och engagerat ledarskap",
        HealthFactor.PARTICIPATION: "Delaktighet och påverkansmöjligheter",
        HealthFactor.COMMUNICATION: "Kommunikation och återkoppling",
        HealthFactor.SYSTEMATIC_WORK_ENVIRONMENT: "Systematiskt arbetsmiljöarbete i vardagen",
        HealthFactor.REHABILITATION: "Rehabiliteringsarbete vid lång- och korttidssjukfrånvaro",
        HealthFactor.FAIR_ORGANISATION: "Rättvis och transparent organisation",
        HealthFactor.SKILLS_DEVELOPMENT: "Kompetensutveckling hela karriären",
        HealthFactor.PRIORITISATION: "Prioritering av arbetsuppgifter",
    },
    "en": {
        HealthFactor.LEADERSHIP: "Present, trusting and engaged leadership",
        HealthFactor.PARTICIPATION: "Participation and influence",
        HealthFactor.COMMUNICATION: "Communication and feedback",
        HealthFactor.SYSTEMATIC_WORK_ENVIRONMENT: "Systematic work-environment management every day",
        HealthFactor.REHABILITATION: "Rehabilitation in long and short sick leave",
        HealthFactor.FAIR_ORGANISATION: "A fair and transparent organisation",
        HealthFactor.SKILLS_DEVELOPMENT: "Skills development throughout the career",
        HealthFactor.PRIORITISATION: "Prioritising tasks",
    },
}

_FACTOR: Final = instance_of(HealthFactor)
_LOWEST, _HIGHEST = HEALTH_FACTOR_SCALE[0], HEALTH_FACTOR_SCALE[-1]
_STEPS: Final = len(HEALTH_FACTOR_SCALE)


def _in_factor_order(value: Any, keep: Any = None) -> Any:
    """Store a mapping by factor read-only, in enum order, keeping the entries ``keep`` accepts.

    A mapping with a key that is no factor is kept as it is, for the
    validator to refuse by name.
    """
    if not isinstance(value, Mapping) or not all(isinstance(k, HealthFactor) for k in value):
        return frozen_map(value)
    return FrozenMap(
        (k, value[k]) for k in HealthFactor if k in value and (keep is None or keep(value[k]))
    )


@attrs.frozen(kw_only=True)
class HealthFactorInventory:
    """A unit's yearly inventory of the health factors: ratings, focus, activities.

    ``ratings`` rates factors on :data:`HEALTH_FACTOR_SCALE` (1 weak to 5
    strong); a factor left out was not rated. ``focus`` lists the factors
    the unit chose to work on, each once, in the unit's order.
    ``activities_planned`` counts the activities planned for them, and
    ``activities_followed_up`` those followed up, at most as many.

    Examples:
        >>> inv = HealthFactorInventory(unit_id="u1", year=2026,
        ...                             ratings={HealthFactor.COMMUNICATION: 2, HealthFactor.LEADERSHIP: 4},
        ...                             focus=[HealthFactor.COMMUNICATION], activities_planned=3)
        >>> [f.value for f in inv.ratings], inv.focus[0].value
        (['leadership', 'communication'], 'communication')
        >>> HealthFactorInventory(unit_id="u1", year=2026, ratings={HealthFactor.LEADERSHIP: 6})
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'ratings[leadership]' must be an int in 1..5 (got 6) for health-factor inventory of unit 'u1'
    """

    unit_id: str = attrs.field(validator=non_blank())
    year: int = attrs.field(validator=int_in(1, 9999))
    ratings: Mapping[HealthFactor, int] = attrs.field(
        default=EMPTY,
        converter=_in_factor_order,
        validator=mapping_of(_FACTOR, int_in(_LOWEST, _HIGHEST)),
    )
    focus: tuple[HealthFactor, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(HealthFactor)
    )
    activities_planned: int = attrs.field(default=0, validator=int_in(0))
    activities_followed_up: int = attrs.field(default=0, validator=int_in(0))

    @property
    def _subject(self) -> str:
        return describe(
            "a health-factor inventory", "health-factor inventory", ("of unit", self.unit_id)
        )

    def __attrs_post_init__(self) -> None:
        twice = sorted(f.value for f, n in Counter(self.focus).items() if n > 1)
        if twice:
            fail("focus", "name each factor once", twice, self._subject)
        at_most(
            self.activities_followed_up,
            "activities_followed_up",
            self.activities_planned,
            "activities_planned",
            self._subject,
        )


_NO_RATINGS: Final = (0,) * _STEPS
_COUNT_ITEMS: Final = items(int_in(0), f"be a tuple of {_STEPS} counts")


def _rating_counts(instance: Any, attribute: Any, value: Any) -> None:
    """Validator: one count per rating of the scale, each an int >= 0."""
    _COUNT_ITEMS(instance, attribute, value)
    if len(value) != _STEPS:
        rule = f"be a tuple of {_STEPS} counts, one per rating {_LOWEST}..{_HIGHEST}"
        fail(name_of(attribute), rule, value, subject_of(instance))


def _distributions(value: Any) -> Any:
    """Store the counts per rating by factor read-only, as tuples, without all-zero entries."""
    if isinstance(value, Mapping):
        value = {k: to_tuple(v) for k, v in value.items()}
    return _in_factor_order(value, lambda counts: not _no_ratings(counts))


def _no_ratings(counts: object) -> bool:
    """Whether counts are those of a factor nobody rated: all whole zeros."""
    return (
        isinstance(counts, tuple)
        and len(counts) == _STEPS
        and all(is_int(n) and n == 0 for n in counts)
    )


def _focus_counts(value: Any) -> Any:
    """Store the units choosing each factor read-only, without zero entries."""
    return _in_factor_order(value, lambda n: not (is_int(n) and n == 0))


@attrs.frozen(kw_only=True)
class HealthFactorSummary(Summable):
    """The health-factor inventories of a group of units in one year: a monoid.

    ``units`` counts the inventories; ``focus`` how many units chose each
    factor; ``ratings`` per factor how many units gave each rating (index
    0 counts the 1s, index 4 the 5s), so that a factor's mean rating is
    exact after any grouping; the activities planned and followed up add.

    Examples:
        >>> a = HealthFactorSummary(units=1, focus={HealthFactor.LEADERSHIP: 1},
        ...                         ratings={HealthFactor.LEADERSHIP: (0, 1, 0, 0, 0)})
        >>> b = HealthFactorSummary(units=1, ratings={HealthFactor.LEADERSHIP: (0, 0, 0, 1, 0)},
        ...                         activities_planned=2, activities_followed_up=1)
        >>> s = a + b
        >>> s.ratings[HealthFactor.LEADERSHIP], s.mean(HealthFactor.LEADERSHIP), s.followed_up.percent
        ((0, 1, 0, 1, 0), 3.0, 50.0)
    """

    units: int = attrs.field(default=0, validator=int_in(0))
    focus: Mapping[HealthFactor, int] = attrs.field(
        default=EMPTY,
        converter=_focus_counts,
        validator=mapping_of(_FACTOR, int_in(0)),
    )
    ratings: Mapping[HealthFactor, tuple[int, ...]] = attrs.field(
        default=EMPTY, converter=_distributions, validator=mapping_of(_FACTOR, _rating_counts)
    )
    activities_planned: int = attrs.field(default=0, validator=int_in(0))
    activities_followed_up: int = attrs.field(default=0, validator=int_in(0))

    _subject: ClassVar[str] = "a health-factor summary"

    def __attrs_post_init__(self) -> None:
        for factor, chose in self.focus.items():
            if chose > self.units:
                rule = f"not exceed units = {self.units}"
                fail(f"focus[{factor.value}]", rule, chose, self._subject)
        for factor, counts in self.ratings.items():
            if sum(counts) > self.units:
                rule = f"count at most units = {self.units} ratings"
                fail(f"ratings[{factor.value}]", rule, counts, self._subject)
        at_most(
            self.activities_followed_up,
            "activities_followed_up",
            self.activities_planned,
            "activities_planned",
            self._subject,
        )

    @classmethod
    def _sum(cls, values: Sequence[HealthFactorSummary]) -> HealthFactorSummary:
        focus: dict[HealthFactor, int] = {}
        ratings: dict[HealthFactor, tuple[int, ...]] = {}
        for value in values:
            for factor, chose in value.focus.items():
                focus[factor] = focus.get(factor, 0) + chose
            for factor, counts in value.ratings.items():
                had = ratings.get(factor)
                ratings[factor] = counts if had is None else tuple(map(add, had, counts))
        return trusted(
            cls,
            **sums(values, "units", "activities_planned", "activities_followed_up"),
            focus=_focus_counts(focus),
            ratings=_distributions(ratings),
        )

    def rated(self, factor: HealthFactor) -> int:
        """How many units rated a factor.

        Examples:
            >>> HealthFactorSummary(units=3, ratings={HealthFactor.PARTICIPATION: (1, 0, 0, 0, 1)}
            ...                     ).rated(HealthFactor.PARTICIPATION)
            2
        """
        require("factor", factor, _FACTOR, self._subject)
        return sum(self.ratings.get(factor, _NO_RATINGS))

    def mean(self, factor: HealthFactor) -> float | None:
        """The mean rating of a factor over the units that rated it, or ``None`` when none did.

        Examples:
            >>> HealthFactorSummary(units=3, ratings={HealthFactor.PARTICIPATION: (1, 0, 0, 0, 1)}
            ...                     ).mean(HealthFactor.PARTICIPATION)
            3.0
        """
        rated = self.rated(factor)
        if rated == 0:
            return None
        counts = self.ratings[factor]
        return sum(r * n for r, n in zip(HEALTH_FACTOR_SCALE, counts, strict=True)) / rated

    @property
    def followed_up(self) -> Ratio:
        """The activities followed up over those planned.

        Examples:
            >>> HealthFactorSummary(activities_planned=8, activities_followed_up=6).followed_up.percent
            75.0
        """
        return Ratio(numerator=self.activities_followed_up, denominator=self.activities_planned)

    @classmethod
    def of(cls, inventories: Iterable[HealthFactorInventory]) -> HealthFactorSummary:
        """Summarise the inventories of a group of units of one year, each unit given once.

        Raises:
            InvalidValueError: ``inventories`` is not an iterable of
                :class:`HealthFactorInventory`, mixes years or gives a unit twice.

        Examples:
            >>> s = HealthFactorSummary.of([
            ...     HealthFactorInventory(unit_id="a", year=2026, ratings={HealthFactor.LEADERSHIP: 2},
            ...                           focus=[HealthFactor.LEADERSHIP]),
            ...     HealthFactorInventory(unit_id="b", year=2026, ratings={HealthFactor.LEADERSHIP: 5}),
            ... ])
            >>> s.units, dict(s.focus), s.ratings[HealthFactor.LEADERSHIP]
            (2, {<HealthFactor.LEADERSHIP: 'leadership'>: 1}, (0, 1, 0, 0, 1))
        """
        given = records("inventories", inventories, HealthFactorInventory, cls._subject)
        if not given:
            return _NO_INVENTORY
        years = sorted({i.year for i in given})
        if len(years) > 1:
            fail("inventories", "be of one year", years, cls._subject)
        twice = sorted(u for u, n in Counter(i.unit_id for i in given).items() if n > 1)
        if twice:
            fail("inventories", "give each unit once", twice, cls._subject)
        ratings: dict[HealthFactor, list[int]] = {}
        for inventory in given:
            for factor, rating in inventory.ratings.items():
                ratings.setdefault(factor, [0] * _STEPS)[rating - _LOWEST] += 1
        return trusted(  # each unit once, each factor once per unit: counts within units
            cls,
            units=len(given),
            focus=_focus_counts(Counter(f for i in given for f in i.focus)),
            ratings=_distributions({factor: tuple(counts) for factor, counts in ratings.items()}),
            activities_planned=sum(i.activities_planned for i in given),
            activities_followed_up=sum(i.activities_followed_up for i in given),
        )


_NO_INVENTORY: Final = HealthFactorSummary()
