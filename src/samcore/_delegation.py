"""Delegation of work-environment tasks and the certification it requires (AFS 2023:1 9 §)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import Final, TypeAlias

import attrs
from dateutil.relativedelta import relativedelta

from samcore._check import (
    describe,
    fail,
    instance_of,
    non_blank,
    optional,
    plain_date,
    require_count,
    to_tuple,
    tuple_of,
)
from samcore._monoid import IN_MEMORY, People, Summable, add_people
from samcore._ratio import Ratio
from samcore.errors import InvalidValueError

__all__ = [
    "CERTIFICATION_VALIDITY",
    "Certification",
    "Delegation",
    "Finding",
    "FindingKind",
    "Managers",
    "certified_share",
    "check_delegations",
    "expiring_certifications",
    "in_force",
    "latest_certifications",
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
            InvalidValueError: ``validity`` does not reach past ``certified_on``.

        Examples:
            >>> c = Certification(person_id="m", certified_on=date(2020, 6, 1))
            >>> c.expires(), c.expires(validity=relativedelta(years=3))
            (datetime.date(2024, 6, 1), datetime.date(2023, 6, 1))
        """
        expiry: date = self.certified_on + validity
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
        return self.certified_on <= on < self.expires(validity=validity)


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

    count: int = 0
    certified: int = 0
    people: People = attrs.field(default=None, eq=False, repr=False, metadata={IN_MEMORY: True})
    certified_people: People = attrs.field(
        default=None, eq=False, repr=False, metadata={IN_MEMORY: True}
    )

    def __attrs_post_init__(self) -> None:
        require_count("count", self.count, "managers")
        require_count("certified", self.certified, "managers")
        if self.certified > self.count:
            fail("certified", f"not exceed count {self.count}", self.certified, "managers")

    def __add__(self, other: Managers) -> Managers:
        if not isinstance(other, Managers):
            return NotImplemented
        count, people = add_people(self.count, self.people, other.count, other.people, "managers")
        certified, certified_people = add_people(
            self.certified,
            self.certified_people,
            other.certified,
            other.certified_people,
            "certified managers",
        )
        return Managers(
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
        people = frozenset(person_ids)
        latest = latest_certifications(certifications, on)
        valid = frozenset(
            p for p in people if p in latest and latest[p].is_valid(on, validity=validity)
        )
        return cls(count=len(people), certified=len(valid), people=people, certified_people=valid)


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
    horizon = on + within
    due = [
        cert
        for cert in latest_certifications(certifications, on).values()
        if cert.is_valid(on, validity=validity) and cert.expires(validity=validity) <= horizon
    ]
    return tuple(sorted(due, key=lambda c: (c.expires(validity=validity), c.person_id)))


@attrs.frozen(kw_only=True)
class Delegation:
    """A written hand-over (vidarefördelning) of work-environment tasks to a manager below.

    Examples:
        >>> d = Delegation(id="d1", unit_id="u1", delegator_id="m0", delegate_id="m1",
        ...                signed_on=date(2024, 1, 10), tasks=["rehabilitering"])
        >>> d.tasks, d.is_signed(date(2024, 1, 9)), d.is_signed(date(2024, 1, 10))
        (('rehabilitering',), False, True)
    """

    id: str = attrs.field(validator=non_blank())
    unit_id: str = attrs.field(validator=non_blank())
    delegator_id: str = attrs.field(validator=non_blank())
    delegate_id: str = attrs.field(validator=non_blank())
    signed_on: date | None = attrs.field(default=None, validator=optional(plain_date()))
    returned_on: date | None = attrs.field(default=None, validator=optional(plain_date()))
    authority: bool = attrs.field(default=True, validator=instance_of(bool))
    resources: bool = attrs.field(default=True, validator=instance_of(bool))
    knowledge: bool = attrs.field(default=True, validator=instance_of(bool))
    tasks: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=tuple_of(str))

    def __attrs_post_init__(self) -> None:
        if self.delegate_id == self.delegator_id:
            fail("delegate_id", "differ from delegator_id", self.delegate_id, self._subject)
        if (
            self.signed_on is not None
            and self.returned_on is not None
            and self.returned_on < self.signed_on
        ):
            fail(
                "returned_on",
                f"not precede signed_on {self.signed_on.isoformat()}",
                self.returned_on,
                self._subject,
            )

    @property
    def _subject(self) -> str:
        return describe("a delegation", "delegation", ("", self.id))

    def is_signed(self, on: date) -> bool:
        """Whether the delegation was in writing (signed) on a day.

        Examples:
            >>> Delegation(id="d", unit_id="u", delegator_id="a", delegate_id="b").is_signed(date(2024, 1, 1))
            False
        """
        return self.signed_on is not None and self.signed_on <= on

    def is_returned(self, on: date) -> bool:
        """Whether the delegate had handed the tasks back by a day.

        Examples:
            >>> Delegation(id="d", unit_id="u", delegator_id="a", delegate_id="b",
            ...            signed_on=date(2023, 1, 1), returned_on=date(2024, 1, 1)).is_returned(date(2024, 1, 1))
            True
        """
        return self.returned_on is not None and self.returned_on <= on


class FindingKind(StrEnum):
    """What is wrong with a delegation, in the order findings are listed.

    Examples:
        >>> FindingKind.BROKEN_CHAIN.value
        'broken_chain'
    """

    NOT_IN_WRITING = "not_in_writing"
    NOT_CERTIFIED = "not_certified"
    CERTIFICATION_EXPIRED = "certification_expired"
    LACKS_AUTHORITY = "lacks_authority"
    LACKS_RESOURCES = "lacks_resources"
    LACKS_KNOWLEDGE = "lacks_knowledge"
    RETURNED = "returned"
    BROKEN_CHAIN = "broken_chain"


