import json
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from samcore import (
    CHAIN_GAP_DAYS,
    Dataset,
    InvalidValueError,
    SickLeavePeriod,
    Signal,
    SignalPolicy,
    SignalRule,
    build_reports,
    early_signals,
    from_json,
    roll_up,
    to_json,
)
from samcore import strategies as sst
from test_architecture import LAYERS, RANK, imports

ON = date(2024, 6, 30)
ONE_A_MONTH = [date(2024, m, 10) for m in range(1, 6)]  # five occasions, January to May


def sick(
    start: date, end: date | None = None, eid: str = "e", extent: float = 1.0
) -> SickLeavePeriod:
    return SickLeavePeriod(employee_id=eid, start=start, end=end or start, extent=extent)


def fired(signals: tuple[Signal, ...]) -> dict[SignalRule, date]:
    """Each rule that fired, with its day (one employee)."""
    return {s.rule: s.fired_on for s in signals}


def only(signals: tuple[Signal, ...], rule: SignalRule) -> Signal:
    """The one signal of a rule."""
    [found] = [s for s in signals if s.rule is rule]
    return found


def chain(signals: tuple[Signal, ...]) -> dict[str, date]:
    """The chain signals by wire value, with their days."""
    return {s.rule.value: s.fired_on for s in signals if s.rule.value.startswith("chain")}


EVERY_OCCASION = SignalPolicy(occasions=1)


