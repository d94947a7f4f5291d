from datetime import date, timedelta

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from samcore import (
    CERTIFICATION_VALIDITY,
    Certification,
    Dataset,
    Delegation,
    FindingKind,
    InvalidValueError,
    Managers,
    OrgTree,
    OrgUnit,
    Ratio,
    build_reports,
    certified_share,
    check_delegations,
    expiring_certifications,
    roll_up,
)
from samcore import strategies as sst

ON = date(2024, 12, 31)


def cert(person: str, on: date = date(2023, 1, 1)) -> Certification:
    return Certification(person_id=person, certified_on=on)


def deleg(did: str, frm: str, to: str, **kw: object) -> Delegation:
    fields: dict[str, object] = {"signed_on": date(2023, 6, 1)}
    fields.update(kw)
    return Delegation(id=did, unit_id="u", delegator_id=frm, delegate_id=to, **fields)  # type: ignore[arg-type]


class TestCertification:
    """ "certification is renewed after four years. Four years is a local rule: keep it as a named,
    overridable constant." (DOMAIN.md)
    """

    def test_validity_constant(self) -> None:
        """CERTIFICATION_VALIDITY is four years."""
        assert relativedelta(years=4) == CERTIFICATION_VALIDITY

    def test_leap_day_falls_back(self) -> None:
        """2096-02-29 + 4 years is 2100-02-28 (2100 is no leap year)."""
        assert date(2100, 2, 28) == cert("m", date(2096, 2, 29)).expires_on

    def test_leap_day_to_leap_day(self) -> None:
        """2020-02-29 + 4 years is 2024-02-29."""
        assert date(2024, 2, 29) == cert("m", date(2020, 2, 29)).expires_on

    def test_not_valid_on_expiry_day(self) -> None:
        """Valid for certified_on <= on < expires_on: the expiry day itself is not covered."""
        c = cert("m", date(2020, 6, 1))
        assert c.is_valid(date(2020, 6, 1))
        assert c.is_valid(date(2024, 5, 31))
        assert not c.is_valid(date(2024, 6, 1))
        assert not c.is_valid(date(2020, 5, 31))

    def test_latest_counts_for_share(self) -> None:
        """A person's latest certification counts: renewal restores validity."""
        certs = [
            cert("a", date(2018, 1, 1)),
            cert("a", date(2022, 1, 1)),
            cert("b", date(2018, 1, 1)),
        ]
        assert Ratio(numerator=1, denominator=2) == certified_share(["a", "b"], certs, ON)

    def test_share_ignores_future_certification(self) -> None:
        """A certification taken after the day does not count on it."""
        assert Ratio(numerator=0, denominator=1) == certified_share(
            ["a"], [cert("a", date(2025, 1, 1))], ON
        )

    def test_share_counts_people_once(self) -> None:
        """Duplicate person ids count once."""
        assert Ratio(numerator=1, denominator=1) == certified_share(["a", "a"], [cert("a")], ON)

    def test_expiring(self) -> None:
        """Certifications valid on the day and expiring within the horizon, soonest first."""
        certs = [
            cert("a", date(2021, 3, 1)),
            cert("b", date(2021, 2, 1)),
            cert("c", date(2022, 1, 1)),
            cert("d", date(2020, 1, 1)),
        ]
        found = expiring_certifications(certs, date(2025, 1, 1), within=timedelta(days=60))
        assert ["b", "a"] == [c.person_id for c in found]

    def test_expiring_skips_renewed(self) -> None:
        """A renewed person is not listed for the old certification."""
        certs = [cert("a", date(2021, 3, 1)), cert("a", date(2024, 3, 1))]
        assert () == expiring_certifications(
            certs, date(2025, 1, 1), within=relativedelta(months=3)
        )


