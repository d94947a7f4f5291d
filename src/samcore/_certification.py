"""Certification in work-environment management and the managers who need it (local rule).

In the source municipality a manager receives delegated tasks only after
passing the certification test, renewed after four years.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import ClassVar, Final, TypeAlias

import attrs
from dateutil.relativedelta import relativedelta

from samcore._check import (
    describe,
    fail,
    instance_of,
    int_in,
    non_blank,
    plain_date,
    require,
)
from samcore._frozen import ids, records
from samcore._monoid import People, Summable, add_people, check_people, people_field, trusted
from samcore._ratio import Ratio

__all__ = [
    "CERTIFICATION_VALIDITY",
    "Certification",
    "Managers",
    "Validity",
    "certified_share",
    "expiring_certifications",
    "first_certified",
    "latest_certifications",
    "managers_among",
]

Validity: TypeAlias = relativedelta | timedelta
"""How long a certification holds, added to the day it was taken."""

CERTIFICATION_VALIDITY: Final = relativedelta(years=4)
"""How long a certification holds: four years, a local rule of the source municipality.

It is the default of every ``validity=`` parameter (:meth:`Certification.expires`,
:meth:`Certification.is_valid`, :func:`certified_share`,
:func:`expiring_certifications`, :func:`check_delegations`); pass another
``relativedelta`` (or ``timedelta``) there for another local rule.
"""


@attrs.frozen(kw_only=True)
class Certification:
    """A manager's passed certification test in the municipality's work-environment training.

    It is valid from ``certified_on`` up to, not including, ``expires_on``.

    Examples:
        >>> c = Certification(person_id="m1", certified_on=date(2096, 2, 29))
        >>> c.expires_on
        datetime.date(2100, 2, 28)
        >>> c.is_valid(date(2100, 2, 27)), c.is_valid(date(2100, 2, 28))
        (True, False)
    """

    person_id: str = attrs.field(validator=non_blank())
    certified_on: date = attrs.field(validator=plain_date())

    @property
    def _subject(self) -> str:
        return describe("a certification", "certification", ("of", self.person_id))

    @property
    def expires_on(self) -> date:
        """The first day the certification no longer holds under :data:`CERTIFICATION_VALIDITY`.

        Examples:
            >>> Certification(person_id="m", certified_on=date(2020, 6, 1)).expires_on
            datetime.date(2024, 6, 1)
        """
        return self.expires()

    def expires(self, *, validity: Validity = CERTIFICATION_VALIDITY) -> date:
        """The first day the certification no longer holds (29 February falls back to 28 February).

        Raises:
            InvalidValueError: ``validity`` is not a ``relativedelta`` or
                ``timedelta``, does not reach past ``certified_on``, or reaches
                past the last representable day (9999-12-31).

        Examples:
            >>> c = Certification(person_id="m", certified_on=date(2020, 6, 1))
            >>> c.expires(), c.expires(validity=relativedelta(years=3))
            (datetime.date(2024, 6, 1), datetime.date(2023, 6, 1))
        """
        if validity is not CERTIFICATION_VALIDITY:
            require("validity", validity, _VALIDITY, self._subject)
        expiry = shifted(self.certified_on, validity)
        if expiry is None:
            fail("validity", "end by 9999-12-31", validity, self._subject)
        if expiry <= self.certified_on:
            fail("validity", "reach past the certification day", validity, self._subject)
        return expiry

    def is_valid(self, on: date, *, validity: Validity = CERTIFICATION_VALIDITY) -> bool:
        """Whether the certification holds on a day: ``certified_on <= on < expires(validity)``.

        Examples:
            >>> c = Certification(person_id="m", certified_on=date(2020, 6, 1))
            >>> c.is_valid(date(2020, 5, 31)), c.is_valid(date(2023, 6, 1), validity=relativedelta(years=3))
            (False, False)
        """
        if on.__class__ is not date:
            require("on", on, _DAY, self._subject)
        return self.certified_on <= on < self.expires(validity=validity)


_DAY = plain_date()
_VALIDITY = instance_of(relativedelta, timedelta)


def shifted(day: date, delta: relativedelta | timedelta) -> date | None:
    """``day + delta``, or ``None`` when the sum falls outside the calendar (years 1..9999)."""
    try:
        result: date = day + delta
    except (OverflowError, ValueError):
        return None
    return result


def latest_certifications(
    certifications: Iterable[Certification], on: date
) -> dict[str, Certification]:
    """Each person's latest certification taken on or before ``on``."""
    latest: dict[str, Certification] = {}
    for cert in certifications:
        if cert.certified_on > on:
            continue
        held = latest.get(cert.person_id)
        if held is None or held.certified_on < cert.certified_on:
            latest[cert.person_id] = cert
    return latest


def first_certified(certifications: Iterable[Certification], on: date) -> dict[str, date]:
    """The day each person first passed the test, among the certifications taken on or before ``on``."""
    first: dict[str, date] = {}
    for cert in certifications:
        day = cert.certified_on
        if day <= on and (cert.person_id not in first or day < first[cert.person_id]):
            first[cert.person_id] = day
    return first