class TestRepeatedAbsence:
    """ "en medarbetare som visar ohälsa, exempelvis genom sporadisk frånvaro" (seed 002): six or
    more sick occasions in the last twelve months, the common municipal trigger. An occasion is a
    run of consecutive sick days; it counts when it starts in the twelve months ending on the day
    (on - 12 months < start <= on)."""

    def test_five_occasions_no_signal(self) -> None:
        """Five one-day occasions in the twelve months are one short of the default six."""
        assert () == early_signals([sick(d) for d in ONE_A_MONTH], ON)

    def test_six_occasions_signal(self) -> None:
        """The sixth occasion fires the signal, on its first day, with the figures behind it."""
        periods = [sick(d) for d in ONE_A_MONTH] + [sick(date(2024, 6, 10), date(2024, 6, 12))]
        [signal] = early_signals(periods, ON)
        assert (SignalRule.REPEATED_SHORT, date(2024, 6, 10)) == (signal.rule, signal.fired_on)
        assert {"occasions": 6, "sick_days": 8} == signal.figures

    @pytest.mark.parametrize(
        ("start", "occasions"),
        [(date(2023, 6, 30), 5), (date(2023, 7, 1), 6)],
    )
    def test_twelve_month_edge(self, start: date, occasions: int) -> None:
        """An occasion starting exactly twelve months before the day is out; the day after, in."""
        periods = [sick(start)] + [sick(d) for d in ONE_A_MONTH]
        signal = only(early_signals(periods, ON, policy=EVERY_OCCASION), SignalRule.REPEATED_SHORT)
        assert occasions == signal.figures["occasions"]
        signalled = early_signals(periods, ON)
        assert (occasions == 6) == (SignalRule.REPEATED_SHORT in fired(signalled))

    def test_sixth_counted_in_the_window(self) -> None:
        """With an occasion on the window's first day, the sixth of the window fires: 10 May."""
        periods = [sick(date(2023, 7, 1))] + [sick(d) for d in ONE_A_MONTH]
        assert {SignalRule.REPEATED_SHORT: date(2024, 5, 10)} == fired(early_signals(periods, ON))

    def test_touching_and_overlapping_periods_are_one_occasion(self) -> None:
        """Periods that touch or overlap are one occasion; one healthy day between makes two."""
        periods = [
            sick(date(2024, 3, 1), date(2024, 3, 3)),
            sick(date(2024, 3, 4), date(2024, 3, 5)),  # touches: the same occasion
            sick(date(2024, 4, 1), date(2024, 4, 5), extent=0.5),
            sick(date(2024, 4, 3), date(2024, 4, 8), extent=0.5),  # overlaps: the same occasion
            sick(date(2024, 5, 1)),
            sick(date(2024, 5, 3)),  # one healthy day between: a new occasion
        ]
        signal = only(early_signals(periods, ON, policy=EVERY_OCCASION), SignalRule.REPEATED_SHORT)
        assert {"occasions": 4, "sick_days": 5 + 8 + 2} == signal.figures

    def test_not_the_relapse_rule(self) -> None:
        """Six one-day periods two days apart are six occasions (the 5-day rule would make one)."""
        periods = [sick(date(2024, 6, 1) + timedelta(days=3 * k)) for k in range(6)]
        assert {SignalRule.REPEATED_SHORT: date(2024, 6, 16)} == fired(early_signals(periods, ON))

    def test_other_policy(self) -> None:
        """Three occasions in three months fire a policy of three in three months."""
        periods = [sick(date(2024, 3, 31)), sick(date(2024, 4, 15)), sick(date(2024, 6, 1))]
        policy = SignalPolicy(occasions=3, months=3)
        assert {SignalRule.REPEATED_SHORT: date(2024, 6, 1)} == fired(
            early_signals(periods, ON, policy=policy)
        )
        assert () == early_signals(periods, date(2024, 7, 1), policy=policy)  # 31 March is out

    @pytest.mark.parametrize(
        ("on", "start", "counted"),
        [
            (date(2025, 2, 28), date(2024, 2, 28), False),  # 12 months before: out
            (date(2025, 2, 28), date(2024, 2, 29), True),
            (date(2024, 2, 29), date(2023, 2, 28), False),  # 12 months before 29 Feb: 28 Feb
            (date(2024, 2, 29), date(2023, 3, 1), True),
            (date(2025, 3, 1), date(2024, 2, 29), False),
        ],
    )
    def test_leap_day_window(self, on: date, start: date, counted: bool) -> None:
        """Twelve months before 28 Feb 2025 is 28 Feb 2024, and before 29 Feb 2024 it is 28 Feb 2023."""
        signals = early_signals([sick(start)], on, policy=EVERY_OCCASION)
        assert counted == (SignalRule.REPEATED_SHORT in fired(signals))

    def test_month_end_clamped(self) -> None:
        """One month before 31 March 2024 is 29 February: an occasion then is out, 1 March in."""
        policy = SignalPolicy(occasions=1, months=1)
        on = date(2024, 3, 31)
        assert () == early_signals([sick(date(2024, 2, 29))], on, policy=policy)
        assert 1 == len(early_signals([sick(date(2024, 3, 1))], on, policy=policy))


class TestSickDays:
    """The optional second rule: a number of sick days within the same twelve months."""

    PERIODS = (
        sick(date(2024, 1, 1), date(2024, 1, 4)),
        sick(date(2024, 2, 1), date(2024, 2, 5)),
        sick(date(2024, 3, 1), date(2024, 3, 3), extent=0.25),
    )

    def test_threshold_reached(self) -> None:
        """4 + 5 days by February, so the tenth sick day is 1 March: 12 days in all."""
        signal = only(
            early_signals(self.PERIODS, ON, policy=SignalPolicy(short_days=10)),
            SignalRule.SHORT_DAYS,
        )
        assert (date(2024, 3, 1), {"occasions": 3, "sick_days": 12}) == (
            signal.fired_on,
            signal.figures,
        )

    def test_threshold_not_reached(self) -> None:
        """Twelve days do not reach a threshold of thirteen."""
        assert () == early_signals(self.PERIODS, ON, policy=SignalPolicy(short_days=13))

    def test_off_by_default(self) -> None:
        """Without short_days in the policy, sick days fire nothing."""
        assert () == early_signals([sick(date(2024, 1, 1), date(2024, 1, 12))], date(2024, 1, 12))

    def test_only_days_in_the_window(self) -> None:
        """Days before the window and after the day asked about are not counted."""
        periods = [
            sick(date(2023, 6, 25), date(2023, 7, 2)),
            sick(date(2024, 6, 25), date(2024, 7, 9)),
        ]
        policy = SignalPolicy(occasions=1, short_days=1, milestones=False)
        signal = only(early_signals(periods, ON, policy=policy), SignalRule.SHORT_DAYS)
        # 1-2 July 2023 (the occasion itself began before the window) and 25-30 June 2024
        assert ({"occasions": 1, "sick_days": 2 + 6}, date(2023, 7, 1)) == (
            signal.figures,
            signal.fired_on,
        )


