"""Incidents: occupational injuries and near misses as reported in KIA."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType

import attrs

from samcore._check import (
    fail,
    require_count,
    require_day,
    require_instance,
    require_non_negative,
    require_optional_day,
    require_optional_text,
    require_text,
)
from samcore._monoid import Summable
from samcore._ratio import Ratio
from samcore._time import Window

__all__ = ["Incident", "IncidentKind", "IncidentSummary", "incident_summary", "injury_rate"]


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

    id: str
    unit_id: str
    occurred_on: date
    kind: IncidentKind
    reported_on: date = attrs.field(
        default=attrs.Factory(lambda self: self.occurred_on, takes_self=True)
    )
    serious: bool = False
    category: str | None = None
    closed_on: date | None = None

    def __attrs_post_init__(self) -> None:
        require_text("id", self.id, "an incident")
        subject = f"incident {self.id!r}"
        require_text("unit_id", self.unit_id, subject)
        require_day("occurred_on", self.occurred_on, subject)
        require_instance("kind", self.kind, IncidentKind, subject)
        given: object = self.reported_on
        if given is None:  # an explicit None means "the day it occurred"
            object.__setattr__(self, "reported_on", self.occurred_on)
        require_day("reported_on", self.reported_on, subject)
        if self.reported_on < self.occurred_on:
            fail(
                "reported_on",
                "not precede occurred_on " + self.occurred_on.isoformat(),
                self.reported_on,
                subject,
            )
        require_instance("serious", self.serious, bool, subject)
        require_optional_text("category", self.category, subject)
        require_optional_day("closed_on", self.closed_on, subject)
        if self.closed_on is not None and self.closed_on < self.reported_on:
            fail(
                "closed_on",
                "not precede reported_on " + self.reported_on.isoformat(),
                self.closed_on,
                subject,
            )

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
    items = dict(value)
    return MappingProxyType({k: items[k] for k in IncidentKind if items.get(k)})


def _category_counts(value: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType({k: n for k, n in sorted(dict(value).items()) if n})


def _add_counts(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    return {k: a.get(k, 0) + b.get(k, 0) for k in a.keys() | b.keys()}


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

    injuries: int = 0
    near_misses: int = 0
    closed: int = 0
    serious: int = 0
    by_kind: Mapping[IncidentKind, int] = attrs.field(
        default=MappingProxyType({}), converter=_kind_counts
    )
    by_category: Mapping[str, int] = attrs.field(
        default=MappingProxyType({}), converter=_category_counts
    )

    def __attrs_post_init__(self) -> None:
        subject = "an incident summary"
        for field in ("injuries", "near_misses", "closed", "serious"):
            require_count(field, getattr(self, field), subject)
        for kind, count in self.by_kind.items():
            require_count(f"by_kind[{kind.value}]", count, subject)
        for category, count in self.by_category.items():
            require_count(f"by_category[{category!r}]", count, subject)
        if self.closed > self.total:
            fail("closed", f"not exceed the {self.total} incidents", self.closed, subject)
        if sum(self.by_category.values()) > self.total:
            fail(
                "by_category",
                f"not count more than the {self.total} incidents",
                dict(self.by_category),
                subject,
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

    def __add__(self, other: IncidentSummary) -> IncidentSummary:
        if not isinstance(other, IncidentSummary):
            return NotImplemented
        return IncidentSummary(
            injuries=self.injuries + other.injuries,
            near_misses=self.near_misses + other.near_misses,
            closed=self.closed + other.closed,
            serious=self.serious + other.serious,
            by_kind=_add_counts(self.by_kind, other.by_kind),  # type: ignore[arg-type]
            by_category=_add_counts(self.by_category, other.by_category),
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
        for unit, (injuries, near_misses, closed, serious) in counts.items()
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
    require_count("injuries", injuries, "an injury rate")
    require_non_negative("hours_worked", hours_worked, "an injury rate")
    if isinstance(per, bool) or not isinstance(per, int) or per <= 0:
        fail("per", "be an int > 0", per, "an injury rate")
    return Ratio(numerator=injuries, denominator=hours_worked / per)