class TestValidity:
    """ "Four years is a local rule: keep it as a named, overridable constant." (DOMAIN.md)
    Every function that judges validity takes ``validity=``, defaulting to CERTIFICATION_VALIDITY.
    """

    def test_expires_default_is_expires_on(self) -> None:
        """expires() without a validity is expires_on, four years on."""
        c = cert("m", date(2020, 6, 1))
        assert c.expires_on == c.expires()
        assert date(2024, 6, 1) == c.expires(validity=CERTIFICATION_VALIDITY)

    def test_expires_with_own_validity(self) -> None:
        """A three-year rule ends three years on; a timedelta works as well."""
        c = cert("m", date(2020, 6, 1))
        assert date(2023, 6, 1) == c.expires(validity=relativedelta(years=3))
        assert date(2020, 6, 11) == c.expires(validity=timedelta(days=10))

    def test_is_valid_with_own_validity(self) -> None:
        """Under a three-year rule the certification lapses on the third anniversary."""
        c = cert("m", date(2020, 6, 1))
        three = relativedelta(years=3)
        assert c.is_valid(date(2023, 5, 31), validity=three)
        assert not c.is_valid(date(2023, 6, 1), validity=three)
        assert c.is_valid(date(2023, 6, 1))

    @pytest.mark.parametrize("validity", [relativedelta(), relativedelta(years=-1), timedelta(0)])
    def test_validity_must_reach_forward(self, validity: relativedelta | timedelta) -> None:
        """A validity that does not pass the certification day is an error naming it."""
        with pytest.raises(
            InvalidValueError, match="'validity' must reach past the certification day .* 'm'"
        ):
            cert("m").expires(validity=validity)

    def test_certified_share_with_own_validity(self) -> None:
        """A shorter validity counts fewer people as certified on the day."""
        certs = [cert("a", date(2022, 1, 1)), cert("b", date(2024, 6, 1))]
        assert Ratio(numerator=2, denominator=2) == certified_share(["a", "b"], certs, ON)
        assert Ratio(numerator=1, denominator=2) == certified_share(
            ["a", "b"], certs, ON, validity=relativedelta(years=2)
        )

    def test_expiring_with_own_validity(self) -> None:
        """Expiry within the horizon follows the validity given."""
        certs = [cert("a", date(2023, 2, 1)), cert("b", date(2021, 2, 1))]
        within = relativedelta(months=3)
        assert ["b"] == [c.person_id for c in expiring_certifications(certs, ON, within=within)]
        assert ["a"] == [
            c.person_id
            for c in expiring_certifications(
                certs, ON, within=within, validity=relativedelta(years=2)
            )
        ]

    def test_check_delegations_with_own_validity(self) -> None:
        """A certification sound under four years is expired under one, with that expiry day."""
        ds = [deleg("d1", "top", "a")]
        assert () == check_delegations(ds, [cert("a")], ON, top_ids={"top"})
        found = check_delegations(
            ds, [cert("a")], ON, top_ids={"top"}, validity=relativedelta(years=1)
        )
        assert [FindingKind.CERTIFICATION_EXPIRED] == [f.kind for f in found]
        assert "expired on 2024-01-01" in found[0].message


