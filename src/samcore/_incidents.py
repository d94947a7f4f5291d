"""Incidents: occupational injuries and near misses as reported in KIA."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from samcore._check import (
    fail,
    require_day,
    require_instance,
    require_optional_day,
    require_optional_text,
    require_text,
)

__all__ = ["Incident", "IncidentKind"]


class IncidentKind(StrEnum):
    """What happened: an injury of one of three kinds, or a near miss (tillbud).

    Example:
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

    Example:
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

        Example:
            >>> Incident(id="i", unit_id="u", occurred_on=date(2024, 1, 2), kind=IncidentKind.COMMUTING_ACCIDENT).is_injury
            True
        """
        return self.kind is not IncidentKind.NEAR_MISS

    @property
    def is_reportable(self) -> bool:
        """Whether the employer must report it to Arbetsmiljöverket (a serious event).

        Example:
            >>> Incident(id="i", unit_id="u", occurred_on=date(2024, 1, 2), kind=IncidentKind.ACCIDENT).is_reportable
            False
        """
        return self.serious