class TestDay14AndDay30:
    """Day 14 ends the employer's sick-pay period (sjuklönelagen). "Om det kan antas att den
    försäkrades arbetsförmåga kommer att vara nedsatt på grund av sjukdom under minst 60 dagar ska
    arbetsgivaren senast den dag när den försäkrades arbetsförmåga har varit nedsatt under 30 dagar
    ha upprättat en plan för återgång i arbete" (socialförsäkringsbalken 30 kap. 6 §)."""

    MARCH = sick(date(2024, 3, 1), date(2024, 3, 31))

    @pytest.mark.parametrize(
        ("on", "spell_day"),
        [(date(2024, 3, 13), None), (date(2024, 3, 14), 14), (date(2024, 3, 20), 20)],
    )
    def test_day_14(self, on: date, spell_day: int | None) -> None:
        """Day 13 is no signal; from day 14 on, DAY_14 fires on 14 March with the day reached."""
        signals = early_signals([self.MARCH], on)
        if spell_day is None:
            assert () == signals
        else:
            signal = only(signals, SignalRule.DAY_14)
            assert (date(2024, 3, 14), {"spell_day": spell_day}) == (
                signal.fired_on,
                signal.figures,
            )

    def test_touching_periods_are_one_spell(self) -> None:
        """A renewed certificate that touches the first one continues the spell."""
        periods = [
            sick(date(2024, 3, 1), date(2024, 3, 7)),
            sick(date(2024, 3, 8), date(2024, 3, 20)),
        ]
        assert {SignalRule.DAY_14: date(2024, 3, 14)} == fired(
            early_signals(periods, date(2024, 3, 14))
        )

    def test_a_healthy_day_starts_a_new_spell(self) -> None:
        """After one healthy day the count starts again (the 5-day relapse rule is not used here)."""
        periods = [
            sick(date(2024, 3, 1), date(2024, 3, 7)),
            sick(date(2024, 3, 9), date(2024, 3, 31)),
        ]
        assert () == early_signals(periods, date(2024, 3, 21))  # day 13 of the second run
        assert {SignalRule.DAY_14: date(2024, 3, 22)} == fired(
            early_signals(periods, date(2024, 3, 22))
        )

    def test_ended_before_the_day(self) -> None:
        """A spell that ended the day before is no longer signalled."""
        assert () == early_signals([self.MARCH], date(2024, 4, 1))

    def test_certificate_reaching_day_60(self) -> None:
        """Known periods up to 29 April carry the run to day 60: the plan is due on day 30."""
        periods = [self.MARCH, sick(date(2024, 4, 1), date(2024, 4, 29))]  # 31 + 29 = 60 days
        signal = only(early_signals(periods, date(2024, 3, 30)), SignalRule.DAY_30_PLAN)
        assert (date(2024, 3, 30), {"spell_day": 30, "known_days": 60}) == (
            signal.fired_on,
            signal.figures,
        )

    def test_certificate_short_of_day_60(self) -> None:
        """Known periods up to 28 April reach day 59 only: no plan signal, day 14 still."""
        periods = [self.MARCH, sick(date(2024, 4, 1), date(2024, 4, 28))]
        assert {SignalRule.DAY_14: date(2024, 3, 14)} == fired(
            early_signals(periods, date(2024, 4, 10))
        )

    def test_expected_long_from_the_caller(self) -> None:
        """The caller may say the absence is expected to last 60 days: the plan is due on day 30."""
        signals = early_signals([self.MARCH], date(2024, 3, 30), expected_long={"e"})
        assert date(2024, 3, 30) == only(signals, SignalRule.DAY_30_PLAN).fired_on
        assert SignalRule.DAY_30_PLAN not in fired(early_signals([self.MARCH], date(2024, 3, 30)))

    def test_day_29_is_not_yet_day_30(self) -> None:
        """On day 29 no plan signal fires, however long the absence is expected to be."""
        signals = early_signals([self.MARCH], date(2024, 3, 29), expected_long=["e"])
        assert [SignalRule.DAY_14] == [s.rule for s in signals]

    def test_milestones_off(self) -> None:
        """A policy without milestones signals neither day 14 nor day 30 nor the chain."""
        year = sick(date(2024, 1, 1), date(2024, 12, 31))
        assert () == early_signals([year], ON, policy=SignalPolicy(milestones=False))