class TestCheckDelegations:
    """AFS 2023:1 9 §: tasks go to managers with enough authority, resources and knowledge, in
    writing; locally a delegate must be certified; a broken link breaks the chain below it.
    """

    def test_sound_chain_has_no_findings(self) -> None:
        """A signed chain from the top to certified delegates has no findings."""
        ds = [deleg("d1", "top", "a"), deleg("d2", "a", "b")]
        assert () == check_delegations(ds, [cert("a"), cert("b")], ON, top_ids={"top"})

    @pytest.mark.parametrize(
        ("kw", "kind"),
        [
            ({"signed_on": None}, FindingKind.NOT_IN_WRITING),
            ({"signed_on": date(2025, 1, 1)}, FindingKind.NOT_IN_WRITING),
            ({"returned_on": date(2024, 5, 1)}, FindingKind.RETURNED),
            ({"authority": False}, FindingKind.LACKS_AUTHORITY),
            ({"resources": False}, FindingKind.LACKS_RESOURCES),
            ({"knowledge": False}, FindingKind.LACKS_KNOWLEDGE),
        ],
    )
    def test_unsound_link_breaks_chain_below(
        self, kw: dict[str, object], kind: FindingKind
    ) -> None:
        """An unsound delegation gets its finding and every delegation below it BROKEN_CHAIN."""
        ds = [deleg("d1", "top", "a", **kw), deleg("d2", "a", "b"), deleg("d3", "b", "c")]
        found = check_delegations(ds, [cert(p) for p in "abc"], ON, top_ids={"top"})
        assert [
            ("d1", kind),
            ("d2", FindingKind.BROKEN_CHAIN),
            ("d3", FindingKind.BROKEN_CHAIN),
        ] == [(f.delegation_id, f.kind) for f in found]

    def test_uncertified_and_expired(self) -> None:
        """A delegate never certified, or with an expired certification, is found."""
        ds = [deleg("d1", "top", "a"), deleg("d2", "top", "b")]
        found = check_delegations(ds, [cert("b", date(2019, 1, 1))], ON, top_ids={"top"})
        assert [FindingKind.NOT_CERTIFIED, FindingKind.CERTIFICATION_EXPIRED] == [
            f.kind for f in found
        ]
        assert "expired on 2023-01-01" in found[1].message

    def test_returned_on_a_later_day_not_yet_returned(self) -> None:
        """A delegation returned after the day is still sound on it."""
        ds = [deleg("d1", "top", "a", returned_on=date(2025, 2, 1))]
        assert () == check_delegations(ds, [cert("a")], ON, top_ids={"top"})

    def test_second_sound_route_keeps_chain(self) -> None:
        """A delegator holding one sound and one unsound delegation still passes tasks on."""
        ds = [
            deleg("d1", "top", "a", signed_on=None),
            deleg("d2", "top2", "a"),
            deleg("d3", "a", "b"),
        ]
        found = check_delegations(ds, [cert("a"), cert("b")], ON, top_ids={"top", "top2"})
        assert [("d1", FindingKind.NOT_IN_WRITING)] == [(f.delegation_id, f.kind) for f in found]

    def test_cycle_without_top_is_broken(self) -> None:
        """Delegations in a loop that no top reaches are broken chains."""
        ds = [deleg("d1", "a", "b"), deleg("d2", "b", "a")]
        found = check_delegations(ds, [cert("a"), cert("b")], ON, top_ids={"top"})
        assert {FindingKind.BROKEN_CHAIN} == {f.kind for f in found}
        assert 2 == len(found)

    def test_several_findings_one_delegation(self) -> None:
        """Every problem of a delegation is its own finding, in kind order."""
        ds = [deleg("d1", "top", "a", signed_on=None, authority=False, knowledge=False)]
        kinds = [f.kind for f in check_delegations(ds, [], ON, top_ids={"top"})]
        assert [
            FindingKind.NOT_IN_WRITING,
            FindingKind.NOT_CERTIFIED,
            FindingKind.LACKS_AUTHORITY,
            FindingKind.LACKS_KNOWLEDGE,
        ] == kinds

    def test_duplicate_ids_rejected(self) -> None:
        """Two delegations with one id are an error, not a silent overwrite."""
        with pytest.raises(InvalidValueError, match="'id' must be unique among delegations"):
            check_delegations([deleg("d", "a", "b"), deleg("d", "a", "c")], [], ON, top_ids={"a"})

    @given(
        st.lists(
            sst.delegations(person_id=st.sampled_from("abcdef")),
            max_size=8,
            unique_by=lambda d: d.id,
        ),
        st.randoms(),
    )
    def test_order_is_stable(self, ds: list[Delegation], rnd: object) -> None:
        """The findings are the same whatever order the delegations come in."""
        certs = [cert("a"), cert("b", date(2019, 1, 1)), cert("c")]
        shuffled = list(ds)
        rnd.shuffle(shuffled)  # type: ignore[attr-defined]
        assert check_delegations(ds, certs, ON, top_ids={"a"}) == check_delegations(
            shuffled, certs, ON, top_ids={"a"}
        )

    def test_delegate_differs_from_delegator(self) -> None:
        """A manager cannot delegate to themself."""
        with pytest.raises(InvalidValueError, match="'delegate_id' must differ from delegator_id"):
            deleg("d", "a", "a")

    def test_returned_before_signed_rejected(self) -> None:
        """returned_on may not precede signed_on."""
        with pytest.raises(InvalidValueError, match="'returned_on' must not precede signed_on"):
            deleg("d", "a", "b", returned_on=date(2020, 1, 1))