_KIND_ORDER: Final = {kind: index for index, kind in enumerate(FindingKind)}


@attrs.frozen(kw_only=True)
class Finding:
    """One problem with one delegation.

    Examples:
        >>> Finding(kind=FindingKind.RETURNED, delegation_id="d1", message="returned").kind.value
        'returned'
    """

    kind: FindingKind = attrs.field(validator=instance_of(FindingKind))
    delegation_id: str = attrs.field(validator=non_blank())
    message: str = attrs.field(validator=non_blank())

    @property
    def _subject(self) -> str:
        return describe("a finding", "finding", ("on delegation", self.delegation_id))


def _own_findings(
    delegation: Delegation, latest: Mapping[str, Certification], on: date, validity: Validity
) -> list[Finding]:
    """The problems of one delegation by itself, whatever lies above it."""
    d = delegation
    found: list[tuple[FindingKind, str]] = []
    if not d.is_signed(on):
        found.append((FindingKind.NOT_IN_WRITING, f"not signed by {on.isoformat()}"))
    cert = latest.get(d.delegate_id)
    if cert is None:
        found.append((FindingKind.NOT_CERTIFIED, f"delegate {d.delegate_id!r} is not certified"))
    elif not cert.is_valid(on, validity=validity):
        found.append(
            (
                FindingKind.CERTIFICATION_EXPIRED,
                f"certification of delegate {d.delegate_id!r} expired on "
                + cert.expires(validity=validity).isoformat(),
            )
        )
    for flag, kind, what in (
        (d.authority, FindingKind.LACKS_AUTHORITY, "authority"),
        (d.resources, FindingKind.LACKS_RESOURCES, "resources"),
        (d.knowledge, FindingKind.LACKS_KNOWLEDGE, "knowledge"),
    ):
        if not flag:
            found.append((kind, f"delegate {d.delegate_id!r} lacks enough {what}"))
    if d.is_returned(on):
        assert d.returned_on is not None
        found.append((FindingKind.RETURNED, f"returned on {d.returned_on.isoformat()}"))
    return [
        Finding(kind=kind, delegation_id=d.id, message=f"delegation {d.id!r}: {text}")
        for kind, text in found
    ]


def check_delegations(
    delegations: Iterable[Delegation],
    certifications: Iterable[Certification],
    on: date,
    *,
    top_ids: Collection[str],
    validity: Validity = CERTIFICATION_VALIDITY,
) -> tuple[Finding, ...]:
    """Every problem with the delegations on a day, one finding per problem.

    A delegation is sound on ``on`` when it is signed, not returned, its
    delegate holds a valid certification and it gives enough authority,
    resources and knowledge. A chain starts at ``top_ids`` (the people who
    hold the tasks without a delegation); a delegation whose delegator is not
    a top and holds no sound, unbroken delegation gets ``BROKEN_CHAIN``.
    Findings are sorted by delegation id, then kind, whatever the input order.
    ``validity`` is how long a certification holds (four years by default).

    Raises:
        InvalidValueError: two delegations share an id.

    Examples:
        >>> certs = [Certification(person_id=p, certified_on=date(2023, 1, 1)) for p in ("b", "c")]
        >>> ds = [Delegation(id="d1", unit_id="u", delegator_id="a", delegate_id="b"),
        ...       Delegation(id="d2", unit_id="u", delegator_id="b", delegate_id="c", signed_on=date(2023, 2, 1))]
        >>> [(f.delegation_id, f.kind.value) for f in check_delegations(ds, certs, date(2024, 1, 1), top_ids={"a"})]
        [('d1', 'not_in_writing'), ('d2', 'broken_chain')]
    """
    delegations = tuple(delegations)
    counts = Counter(d.id for d in delegations)
    twice = sorted(did for did, n in counts.items() if n > 1)
    if twice:
        raise InvalidValueError(
            f"'id' must be unique among delegations (got {', '.join(map(repr, twice))} twice)"
        )
    latest = latest_certifications(certifications, on)
    own = {d.id: _own_findings(d, latest, on, validity) for d in delegations}
    # Walk down from the tops along sound delegations only.
    sound_from: dict[str, list[str]] = {}
    for d in delegations:
        if not own[d.id]:
            sound_from.setdefault(d.delegator_id, []).append(d.delegate_id)
    holders = set(top_ids)
    stack = list(holders)
    while stack:
        for delegate in sound_from.get(stack.pop(), ()):
            if delegate not in holders:
                holders.add(delegate)
                stack.append(delegate)

    findings = [f for d in delegations for f in own[d.id]]
    findings.extend(
        Finding(
            kind=FindingKind.BROKEN_CHAIN,
            delegation_id=d.id,
            message=f"delegation {d.id!r}: delegator {d.delegator_id!r} holds no sound "
            f"delegation from the top on {on.isoformat()}",
        )
        for d in delegations
        if d.delegator_id not in holders
    )
    return tuple(sorted(findings, key=lambda f: (f.delegation_id, _KIND_ORDER[f.kind], f.message)))


def in_force(d: Delegation, year: int) -> bool:
    """A delegation that matters for the year: not signed after it, not returned before it."""
    return (d.signed_on is None or d.signed_on.year <= year) and (
        d.returned_on is None or d.returned_on.year >= year
    )