def certified_share(
    person_ids: Iterable[str],
    certifications: Iterable[Certification],
    on: date,
    *,
    validity: Validity = CERTIFICATION_VALIDITY,
) -> Ratio:
    """The share of the people (managers, say) whose latest certification holds on a day.

    ``validity`` is how long a certification holds (four years by default).

    Examples:
        >>> certs = [Certification(person_id="a", certified_on=date(2019, 1, 1)),
        ...          Certification(person_id="a", certified_on=date(2023, 1, 1)),
        ...          Certification(person_id="b", certified_on=date(2019, 1, 1))]
        >>> certified_share(["a", "b", "c"], certs, date(2024, 1, 1))
        Ratio(numerator=1, denominator=3)
    """
    return Managers.of(person_ids, certifications, on, validity=validity).share


@attrs.frozen(kw_only=True)
class Managers(Summable):
    """The managers who hold delegated tasks and how many are certified: a monoid of distinct people.

    A manager with delegations in three units counts once when the units are
    added: the ids behind the counts stay in memory (never on the wire).

    Examples:
        >>> certs = [Certification(person_id="a", certified_on=date(2023, 1, 1))]
        >>> one = Managers.of(["a"], certs, date(2024, 12, 31))
        >>> two = Managers.of(["a", "b"], certs, date(2024, 12, 31))
        >>> total = one + two
        >>> total.count, total.certified, total.share.percent
        (2, 1, 50.0)
    """

    count: int = attrs.field(default=0, validator=int_in(0))
    certified: int = attrs.field(default=0, validator=int_in(0))
    people: People = people_field()
    certified_people: People = people_field()

    _subject: ClassVar[str] = "managers"

    def __attrs_post_init__(self) -> None:
        if self.certified > self.count:
            fail("certified", f"not exceed count {self.count}", self.certified, self._subject)
        check_people(self, "count", "people")
        if self.certified_people is not None and (
            len(self.certified_people) != self.certified
            or (self.people is not None and not self.certified_people <= self.people)
        ):
            fail(
                "certified_people",
                f"hold certified = {self.certified} ids, all among people",
                self.certified_people,
                self._subject,
            )

    @classmethod
    def _sum(cls, values: Sequence[Managers]) -> Managers:
        count, people = add_people([(v.count, v.people) for v in values], "managers")
        certified, certified_people = add_people(
            [(v.certified, v.certified_people) for v in values], "certified managers"
        )
        return trusted(
            cls,
            count=count,
            certified=certified,
            people=people,
            certified_people=certified_people,
        )

    @property
    def share(self) -> Ratio:
        """Certified managers over managers.

        Examples:
            >>> Managers(count=4, certified=3).share.percent
            75.0
        """
        return Ratio(numerator=self.certified, denominator=self.count)

    @classmethod
    def of(
        cls,
        person_ids: Iterable[str],
        certifications: Iterable[Certification],
        on: date,
        *,
        validity: relativedelta | timedelta = CERTIFICATION_VALIDITY,
    ) -> Managers:
        """The managers among ``person_ids`` and which of them are certified on a day.

        Examples:
            >>> Managers.of(["a", "a", "b"], [], date(2024, 1, 1)).count
            2
        """
        people = ids("person_ids", person_ids, "managers")
        certifications = records("certifications", certifications, Certification, "managers")
        require("on", on, _DAY, "managers")
        return managers_among(people, latest_certifications(certifications, on), on, validity)


def managers_among(
    person_ids: Iterable[str],
    latest: Mapping[str, Certification],
    on: date,
    validity: Validity = CERTIFICATION_VALIDITY,
) -> Managers:
    """:meth:`Managers.of` from checked arguments and each person's latest certification.

    ``latest`` is :func:`latest_certifications` of the day ``on``, computed
    once for every unit of a report; only the managers given are looked up.

    Examples:
        >>> latest = latest_certifications([Certification(person_id="a", certified_on=date(2023, 1, 1))],
        ...                                date(2024, 12, 31))
        >>> m = managers_among(["a", "b"], latest, date(2024, 12, 31))
        >>> m.count, m.certified
        (2, 1)
    """
    people = frozenset(person_ids)
    valid = frozenset(
        p for p in people if p in latest and latest[p].is_valid(on, validity=validity)
    )
    return trusted(
        Managers, count=len(people), certified=len(valid), people=people, certified_people=valid
    )


def expiring_certifications(
    certifications: Iterable[Certification],
    on: date,
    *,
    within: relativedelta | timedelta,
    validity: Validity = CERTIFICATION_VALIDITY,
) -> tuple[Certification, ...]:
    """The latest certifications valid on ``on`` that expire on or before ``on + within``.

    Sorted by expiry, then person: the list of managers due for renewal.
    ``validity`` is how long a certification holds (four years by default).

    Examples:
        >>> certs = [Certification(person_id="a", certified_on=date(2020, 3, 1)),
        ...          Certification(person_id="b", certified_on=date(2022, 3, 1))]
        >>> [c.person_id for c in expiring_certifications(certs, date(2024, 1, 1), within=relativedelta(months=3))]
        ['a']
    """
    subject = "expiring_certifications"
    certifications = records("certifications", certifications, Certification, subject)
    require("on", on, _DAY, subject)
    require("within", within, _VALIDITY, subject)
    require("validity", validity, _VALIDITY, subject)
    horizon = shifted(on, within)
    if horizon is None:
        fail("within", "end by 9999-12-31", within, subject)
    due = [
        cert
        for cert in latest_certifications(certifications, on).values()
        if cert.is_valid(on, validity=validity) and cert.expires(validity=validity) <= horizon
    ]
    return tuple(sorted(due, key=lambda c: (c.expires(validity=validity), c.person_id)))