class TestSignedBeforeCertified:
    """ "Efter godkänt certifieringstest, kan chef motta en vidarefördelning av
    arbetsmiljöarbetsuppgifter." (seed 003, section 2.11): a delegation signed before its
    delegate first passed the test is unsound and breaks the chain below it.
    """

    def kinds(self, signed: date | None, *certified: date) -> list[FindingKind]:
        """The kinds found for top -> a signed on ``signed``, a certified on each day given."""
        ds = [deleg("d1", "top", "a", signed_on=signed)]
        return [
            f.kind
            for f in check_delegations(ds, [cert("a", c) for c in certified], ON, top_ids={"top"})
        ]

    def test_signed_before_the_test(self) -> None:
        """Signed 2024-03-01, first certified 2024-05-01: signed before certified, both days named."""
        ds = [deleg("d1", "top", "a", signed_on=date(2024, 3, 1))]
        (found,) = check_delegations(ds, [cert("a", date(2024, 5, 1))], ON, top_ids={"top"})
        assert FindingKind.SIGNED_BEFORE_CERTIFIED == found.kind
        assert (
            "delegation 'd1': signed on 2024-03-01, before delegate 'a' was first certified on "
            "2024-05-01"
        ) == found.message

    def test_signed_on_the_day_of_the_test(self) -> None:
        """Certified 2024-03-01 and signed the same day: no finding."""
        assert [] == self.kinds(date(2024, 3, 1), date(2024, 3, 1))

    def test_renewal_does_not_hide_it(self) -> None:
        """Signed 2020-03-01, first certified 2020-05-01, renewed 2024-04-01: still signed before."""
        assert [FindingKind.SIGNED_BEFORE_CERTIFIED] == self.kinds(
            date(2020, 3, 1), date(2024, 4, 1), date(2020, 5, 1)
        )

    def test_signed_between_test_and_renewal(self) -> None:
        """Signed 2022-01-01, after the first test (2020-05-01), before the renewal: no finding."""
        assert [] == self.kinds(date(2022, 1, 1), date(2020, 5, 1), date(2024, 4, 1))

    def test_never_certified_is_not_certified_only(self) -> None:
        """No certification at all, or one taken after the day: NOT_CERTIFIED, nothing more."""
        assert [FindingKind.NOT_CERTIFIED] == self.kinds(date(2024, 3, 1))
        assert [FindingKind.NOT_CERTIFIED] == self.kinds(date(2024, 3, 1), date(2025, 1, 1))

    def test_unsigned_is_not_in_writing_only(self) -> None:
        """An unsigned delegation to a certified manager is NOT_IN_WRITING, nothing more."""
        assert [FindingKind.NOT_IN_WRITING] == self.kinds(None, date(2024, 5, 1))

    def test_expired_and_signed_before(self) -> None:
        """Both problems of one delegation are found: an expired test taken after the signing."""
        assert [FindingKind.CERTIFICATION_EXPIRED, FindingKind.SIGNED_BEFORE_CERTIFIED] == (
            self.kinds(date(2019, 1, 1), date(2020, 1, 1))
        )

    def test_breaks_the_chain_below(self) -> None:
        """top -> a signed before a's test -> b: b's delegation has BROKEN_CHAIN."""
        ds = [deleg("d1", "top", "a", signed_on=date(2023, 1, 1)), deleg("d2", "a", "b")]
        found = check_delegations(ds, [cert("a", date(2023, 2, 1)), cert("b")], ON, top_ids={"top"})
        assert [
            ("d1", FindingKind.SIGNED_BEFORE_CERTIFIED),
            ("d2", FindingKind.BROKEN_CHAIN),
        ] == [(f.delegation_id, f.kind) for f in found]

    @given(
        st.none() | sst.days(date(2018, 1, 1), ON),
        st.lists(sst.days(date(2018, 1, 1), date(2026, 1, 1)), max_size=4),
    )
    def test_raised_exactly_when_no_test_precedes_the_signing(
        self, signed: date | None, certified: list[date]
    ) -> None:
        """Found exactly when signed, some test is taken by the day, and none by the signing."""
        taken = [c for c in certified if c <= ON]
        expected = signed is not None and bool(taken) and not any(c <= signed for c in taken)
        assert expected == (FindingKind.SIGNED_BEFORE_CERTIFIED in self.kinds(signed, *certified))