class TestRehabilitationChain:
    """ "Vid beräkningen av hur lång tid den försäkrade har haft nedsatt arbetsförmåga enligt 46–49 §§
    ska dagar i sjukperioder läggas samman om färre än 90 dagar förflutit mellan sjukperioderna"
    (socialförsäkringsbalken 27 kap. 51 §); the chain counts calendar days, a partial day as a
    whole, and its steps are day 90, 180 and 365 (27 kap. 46-49 §§)."""

    # 31 days, 29 healthy days (February), 31 days at 25 %, 30 healthy days (April), then May on.
    GAPPED = (
        sick(date(2024, 1, 1), date(2024, 1, 31)),
        sick(date(2024, 3, 1), date(2024, 3, 31), extent=0.25),
        sick(date(2024, 5, 1), date(2024, 6, 15)),
    )

    def test_default_gap(self) -> None:
        """The default gap is 89 healthy days: fewer than 90."""
        assert 89 == CHAIN_GAP_DAYS == SignalPolicy().chain_gap_days

    def test_separate_periods_reach_day_90(self) -> None:
        """31 + 31 days, then day 90 on 28 May; on 1 June the chain is on day 94."""
        signal = only(early_signals(self.GAPPED, date(2024, 6, 1)), SignalRule.CHAIN_90)
        assert (date(2024, 5, 28), {"chain_day": 94}) == (signal.fired_on, signal.figures)

    def test_day_89_is_not_day_90(self) -> None:
        """On 27 May the chain is on day 89: no chain signal."""
        assert SignalRule.CHAIN_90 not in fired(early_signals(self.GAPPED, date(2024, 5, 27)))

    @pytest.mark.parametrize(("gap", "chained"), [(89, True), (90, False)])
    def test_long_gap_resets(self, gap: int, chained: bool) -> None:
        """89 healthy days keep the chain (day 91 + 1); 90 start it anew at day 1."""
        first = sick(date(2024, 1, 1), date(2024, 3, 31))  # 91 days; day 90 is 30 March
        again = date(2024, 3, 31) + timedelta(days=gap + 1)
        signals = early_signals([first, sick(again, again + timedelta(days=9))], again)
        assert ({"chain_90": date(2024, 3, 30)} if chained else {}) == chain(signals)
        if chained:
            assert {"chain_day": 92} == only(signals, SignalRule.CHAIN_90).figures

    def test_policy_gap(self) -> None:
        """A policy gap of 29 days breaks the chain at April's 30 healthy days."""
        policy = SignalPolicy(chain_gap_days=29)
        assert {} == chain(early_signals(self.GAPPED, date(2024, 6, 1), policy=policy))

    def test_highest_milestone_only(self) -> None:
        """Day 180 replaces day 90, and day 365 replaces day 180 (2024 has 366 days)."""
        year = [sick(date(2024, 1, 1), date(2024, 12, 31))]
        assert {"chain_180": date(2024, 6, 28)} == chain(early_signals(year, date(2024, 6, 28)))
        assert {"chain_90": date(2024, 3, 30)} == chain(early_signals(year, date(2024, 6, 27)))
        assert {"chain_365": date(2024, 12, 30)} == chain(early_signals(year, date(2024, 12, 31)))

    def test_only_while_sick(self) -> None:
        """In a healthy gap of the chain nothing is signalled, however far the chain came."""
        periods = [sick(date(2024, 1, 1), date(2024, 4, 30)), sick(date(2024, 6, 1))]
        assert () == early_signals(periods, date(2024, 5, 15), policy=SignalPolicy(occasions=9))

    def test_decided_count(self) -> None:
        """Day 85 decided on 10 May, sick on: day 90 is 15 May (counted alone, day 15)."""
        periods = [sick(date(2024, 5, 1), date(2024, 6, 30))]
        decided = {"e": (date(2024, 5, 10), 85)}
        signal = only(
            early_signals(periods, date(2024, 5, 15), decided=decided), SignalRule.CHAIN_90
        )
        assert (date(2024, 5, 15), {"chain_day": 90}) == (signal.fired_on, signal.figures)
        assert {} == chain(early_signals(periods, date(2024, 5, 15)))

    def test_decided_count_replaces_a_higher_one(self) -> None:
        """Försäkringskassan's 50 on 9 April replaces the computed 100: day 61 on 20 April."""
        periods = [sick(date(2024, 1, 1), date(2024, 6, 30))]
        assert {"chain_90": date(2024, 3, 30)} == chain(early_signals(periods, date(2024, 4, 20)))
        decided = {"e": (date(2024, 4, 9), 50)}
        assert {} == chain(early_signals(periods, date(2024, 4, 20), decided=decided))

    def test_decided_count_already_past(self) -> None:
        """A decided count already past a milestone fires it on the decision's day."""
        periods = [sick(date(2024, 5, 1), date(2024, 6, 30))]
        decided = {"e": (date(2024, 5, 10), 200)}
        signal = only(
            early_signals(periods, date(2024, 5, 12), decided=decided), SignalRule.CHAIN_180
        )
        assert (date(2024, 5, 10), {"chain_day": 202}) == (signal.fired_on, signal.figures)

    def test_decided_count_at_the_milestone(self) -> None:
        """Day 90 decided on a healthy day ten days before the period fires on that day."""
        periods = [sick(date(2024, 5, 1), date(2024, 6, 30))]
        decided = {"e": (date(2024, 4, 20), 90)}
        signal = only(
            early_signals(periods, date(2024, 5, 2), decided=decided), SignalRule.CHAIN_90
        )
        assert (date(2024, 4, 20), {"chain_day": 92}) == (signal.fired_on, signal.figures)

    @pytest.mark.parametrize(
        "as_of",
        [date(2024, 5, 13), date(2024, 1, 31)],  # after the day asked about; before a long gap
    )
    def test_decided_count_not_used(self, as_of: date) -> None:
        """A decision dated after the day, or more than 89 days before the chain began, is not used."""
        periods = [sick(date(2024, 5, 1), date(2024, 6, 30))]
        assert {} == chain(early_signals(periods, date(2024, 5, 12), decided={"e": (as_of, 150)}))

    def test_decided_count_bridges_a_short_gap(self) -> None:
        """A decision 50 days before the first known period continues into it."""
        periods = [sick(date(2024, 5, 1), date(2024, 6, 30))]
        decided = {"e": (date(2024, 3, 11), 88)}
        signal = only(
            early_signals(periods, date(2024, 5, 2), decided=decided), SignalRule.CHAIN_90
        )
        assert (date(2024, 5, 2), {"chain_day": 90}) == (signal.fired_on, signal.figures)


