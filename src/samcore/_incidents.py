"""Incidents: occupational injuries and near misses as reported in KIA."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, TypeVar

import attrs

from samcore._check import (
    describe,
    fail,
    instance_of,
    int_in,
    is_int,
    is_text,
    mapping_of,
    non_blank,
    non_negative,
    optional,
    plain_date,
    require,
)
from samcore._frozen import EMPTY, FrozenMap, frozen_map, records
from samcore._monoid import Summable, sums, trusted
from samcore._ratio import Ratio
from samcore._time import Window

__all__ = ["Incident", "IncidentKind", "IncidentSummary", "incident_summary", "injury_rate"]

K = TypeVar("K")


class IncidentKind(StrEnum):
    """What happened: an injury of one of three kinds, or a near miss (tillbud).

    Examples:
        >>> [k.value for k in IncidentKind]
        ['accident', 'commuting_accident', 'occupational_disease', 'near_miss']
    """

    ACCIDENT = "accident"
    COMMUTING_ACCIDENT = "commuting_accident"
    OCCUPATIONAL_DISEASE = "occupational_disease"
    NEAR_MISS = "near_miss"


def _reported_on(value: date | None, incident: Incident) -> date:
    """``reported_on`` as given, or the day the incident occurred when it is ``None``."""
    return incident.occurred_on if value is None else value


# mypy's attrs plugin cannot read an attrs.Converter; it sees a plain function of the value.
if TYPE_CHECKING:

    def _or_occurred_on(value: date | None) -> date: ...

else:
    _or_occurred_on = attrs.Converter(_reported_on, takes_self=True)


@attrs.frozen(kw_only=True)
class Incident:
    """A reported injury or near miss in a unit.

    ``reported_on`` defaults to ``occurred_on``; ``closed_on`` is the day the
    event was closed (klarmarkerad). ``serious`` marks what Arbetsmiljölagen
    3 kap. 3 a § says must be reported to Arbetsmiljöverket without delay.

    Examples:
        >>> i = Incident(id="i1", unit_id="u1", occurred_on=date(2024, 3, 5), kind=IncidentKind.NEAR_MISS, serious=True)
        >>> i.reported_on, i.is_injury, i.is_reportable
        (datetime.date(2024, 3, 5), False, True)
    """

    id: str = attrs.field(validator=non_blank())
    unit_id: str = attrs.field(validator=non_blank())
    occurred_on: date = attrs.field(validator=plain_date())
    kind: IncidentKind = attrs.field(validator=instance_of(IncidentKind))
    reported_on: date = attrs.field(default=None, converter=_or_occurred_on, validator=plain_date())
    serious: bool = attrs.field(default=False, validator=instance_of(bool))
    category: str | None = attrs.field(default=None, validator=optional(non_blank()))
    closed_on: date | None = attrs.field(default=None, validator=optional(plain_date()))

    def __attrs_post_init__(self) -> None:
        if self.reported_on < self.occurred_on:
            fail(
                "reported_on",
                "not precede occurred_on " + self.occurred_on.isoformat(),
                self.reported_on,
                self._subject,
            )
        if self.closed_on is not None and self.closed_on < self.reported_on:
            fail(
                "closed_on",
                "not precede reported_on " + self.reported_on.isoformat(),
                self.closed_on,
                self._subject,
            )

    @property
    def _subject(self) -> str:
        return describe("an incident", "incident", ("", self.id))

    @property
    def is_injury(self) -> bool:
        """Whether this is an injury (arbetsskada): every kind but a near miss.

        Examples:
            >>> Incident(id="i", unit_id="u", occurred_on=date(2024, 1, 2), kind=IncidentKind.COMMUTING_ACCIDENT).is_injury
            True
        """
        return self.kind is not IncidentKind.NEAR_MISS

    @property
    def is_reportable(self) -> bool:
        """Whether the employer must report it to Arbetsmiljöverket (a serious event).

        Examples:
            >>> Incident(id="i", unit_id="u", occurred_on=date(2024, 1, 2), kind=IncidentKind.ACCIDENT).is_reportable
            False
        """
        return self.serious


def _kind_counts(value: Mapping[IncidentKind, int]) -> Mapping[IncidentKind, int]:
    """Store counts by kind read-only, in enum order, without zeros; anything else for the validator."""
    if not isinstance(value, Mapping) or not all(isinstance(k, IncidentKind) for k in value):
        return frozen_map(value)  # type: ignore[no-any-return]
    return FrozenMap((k, value[k]) for k in IncidentKind if k in value and not _zero(value[k]))


def _category_counts(value: Mapping[str, int]) -> Mapping[str, int]:
    """Store counts by category read-only, sorted, without zeros; anything else for the validator."""
    if not isinstance(value, Mapping) or not all(is_text(k) for k in value):
        return frozen_map(value)  # type: ignore[no-any-return]
    return FrozenMap((k, value[k]) for k in sorted(value) if not _zero(value[k]))


def _zero(count: object) -> bool:
    return is_int(count) and count == 0


def _add_counts(counts: Iterable[Mapping[K, int]]) -> dict[K, int]:
    total: dict[K, int] = {}
    for each in counts:
        for k, n in each.items():
            total[k] = total.get(k, 0) + n
    return total


@attrs.frozen(kw_only=True)
class IncidentSummary(Summable):
    """Counts of the incidents reported in a window: a monoid.

    ``by_category`` counts the incidents that have a category;
    ``uncategorised`` the rest, so that nothing goes missing.

    Examples:
        >>> s = IncidentSummary(injuries=9, near_misses=9, closed=2, serious=0,
        ...                     by_kind={IncidentKind.COMMUTING_ACCIDENT: 7, IncidentKind.ACCIDENT: 2,
        ...                              IncidentKind.NEAR_MISS: 9})
        >>> s.total, (s + s).closed, s.uncategorised
        (18, 4, 18)
    """

    injuries: int = attrs.field(default=0, validator=int_in(0))
    near_misses: int = attrs.field(default=0, validator=int_in(0))
    closed: int = attrs.field(default=0, validator=int_in(0))
    serious: int = attrs.field(default=0, validator=int_in(0))
    by_kind: Mapping[IncidentKind, int] = attrs.field(
        default=EMPTY,
        converter=_kind_counts,
        validator=mapping_of(instance_of(IncidentKind), int_in(0)),
    )
    by_category: Mapping[str, int] = attrs.field(
        default=EMPTY, converter=_category_counts, validator=mapping_of(non_blank(), int_in(0))
    )

    _subject: ClassVar[str] = "an incident summary"

    def __attrs_post_init__(self) -> None:
        if self.closed > self.total:
            fail(
                "closed",
                f"not exceed injuries + near_misses = {self.total}",
                self.closed,
                self._subject,
            )
        if self.serious > self.total:
            fail(
                "serious",
                f"not exceed injuries + near_misses = {self.total}",
                self.serious,
                self._subject,
            )
        if self.by_kind:
            near = self.by_kind.get(IncidentKind.NEAR_MISS, 0)
            injuries = sum(self.by_kind.values()) - near
            if (injuries, near) != (self.injuries, self.near_misses):
                fail(
                    "by_kind",
                    f"count injuries = {self.injuries} and near_misses = {self.near_misses}",
                    dict(self.by_kind),
                    self._subject,
                )
        if sum(self.by_category.values()) > self.total:
            fail(
                "by_category",
                f"not count more than injuries + near_misses = {self.total}",
                dict(self.by_category),
                self._subject,
            )

    @property
    def total(self) -> int:
        """Injuries plus near misses.

        Examples:
            >>> IncidentSummary(injuries=1262, near_misses=960).total
            2222
        """
        return self.injuries + self.near_misses

    def rows(self) -> list[dict[str, object]]:
        """One plain row of counts, with a column per incident kind.

        Examples:
            >>> IncidentSummary(near_misses=2, by_kind={IncidentKind.NEAR_MISS: 2}).rows()[0]["near_miss"]
            2
        """
        row: dict[str, object] = {
            "injuries": self.injuries,
            "near_misses": self.near_misses,
            "closed": self.closed,
            "serious": self.serious,
        }
        row.update({kind.value: self.by_kind.get(kind, 0) for kind in IncidentKind})
        return [row]

    @property
    def uncategorised(self) -> int:
        """Incidents without a category.

        Examples:
            >>> IncidentSummary(injuries=3, by_category={"fall": 2}).uncategorised
            1
        """
        return self.total - sum(self.by_category.values())

    @classmethod
    def _sum(cls, values: Sequence[IncidentSummary]) -> IncidentSummary:
        return trusted(
            cls,
            **sums(values, "injuries", "near_misses", "closed", "serious"),
            by_kind=_kind_counts(_add_counts(v.by_kind for v in values)),
            by_category=_category_counts(_add_counts(v.by_category for v in values)),
        )


def incident_summary(incidents: Iterable[Incident], window: Window) -> dict[str, IncidentSummary]:
    """Count the incidents reported inside a window, per unit.

    ``closed`` counts those closed (klarmarkerade) on or before the window's
    last day.

    Examples:
        >>> rows = [Incident(id="a", unit_id="u", occurred_on=date(2024, 2, 1), kind=IncidentKind.ACCIDENT,
        ...                  closed_on=date(2024, 3, 1), category="fall"),
        ...         Incident(id="b", unit_id="u", occurred_on=date(2024, 12, 30), kind=IncidentKind.NEAR_MISS,
        ...                  closed_on=date(2025, 1, 10))]
        >>> s = incident_summary(rows, Window.calendar_year(2024))["u"]
        >>> s.injuries, s.near_misses, s.closed, dict(s.by_category)
        (1, 1, 1, {'fall': 1})
    """
    incidents = records("incidents", incidents, Incident, "incident_summary")
    require("window", window, instance_of(Window), "incident_summary")
    counts: dict[str, list[int]] = {}
    kinds: dict[str, dict[IncidentKind, int]] = {}
    categories: dict[str, dict[str, int]] = {}
    last = window.end
    for incident in incidents:
        if incident.reported_on not in window:
            continue
        unit = incident.unit_id
        acc = counts.setdefault(unit, [0, 0, 0, 0])
        acc[0 if incident.is_injury else 1] += 1
        if incident.closed_on is not None and incident.closed_on <= last:
            acc[2] += 1
        if incident.serious:
            acc[3] += 1
        by_kind = kinds.setdefault(unit, {})
        by_kind[incident.kind] = by_kind.get(incident.kind, 0) + 1
        if incident.category is not None:
            by_category = categories.setdefault(unit, {})
            by_category[incident.category] = by_category.get(incident.category, 0) + 1
    return {
        unit: IncidentSummary(
            injuries=injuries,
            near_misses=near_misses,
            closed=closed,
            serious=serious,
            by_kind=kinds[unit],
            by_category=categories.get(unit, {}),
        )
        for unit, (injuries, near_misses, closed, serious) in sorted(counts.items())
    }


def injury_rate(injuries: int, hours_worked: float, *, per: int = 1_000_000) -> Ratio:
    """Injuries per ``per`` hours worked: 1,000,000 (ILO, LTIFR-style) or 200,000 (OSHA).

    GRI 403-9 lets the reporter choose the base; state it with the figure.

    Examples:
        >>> injury_rate(12, 8_000_000).value
        1.5
        >>> injury_rate(12, 8_000_000, per=200_000).value
        0.3
    """
    require("injuries", injuries, int_in(0), "an injury rate")
    require("hours_worked", hours_worked, non_negative(), "an injury rate")
    require("per", per, int_in(1), "an injury rate")
    return Ratio(numerator=injuries, denominator=hours_worked / per)