# Kommunen k (kommunstyrelsen's chair "ordf" holds the tasks) > förvaltning ksf > hr, it, ekonomi.
ORG = OrgTree.from_units(
    [
        OrgUnit(id="k", name="Kommunen"),
        OrgUnit(id="ksf", name="Kommunstyrelsens förvaltning", parent_id="k"),
        *(OrgUnit(id=u, name=u.upper(), parent_id="ksf") for u in ("hr", "it", "ekonomi")),
    ]
)


def unit_deleg(did: str, unit: str, frm: str, to: str, **kw: object) -> Delegation:
    """A delegation of ``unit``'s tasks, signed 2023-06-01 unless told otherwise."""
    return attrs.evolve(deleg(did, frm, to, **kw), unit_id=unit)


class TestChainFromTheDatasetTop:
    """ "A chain of delegations starts at the top of the organisation; a broken link (unsigned,
    returned, or an uncertified delegate) breaks the chain below it." (DOMAIN.md) The top is the
    dataset's delegation_top, never guessed from the units the delegations are for.
    """

    def findings(self, *ds: Delegation) -> dict[str, list[tuple[str, FindingKind]]]:
        """Each unit's findings for 2024, top "ordf", kd and m1 certified on 2023-01-01."""
        data = Dataset(
            org=ORG,
            certifications=[cert("kd"), cert("m1")],
            delegations=ds,
            delegation_top={"ordf"},
        )
        reports = build_reports(data, 2024)
        return {
            uid: [(f.delegation_id, f.kind) for f in r.delegation_findings]
            for uid, r in reports.items()
            if r.delegation_findings
        }

    def test_returned_by_the_kommundirektor_breaks_the_chain(self) -> None:
        """ordf -> kd (returned 2024-06-01) -> m1: kd's is returned, m1's has BROKEN_CHAIN."""
        assert {
            "k": [("d-kd", FindingKind.RETURNED)],
            "ksf": [("d-m1", FindingKind.BROKEN_CHAIN)],
        } == self.findings(
            unit_deleg("d-kd", "k", "ordf", "kd", returned_on=date(2024, 6, 1)),
            unit_deleg("d-m1", "ksf", "kd", "m1"),
        )

    def test_sound_chain_from_the_top(self) -> None:
        """ordf -> kd (sound) -> m1: no finding in any unit."""
        assert {} == self.findings(
            unit_deleg("d-kd", "k", "ordf", "kd"), unit_deleg("d-m1", "ksf", "kd", "m1")
        )

    def test_delegator_of_a_top_unit_is_no_top(self) -> None:
        """Delegating for the root unit makes no one a top: kd's own chain from "x" is broken."""
        assert {
            "k": [("d-kd", FindingKind.BROKEN_CHAIN)],
            "ksf": [("d-m1", FindingKind.BROKEN_CHAIN)],
        } == self.findings(
            unit_deleg("d-kd", "k", "x", "kd"), unit_deleg("d-m1", "ksf", "kd", "m1")
        )