class TestSignalPolicy:
    """The policy's fields and their rules."""

    def test_defaults(self) -> None:
        """Six occasions in twelve months, no sick-day rule, milestones on, a gap of 89 days."""
        assert (6, 12, None, True, 89) == attrs.astuple(SignalPolicy())

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("occasions", 0),
            ("months", 0),
            ("short_days", 0),
            ("milestones", 1),
            ("chain_gap_days", -1),
        ],
    )
    def test_invalid(self, field: str, value: object) -> None:
        """Each field refuses a value outside its rule, by name."""
        with pytest.raises(InvalidValueError, match=f"'{field}' must"):
            SignalPolicy(**{field: value})  # type: ignore[arg-type]


class TestSignal:
    """A signal: an employee, a rule, a day and the numbers behind it."""

    def test_figures_read_only_and_counted(self) -> None:
        """Figures are a read-only mapping of non-negative ints."""
        signal = Signal(
            employee_id="e", rule=SignalRule.DAY_14, fired_on=ON, figures={"spell_day": 14}
        )
        with pytest.raises(TypeError):
            signal.figures["spell_day"] = 15  # type: ignore[index]
        with pytest.raises(InvalidValueError, match=r"'figures\[spell_day\]' must be an int >= 0"):
            Signal(employee_id="e", rule=SignalRule.DAY_14, fired_on=ON, figures={"spell_day": -1})

    def test_wire(self) -> None:
        """A signal goes to the manager's view as JSON and back."""
        signal = Signal(
            employee_id="e", rule=SignalRule.CHAIN_90, fired_on=ON, figures={"chain_day": 91}
        )
        text = to_json(signal)
        assert {
            "employee_id": "e",
            "rule": "chain_90",
            "fired_on": "2024-06-30",
            "figures": {"chain_day": 91},
        } == json.loads(text)
        assert signal == from_json(text, Signal)


