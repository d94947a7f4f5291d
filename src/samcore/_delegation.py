"""Delegation of work-environment tasks, and the findings about it (AFS 2023:1 9 §)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

import attrs
from dateutil.relativedelta import relativedelta

from samcore._certification import (
    CERTIFICATION_VALIDITY,
    Certification,
    Validity,
    first_certified,
    latest_certifications,
)
from samcore._check import (
    describe,
    fail,
    instance_of,
    items,
    non_blank,
    optional,
    plain_date,
    require,
    some,
)
from samcore._frozen import ids, records, to_tuple
from samcore.errors import InvalidValueError

__all__ = ["Delegation", "Finding", "FindingKind", "check_delegations", "in_force"]


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
    tasks: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=items(non_blank(), "be a tuple of task names")
    )

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
    SIGNED_BEFORE_CERTIFIED = "signed_before_certified"
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
    delegation: Delegation,
    latest: Mapping[str, Certification],
    first: Mapping[str, date],
    on: date,
    validity: Validity,
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
    passed = first.get(d.delegate_id)
    if passed is not None and d.signed_on is not None and d.signed_on < passed:
        found.append(
            (
                FindingKind.SIGNED_BEFORE_CERTIFIED,
                f"signed on {d.signed_on.isoformat()}, before delegate {d.delegate_id!r} "
                f"was first certified on {passed.isoformat()}",
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
    delegate holds a valid certification and had passed the test by the
    day of signing, and it gives enough authority, resources and knowledge.
    A chain starts at ``top_ids`` (the people who hold the tasks without a
    delegation); a delegation whose delegator is not a top and holds no
    sound, unbroken delegation gets ``BROKEN_CHAIN``.

    ``SIGNED_BEFORE_CERTIFIED`` is a delegation signed before its delegate
    first passed the certification test (the earliest certification taken
    by ``on``): in the source municipality a manager may receive tasks only
    after passing it. Such a delegation is unsound and breaks the chain
    below it, like every other finding of its own, even once the delegate
    is certified: the tasks were never received as the rule requires, and
    a delegation signed anew after the test mends the chain. It is not
    raised for an unsigned delegation (``NOT_IN_WRITING``) or a delegate
    never certified by ``on`` (``NOT_CERTIFIED``); a later renewal does not
    hide it.

    Findings are sorted by delegation id, then kind, whatever the input order.
    ``validity`` is how long a certification holds (four years by default).

    Raises:
        InvalidValueError: two delegations share an id, or an argument is of
            the wrong type (``top_ids`` is a collection of ids, not one id).

    Examples:
        >>> certs = [Certification(person_id=p, certified_on=date(2023, 1, 1)) for p in ("b", "c")]
        >>> ds = [Delegation(id="d1", unit_id="u", delegator_id="a", delegate_id="b"),
        ...       Delegation(id="d2", unit_id="u", delegator_id="b", delegate_id="c", signed_on=date(2023, 2, 1))]
        >>> [(f.delegation_id, f.kind.value) for f in check_delegations(ds, certs, date(2024, 1, 1), top_ids={"a"})]
        [('d1', 'not_in_writing'), ('d2', 'broken_chain')]
    """
    subject = "check_delegations"
    delegations = records("delegations", delegations, Delegation, subject)
    certifications = records("certifications", certifications, Certification, subject)
    require("on", on, plain_date(), subject)
    top_ids = ids("top_ids", top_ids, subject)
    require("validity", validity, instance_of(relativedelta, timedelta), subject)
    counts = Counter(d.id for d in delegations)
    twice = sorted(did for did, n in counts.items() if n > 1)
    if twice:
        raise InvalidValueError(
            f"'id' must be unique among delegations (got {some(map(repr, twice))} twice)"
        )
    latest = latest_certifications(certifications, on)
    first = first_certified(certifications, on)
    own = {d.id: _own_findings(d, latest, first, on, validity) for d in delegations}
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