class TestManagersOnceInTheTree:
    """ "Är samtliga chefer i verksamheten certifierade?" (seed 003, section 2.11): the certified
    share counts every manager of the subtree once, however many units they hold tasks in.
    """

    def test_manager_of_three_units_is_one_manager(self) -> None:
        """m1 (certified) holds hr, it and ekonomi, m2 (not certified) hr: 1 of 2 in ksf and k."""
        data = Dataset(
            org=ORG,
            certifications=[cert("kd"), cert("m1")],
            delegations=[
                unit_deleg("d-kd", "ksf", "ordf", "kd"),
                *(unit_deleg(f"d-{u}", u, "kd", "m1") for u in ("hr", "it", "ekonomi")),
                unit_deleg("d-m2", "hr", "kd", "m2"),
            ],
            delegation_top={"ordf"},
        )
        rolled = roll_up(ORG, build_reports(data, 2024))
        assert (2, 1) == (rolled["hr"].managers.count, rolled["hr"].managers.certified)
        assert (1, 1) == (rolled["it"].managers.count, rolled["it"].managers.certified)
        # ksf: kd (its own unit), m1 and m2, each once: 3 managers, kd and m1 certified.
        assert (3, 2) == (rolled["ksf"].managers.count, rolled["ksf"].managers.certified)
        assert (3, 2) == (rolled["k"].managers.count, rolled["k"].managers.certified)
        assert Ratio(numerator=2, denominator=3) == rolled["k"].certified


class TestChecks:
    """Bad values and arguments are samcore errors that name them."""

    def test_tasks_not_a_string(self) -> None:
        """A lone task name is refused, not split into letters; blank names too."""
        with pytest.raises(InvalidValueError, match="'tasks' must be a tuple of task names"):
            Delegation(id="d", unit_id="u", delegator_id="a", delegate_id="b", tasks="rehab")
        with pytest.raises(InvalidValueError, match=r"'tasks\[1\]' must be a non-empty string"):
            Delegation(id="d", unit_id="u", delegator_id="a", delegate_id="b", tasks=["x", " "])

    def test_top_ids_not_a_string(self) -> None:
        """top_ids is a collection of ids: one id as a string is refused."""
        with pytest.raises(InvalidValueError, match="'top_ids' must be an iterable of str"):
            check_delegations([], [], date(2024, 1, 1), top_ids="boss")

    def test_person_ids_not_a_string(self) -> None:
        """certified_share counts people, not the letters of one id."""
        with pytest.raises(InvalidValueError, match="'person_ids' must be an iterable of str"):
            certified_share("abc", [], date(2024, 1, 1))

    def test_expiry_beyond_the_calendar(self) -> None:
        """A certification whose expiry lies after 9999-12-31 raises InvalidValueError."""
        c = Certification(person_id="m", certified_on=date(9998, 6, 1))
        with pytest.raises(InvalidValueError, match="'validity' must end by 9999-12-31"):
            _ = c.expires_on
        with pytest.raises(InvalidValueError, match="'within' must end by 9999-12-31"):
            expiring_certifications([], date(9999, 6, 1), within=relativedelta(years=1))

    def test_validity_type(self) -> None:
        """validity is a relativedelta or a timedelta."""
        c = Certification(person_id="m", certified_on=date(2020, 6, 1))
        with pytest.raises(
            InvalidValueError, match="'validity' must be a relativedelta or a timedelta"
        ):
            c.is_valid(date(2021, 1, 1), validity=4)  # type: ignore[arg-type]

    def test_managers_people_agree_with_counts(self) -> None:
        """The people behind the counts match them; certified ones are among them."""
        with pytest.raises(InvalidValueError, match="'people' must hold count = 2 ids"):
            Managers(count=2, people=frozenset({"a"}))
        with pytest.raises(InvalidValueError, match="'certified_people' must hold certified = 1"):
            Managers(
                count=1, certified=1, people=frozenset({"a"}), certified_people=frozenset({"b"})
            )