class TestArguments:
    """early_signals checks its arguments and names the one at fault."""

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("on", "2024-06-30"),
            ("periods", [ON]),
            ("policy", None),
            ("expected_long", "e"),
            ("decided", {"e": (ON, -1)}),
            ("decided", {"e": ON}),
        ],
    )
    def test_named(self, name: str, value: object) -> None:
        """A wrong argument raises InvalidValueError naming it."""
        arguments: dict[str, object] = {"periods": [], "on": ON, name: value}
        with pytest.raises(InvalidValueError, match=f"'{name}"):
            early_signals(**arguments)  # type: ignore[arg-type]

    def test_early_year(self) -> None:
        """Twelve months before a day in year 1 leave the calendar: every earlier day counts."""
        periods = [sick(date(1, 1, 1), date(1, 1, 20))]
        assert {SignalRule.REPEATED_SHORT, SignalRule.DAY_14} == set(
            fired(early_signals(periods, date(1, 1, 20), policy=EVERY_OCCASION))
        )


@st.composite
def around(draw: st.DrawFn) -> tuple[list[SickLeavePeriod], date, dict[str, tuple[date, int]]]:
    """Periods of three employees near a day (overlapping now and then), and decisions."""
    on = draw(sst.days(date(2020, 1, 1), date(2030, 12, 31)))
    periods = []
    for eid in ("a", "b", "c"):
        for _ in range(draw(st.integers(0, 8))):
            start = on + timedelta(days=draw(st.integers(-500, 30)))
            length = draw(st.sampled_from([1, 2, 5, 14, 30, 60, 100, 200]))
            periods.append(sick(start, start + timedelta(days=length - 1), eid))
    decided = draw(
        st.dictionaries(
            st.sampled_from(["a", "b", "c"]),
            st.tuples(sst.days(on - timedelta(days=400), on), st.integers(0, 400)),
        )
    )
    return periods, on, decided


def covers(periods: list[SickLeavePeriod], eid: str, day: date) -> bool:
    return any(p.employee_id == eid and p.start <= day <= p.end for p in periods)


class TestProperties:
    """Every signal rests on the employee's own periods, and holds on the day asked about."""

    @given(around(), sst.signal_policies(), st.booleans())
    def test_signals_rest_on_periods(
        self,
        drawn: tuple[list[SickLeavePeriod], date, dict[str, tuple[date, int]]],
        policy: SignalPolicy,
        with_decisions: bool,
    ) -> None:
        """Occasions start on their day in the window; milestones need a period covering the day."""
        periods, on, decided = drawn
        signals = early_signals(
            periods, on, policy=policy, decided=decided if with_decisions else {}
        )
        keys = [(s.employee_id, list(SignalRule).index(s.rule)) for s in signals]
        assert sorted(set(keys)) == keys  # sorted, each rule once per employee
        for s in signals:
            assert s.fired_on <= on
            if s.rule is SignalRule.REPEATED_SHORT:
                assert any(
                    p.employee_id == s.employee_id and p.start == s.fired_on for p in periods
                )
            elif s.rule is SignalRule.SHORT_DAYS:
                assert covers(periods, s.employee_id, s.fired_on)
            else:
                assert covers(periods, s.employee_id, on)
                if not with_decisions or s.rule in (SignalRule.DAY_14, SignalRule.DAY_30_PLAN):
                    assert covers(periods, s.employee_id, s.fired_on)

    @given(around())
    def test_periods_after_the_day_move_nothing_but_the_plan(
        self, drawn: tuple[list[SickLeavePeriod], date, dict[str, tuple[date, int]]]
    ) -> None:
        """Periods cut at the day give the same signals, except a plan known only from ahead."""
        periods, on, _ = drawn
        cut = [attrs.evolve(p, end=min(p.end, on)) for p in periods if p.start <= on]
        full = {(s.employee_id, s.rule) for s in early_signals(periods, on)}
        known = {(s.employee_id, s.rule) for s in early_signals(cut, on)}
        assert known <= full
        assert {r for _, r in full - known} <= {SignalRule.DAY_30_PLAN}


class TestPrivacy:
    """ "Aggregates travel; personal records do not" (DOMAIN.md): no signal's employee reaches a report."""

    def test_no_report_path_imports_signals(self) -> None:
        """No module of the report, publication or presentation layers imports _signals."""
        layers = dict(LAYERS)
        above = layers["report"] | layers["publication"] | layers["presentation"]
        assert [] == sorted(m for m in above if "_signals" in imports(m))
        assert RANK["_signals"] == RANK["_spells"]

    # Many small datasets have no sick leave in the year before the day, hence no signal to
    # look for: those are passed over, and that filtering is expected.
    @settings(
        max_examples=8,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(
        sst.datasets(max_units=4, max_employees=4), sst.days(date(2024, 1, 1), date(2025, 6, 30))
    )
    def test_ids_of_signals_not_in_reports(self, data: Dataset, on: date) -> None:
        """The ids of signalled employees appear in no report or published report as JSON."""
        policy = SignalPolicy(occasions=1, short_days=1)
        signals = early_signals(data.sick_leave, on, policy=policy)
        signalled = {s.employee_id for s in signals}
        assume(signalled)

        def named(text: str) -> list[str]:
            return [e for e in sorted(signalled) if f'"{e}"' in text or f"'{e}'" in text]

        assert sorted(signalled) == named(to_json(signals))  # the check finds them where they are
        others = to_json(
            attrs.evolve(
                data, employees=(), employments=(), sick_leave=(), extra_time=(), rehab_cases=()
            )
        )
        assume(not named(others))
        rolled = roll_up(data.org, build_reports(data, 2024))
        texts = [to_json(r) for r in rolled.values()]
        texts += [to_json(p) for p in rolled.published(min_group_size=0).values()]
        texts.append(to_json(rolled))
        for text in texts:
            assert [] == named(text)
