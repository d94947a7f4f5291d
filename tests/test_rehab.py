import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import ORG
from samcore import (
    RETURN_PLAN_DAY,
    CaseCount,
    Dataset,
    DatasetError,
    Employee,
    Gender,
    IngestError,
    InvalidValueError,
    RehabCase,
    RehabOutcome,
    RehabStep,
    RehabStepTaken,
    RehabSummary,
    Window,
    dataset_from_tables,
    from_json,
    read_records,
    to_json,
)
from samcore import strategies as sst

YEAR = Window.calendar_year(2024)


def taken(step: RehabStep, day: date) -> RehabStepTaken:
    """A step taken on a day."""
    return RehabStepTaken(step=step, on=day)


def case(cid: str = "r1", employee: str = "p1", unit: str = "e1", **kw: Any) -> RehabCase:
    """A case opened on 1 March 2024, open unless closed_on is given."""
    fields: dict[str, Any] = {"opened_on": date(2024, 3, 1)}
    if "closed_on" in kw and "outcome" not in kw:
        fields["outcome"] = RehabOutcome.ORDINARY_WORK
    return RehabCase(id=cid, employee_id=employee, unit_id=unit, **{**fields, **kw})


def long_case(cid: str, plan_on: date | None, **kw: Any) -> RehabCase:
    """A case expected to last 60 days or more, sick from its opening on 1 March 2024."""
    return case(cid, plan_on=plan_on, expected_long=True, **kw)


def closed(outcome: RehabOutcome, n: int) -> list[RehabCase]:
    """``n`` cases of distinct people, closed in June 2024 with the outcome."""
    return [
        case(
            f"{outcome.value}{i}",
            f"{outcome.value}-p{i}",
            closed_on=date(2024, 6, 1),
            outcome=outcome,
        )
        for i in range(n)
    ]


def problems(error: DatasetError) -> list[tuple[str, str]]:
    """Each problem's path and code."""
    return [(p.path, p.code) for p in error.problems]


class TestRehabStep:
    """The steps of the renewed rehabilitation process (seed 002): "Tidiga signaler på
    ohälsa", "Rutiner vid sjukfrånvaro", "Åter till ordinarie arbete", "Åter till arbete
    inom ramen för anställningen", "Avslut av rehabiliteringsarbetet"."""

    def test_process_order_and_wire_values(self) -> None:
        """The members come in the order of the process, with stable English wire values."""
        assert [
            "early_signals",
            "sick_leave_routines",
            "ordinary_work",
            "other_work",
            "closed",
        ] == [step.value for step in RehabStep]

    def test_swedish_names_of_the_seed(self) -> None:
        """The Swedish labels are the seed's names of the steps."""
        assert [
            "Tidiga signaler på ohälsa",
            "Rutiner vid sjukfrånvaro",
            "Åter till ordinarie arbete",
            "Åter till arbete inom ramen för anställningen",
            "Avslut av rehabiliteringsarbetet",
        ] == [step.label() for step in RehabStep]

    def test_english_names(self) -> None:
        """Every step and outcome has an English name of its own."""
        assert 5 == len({step.label("en") for step in RehabStep})
        assert "Left the employment" == RehabOutcome.LEFT.label("en")

    @pytest.mark.parametrize("lang", ["de", "", None, ["sv"]])
    def test_unknown_language(self, lang: Any) -> None:
        """A language that is not Swedish or English is refused by name."""
        with pytest.raises(InvalidValueError, match=r"^'lang' must be one of 'en', 'sv' \(got "):
            RehabStep.CLOSED.label(lang)


class TestRehabCase:
    """A case takes the steps of the process in their order, on days that never go back,
    within the case; socialförsäkringsbalken 30 kap. 6 §: "Om det kan antas att den
    försäkrades arbetsförmåga kommer att vara nedsatt på grund av sjukdom under minst 60
    dagar ska arbetsgivaren senast den dag när den försäkrades arbetsförmåga har varit
    nedsatt under 30 dagar ha upprättat en plan för återgång i arbete"."""

    def test_a_case_through_the_process(self) -> None:
        """Skipped steps are fine; steps on one day are fine; closing is closed_on."""
        steps = [
            taken(RehabStep.EARLY_SIGNALS, date(2024, 3, 1)),
            taken(RehabStep.ORDINARY_WORK, date(2024, 5, 2)),
            taken(RehabStep.OTHER_WORK, date(2024, 5, 2)),
        ]
        c = case(steps=steps, closed_on=date(2024, 5, 31), outcome=RehabOutcome.OTHER_WORK)
        assert tuple(steps) == c.steps
        assert RehabOutcome.OTHER_WORK == c.outcome

    @pytest.mark.parametrize(
        ("steps", "message"),
        [
            (
                [
                    taken(RehabStep.ORDINARY_WORK, date(2024, 4, 1)),
                    taken(RehabStep.SICK_LEAVE_ROUTINES, date(2024, 4, 2)),
                ],
                "'steps[1]' must come after ordinary_work in the order early_signals, "
                "sick_leave_routines, ordinary_work, other_work, each step once "
                "(got 'sick_leave_routines on 2024-04-02')",
            ),
            (
                [
                    taken(RehabStep.SICK_LEAVE_ROUTINES, date(2024, 3, 1)),
                    taken(RehabStep.SICK_LEAVE_ROUTINES, date(2024, 3, 9)),
                ],
                "'steps[1]' must come after sick_leave_routines in the order early_signals, "
                "sick_leave_routines, ordinary_work, other_work, each step once "
                "(got 'sick_leave_routines on 2024-03-09')",
            ),
            (
                [
                    taken(RehabStep.SICK_LEAVE_ROUTINES, date(2024, 3, 9)),
                    taken(RehabStep.ORDINARY_WORK, date(2024, 3, 8)),
                ],
                "'steps[1]' must not precede the step before it, sick_leave_routines on "
                "2024-03-09 (got 'ordinary_work on 2024-03-08')",
            ),
            (
                [taken(RehabStep.EARLY_SIGNALS, date(2024, 2, 29))],
                "'steps[0]' must not precede opened_on 2024-03-01 "
                "(got 'early_signals on 2024-02-29')",
            ),
            (
                [taken(RehabStep.CLOSED, date(2024, 3, 9))],
                "'steps[0]' must be one of early_signals, sick_leave_routines, ordinary_work, "
                "other_work (a case is closed by closed_on) (got 'closed on 2024-03-09')",
            ),
        ],
    )
    def test_steps_out_of_order(self, steps: list[RehabStepTaken], message: str) -> None:
        """A step out of the process order, repeated, back in time or before the case is named."""
        with pytest.raises(InvalidValueError) as info:
            case("r7", steps=steps)
        assert f"{message} for rehabilitation case 'r7'" == str(info.value)

    def test_step_after_the_close(self) -> None:
        """No step is taken after the case closed."""
        with pytest.raises(InvalidValueError) as info:
            case(
                "r7",
                steps=[taken(RehabStep.ORDINARY_WORK, date(2024, 6, 2))],
                closed_on=date(2024, 6, 1),
            )
        assert (
            "'steps[0]' must not follow closed_on 2024-06-01 (got 'ordinary_work on 2024-06-02') "
            "for rehabilitation case 'r7'" == str(info.value)
        )

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            (
                {"closed_on": date(2024, 6, 1), "outcome": None},
                "'outcome' must be given with closed_on 2024-06-01 (got None)",
            ),
            (
                {"outcome": RehabOutcome.LEFT},
                "'closed_on' must be given with outcome left (got None)",
            ),
            (
                {"closed_on": date(2024, 2, 29), "outcome": RehabOutcome.LEFT},
                "'closed_on' must not precede opened_on 2024-03-01 (got 2024-02-29)",
            ),
            (
                {"plan_on": date(2024, 2, 29)},
                "'plan_on' must not precede opened_on 2024-03-01 (got 2024-02-29)",
            ),
            (
                {"plan_on": date(2024, 6, 2), "closed_on": date(2024, 6, 1)},
                "'plan_on' must not follow closed_on 2024-06-01 (got 2024-06-02)",
            ),
        ],
    )
    def test_close_and_plan_within_the_case(self, fields: dict[str, Any], message: str) -> None:
        """closed_on and outcome come together; close and plan lie within the case."""
        with pytest.raises(InvalidValueError) as info:
            case("r7", **fields)
        assert f"{message} for rehabilitation case 'r7'" == str(info.value)

    @pytest.mark.parametrize(
        ("field", "value", "rule"),
        [
            ("plan_on", "2024-03-30", "a datetime.date or None"),
            ("opened_on", "2024-03-01", "a datetime.date"),
            ("steps", "early_signals", "a tuple of RehabStepTaken"),
            ("outcome", "left", "a RehabOutcome or None"),
            ("expected_long", 1, "a bool"),
        ],
    )
    def test_bad_field(self, field: str, value: object, rule: str) -> None:
        """Each bad field value is refused by name, rule and value."""
        with pytest.raises(InvalidValueError) as info:
            case(**dict[str, Any]({field: value}))
        assert str(info.value).startswith(f"{field!r} must be {rule} (got {value!r})")

    def test_plan_day_counts_from_the_sick_leave(self) -> None:
        """Day 1 is the sick-leave step's day: opened on early signs 1 March, sick from 11 March,
        a plan on 9 April is made on day 30 (11 March + 29 days)."""
        c = case(
            steps=[
                taken(RehabStep.EARLY_SIGNALS, date(2024, 3, 1)),
                taken(RehabStep.SICK_LEAVE_ROUTINES, date(2024, 3, 11)),
            ],
            plan_on=date(2024, 4, 9),
        )
        assert (date(2024, 3, 11), 30) == (c.sick_leave_from, c.plan_day)

    def test_plan_day_without_a_sick_leave_step(self) -> None:
        """Without a sick-leave step the count starts on opened_on: 1 March is day 1, 30 March day 30."""
        assert (date(2024, 3, 1), 30) == (
            case(plan_on=date(2024, 3, 30)).sick_leave_from,
            case(plan_on=date(2024, 3, 30)).plan_day,
        )
        assert case().plan_day is None

    def test_open_from_opening_to_close(self) -> None:
        """Open from opened_on up to, not including, closed_on."""
        c = case(closed_on=date(2024, 6, 1))
        assert [False, True, True, False] == [
            c.is_open(day)
            for day in (date(2024, 2, 29), date(2024, 3, 1), date(2024, 5, 31), date(2024, 6, 1))
        ]

    def test_step_on_a_day(self) -> None:
        """The latest step taken by a day, closed from closed_on, None before the first step."""
        c = case(
            steps=[taken(RehabStep.SICK_LEAVE_ROUTINES, date(2024, 3, 4))],
            closed_on=date(2024, 6, 1),
        )
        assert [None, RehabStep.SICK_LEAVE_ROUTINES, RehabStep.CLOSED] == [
            c.step_on(day) for day in (date(2024, 3, 3), date(2024, 5, 31), date(2024, 6, 1))
        ]

    @given(sst.rehab_cases())
    def test_generated_cases_round_trip(self, c: RehabCase) -> None:
        """Any valid case reads back equal from its JSON, steps and all."""
        assert c == from_json(to_json(c), RehabCase)


class TestCaseCount:
    """Cases are counted as cases, people as distinct people: "83 procent av medarbetarna"
    (seed 003) counts employees, and a person with two cases is one employee."""

    def test_a_person_with_two_cases(self) -> None:
        """Two cases of p1 and one of p2 are three cases and two people."""
        count = CaseCount.of([case("r1", "p1"), case("r2", "p1"), case("r3", "p2")])
        assert (3, 2, frozenset({"p1", "p2"})) == (count.cases, count.headcount, count.people)

    def test_one_person_in_two_units(self) -> None:
        """p1's case in e1 and p1's case in e2 add up to two cases of one person."""
        total = CaseCount.of([case("r1", "p1", "e1")]) + CaseCount.of([case("r2", "p1", "e2")])
        assert (2, 1) == (total.cases, total.headcount)

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"cases": 1, "headcount": 2}, "'headcount' must not exceed cases = 1 (got 2)"),
            ({"cases": 2}, "'headcount' must be at least 1 when cases = 2 (got 0)"),
            (
                {"cases": 2, "headcount": 2, "people": frozenset({"p1"})},
                "'people' must hold headcount = 2 ids (got frozenset({'p1'}))",
            ),
        ],
    )
    def test_counts_no_cases_can_give(self, fields: dict[str, Any], message: str) -> None:
        """Counts that no set of cases gives are refused, naming both fields."""
        with pytest.raises(InvalidValueError) as info:
            CaseCount(**fields)
        assert f"{message} for a case count" == str(info.value)

    @given(sst.case_counts(), sst.case_counts(), sst.case_counts())
    def test_monoid_laws(self, a: CaseCount, b: CaseCount, c: CaseCount) -> None:
        """+ is associative and commutative with CaseCount() as identity, people included."""
        assert (a + b) + c == a + (b + c)
        assert ((a + b) + c).people == (a + (b + c)).people
        assert a + b == b + a
        assert a == a + CaseCount() == CaseCount() + a == sum([a])

    @given(sst.case_counts(), sst.case_counts())
    def test_distinct_people_after_adding(self, a: CaseCount, b: CaseCount) -> None:
        """The headcount of a sum is the size of the union of the people."""
        assert len((a.people or frozenset()) | (b.people or frozenset())) == (a + b).headcount

    def test_people_stay_off_the_wire(self) -> None:
        """JSON keeps the counts only; a value read back adds to a zero, not to another count."""
        count = CaseCount.of([case("r1", "p1"), case("r2", "p1")])
        assert {"cases": 2, "headcount": 1} == json.loads(to_json(count))
        back = from_json(to_json(count), CaseCount)
        assert back == back + CaseCount()
        with pytest.raises(InvalidValueError, match="cannot add the case counts"):
            back + back


class TestRehabSummary:
    """Open cases, closed cases by outcome, and plans for return to work made by day 30:
    "När det gäller de avslutade rehabiliteringsärendena har 83 procent av medarbetarna
    återgått till ordinarie arbete och 17 procent har antingen slutat sin anställning ...
    eller tagit tjänstledigt" (seed 003)."""

    def test_eighty_three_percent_back_to_ordinary_work(self) -> None:
        """5 of 6 closed cases back to ordinary work is 83 % (5/6 = 0.833); 1 left is 17 %."""
        cases = closed(RehabOutcome.ORDINARY_WORK, 5) + closed(RehabOutcome.LEFT, 1)
        summary = RehabSummary.of(cases, YEAR)
        assert (6, 6) == (summary.closed_total.cases, summary.closed_total.headcount)
        assert 83 == round(summary.outcome_share(RehabOutcome.ORDINARY_WORK).percent or 0)
        assert 17 == round(summary.outcome_share(RehabOutcome.LEFT).percent or 0)
        assert 0.0 == summary.outcome_share(RehabOutcome.OTHER).percent

    def test_left_or_leave_of_absence(self) -> None:
        """Left and other (a leave of absence) together: 1 + 1 of 12 closed is 2/12, 17 %."""
        cases = (
            closed(RehabOutcome.ORDINARY_WORK, 10)
            + closed(RehabOutcome.LEFT, 1)
            + closed(RehabOutcome.OTHER, 1)
        )
        summary = RehabSummary.of(cases, YEAR)
        shares = [summary.outcome_share(o).percent or 0 for o in RehabOutcome]
        assert [83, 0, 8, 8] == [round(p) for p in shares]
        assert 17 == round(shares[2] + shares[3])

    def test_plan_on_day_30_is_on_time_and_day_31_late(self) -> None:
        """Sick from 1 March 2024: a plan on 30 March (day 30) is on time, on 31 March late."""
        summary = RehabSummary.of(
            [long_case("a", date(2024, 3, 30)), long_case("b", date(2024, 3, 31), employee="p2")],
            YEAR,
        )
        assert (1, 1, 0) == (
            summary.plans_on_time.cases,
            summary.plans_late.cases,
            summary.plans_missing.cases,
        )
        assert RETURN_PLAN_DAY == long_case("a", date(2024, 3, 30)).plan_day

    def test_missing_plans(self) -> None:
        """No plan, or a plan made after the window, is missing as of the window's last day."""
        window = Window(start=date(2024, 3, 1), end=date(2024, 4, 15))
        summary = RehabSummary.of(
            [long_case("a", None), long_case("b", date(2024, 4, 16), employee="p2")], window
        )
        assert (0, 0, 2) == (
            summary.plans_on_time.cases,
            summary.plans_late.cases,
            summary.plans_missing.cases,
        )
        later = RehabSummary.of([long_case("b", date(2024, 4, 16))], Window.calendar_year(2024))
        assert 1 == later.plans_late.cases

    def test_which_cases_need_a_plan(self) -> None:
        """Only cases expected to be long, still open after day 30, with day 30 in the window.

        Sick from 1 March, day 30 is 30 March: a case closed on 30 March needed no plan, one
        closed on 31 March did; a case not expected to be long needs none; a case whose day
        30 falls before the window belongs to an earlier window.
        """
        cases = [
            long_case("closed-30", None, closed_on=date(2024, 3, 30)),
            long_case("closed-31", None, closed_on=date(2024, 3, 31)),
            case("short", plan_on=None),
        ]
        assert ["closed-31"] == sorted(
            c.id for c in cases if RehabSummary.of([c], YEAR).plans_due.cases
        )
        april = Window(start=date(2024, 3, 31), end=date(2024, 4, 30))
        assert 0 == RehabSummary.of([long_case("x", None)], april).plans_due.cases
        march = Window(start=date(2024, 3, 30), end=date(2024, 3, 30))
        assert 1 == RehabSummary.of([long_case("x", None)], march).plans_missing.cases

    def test_open_on_the_last_day_and_closed_within(self) -> None:
        """Open on the window's last day; closed counted in the window that holds closed_on."""
        window = Window(start=date(2024, 4, 1), end=date(2024, 6, 30))
        cases = [
            case("before", closed_on=date(2024, 3, 31)),
            case("within", closed_on=date(2024, 6, 30), outcome=RehabOutcome.LEFT),
            case("after", closed_on=date(2024, 7, 1)),
            case("ongoing"),
            case("later", opened_on=date(2024, 7, 1)),
        ]
        summary = RehabSummary.of(cases, window)
        assert 2 == summary.open.cases  # after, ongoing
        assert {RehabOutcome.LEFT: 1} == {o: n.cases for o, n in summary.closed.items()}

    def test_a_person_with_two_cases_is_one_person(self) -> None:
        """Two open cases of p1 are two cases and one person; with p2's, three and two."""
        summary = RehabSummary.of([case("r1", "p1"), case("r2", "p1"), case("r3", "p2")], YEAR)
        assert (3, 2) == (summary.open.cases, summary.open.headcount)

    def test_one_person_in_two_units_added(self) -> None:
        """p1's case in e1 and p1's case in e2 are one person in the sum of the units."""
        e1 = RehabSummary.of([case("r1", "p1", "e1")], YEAR)
        e2 = RehabSummary.of([case("r2", "p1", "e2")], YEAR)
        assert (2, 1) == ((e1 + e2).open.cases, (e1 + e2).open.headcount)

    @given(
        st.lists(sst.rehab_cases(employee_id=st.sampled_from(["p1", "p2", "p3"])), max_size=12),
        st.data(),
    )
    def test_summary_of_a_split_is_the_sum(
        self, cases: list[RehabCase], data: st.DataObject
    ) -> None:
        """of(a + b) == of(a) + of(b) for any split, distinct people included."""
        window = data.draw(sst.windows())
        cut = data.draw(st.integers(0, len(cases)))
        whole = RehabSummary.of(cases, window)
        added = RehabSummary.of(cases[:cut], window) + RehabSummary.of(cases[cut:], window)
        assert whole == added
        assert whole.open.people == added.open.people
        assert whole.plans_due.people == added.plans_due.people
        assert whole.closed_total.people == added.closed_total.people

    @given(st.lists(sst.rehab_cases(), max_size=10), sst.windows())
    def test_every_case_in_its_place(self, cases: list[RehabCase], window: Window) -> None:
        """Each count holds exactly the cases its rule names, checked case by case."""
        summary = RehabSummary.of(cases, window)
        end = window.end
        assert (
            sum(c.opened_on <= end and (c.closed_on is None or end < c.closed_on) for c in cases)
            == summary.open.cases
        )
        assert (
            sum(c.closed_on is not None and window.start <= c.closed_on <= end for c in cases)
            == summary.closed_total.cases
        )
        due = [
            c
            for c in cases
            if c.expected_long
            and window.start <= c.sick_leave_from + timedelta(days=29) <= end
            and (c.closed_on is None or c.closed_on > c.sick_leave_from + timedelta(days=29))
        ]
        on_time = [
            c for c in due if c.plan_on is not None and c.plan_day is not None and c.plan_day <= 30
        ]
        assert (len(due), len(on_time)) == (summary.plans_due.cases, summary.plans_on_time.cases)

    @given(sst.rehab_summaries(), sst.rehab_summaries(), sst.rehab_summaries())
    def test_monoid_laws(self, a: RehabSummary, b: RehabSummary, c: RehabSummary) -> None:
        """+ is associative and commutative with RehabSummary() as identity."""
        assert (a + b) + c == a + (b + c)
        assert a + b == b + a
        assert a == a + RehabSummary() == RehabSummary() + a == sum([a])

    def test_zero_counts_are_left_out(self) -> None:
        """An outcome with no cases is no entry: equal values compare and write equal."""
        assert RehabSummary() == RehabSummary(closed={RehabOutcome.LEFT: CaseCount()})
        assert '"closed": {}' in to_json(RehabSummary(closed={RehabOutcome.LEFT: CaseCount()}))

    def test_wire_shape(self) -> None:
        """On the wire every figure is its cases and headcount; no employee id is written."""
        summary = RehabSummary.of(closed(RehabOutcome.LEFT, 1), YEAR)
        zero = {"cases": 0, "headcount": 0}
        assert {
            "open": zero,
            "closed": {"left": {"cases": 1, "headcount": 1}},
            "plans_on_time": zero,
            "plans_late": zero,
            "plans_missing": zero,
        } == json.loads(to_json(summary))
        assert summary == from_json(to_json(summary), RehabSummary)

    def test_of_checks_its_arguments(self) -> None:
        """Anything but cases and a window is refused by name."""
        with pytest.raises(InvalidValueError, match=r"'cases\[0\]' must be a RehabCase"):
            RehabSummary.of([CaseCount()], YEAR)  # type: ignore[list-item]
        with pytest.raises(InvalidValueError, match=r"'window' must be a Window"):
            RehabSummary.of([], date(2024, 12, 31))  # type: ignore[arg-type]


class TestInDataset:
    """ "construction checks every reference ... and raises one DatasetError listing every
    problem found" (CONTRACT.md): a case names a unit of the tree and a known employee."""

    STAFF = (Employee(id="p1", gender=Gender.WOMAN),)

    def test_unknown_unit_employee_and_a_repeated_id(self) -> None:
        """Each problem is named at its record, with its code."""
        with pytest.raises(DatasetError) as info:
            Dataset(
                org=ORG,
                employees=self.STAFF,
                rehab_cases=[case("r1"), case("r2", unit="x"), case("r3", "p9"), case("r1")],
            )
        assert [
            ("$.rehab_cases[1].unit_id", "unknown_unit"),
            ("$.rehab_cases[2].employee_id", "unknown_employee"),
            ("$.rehab_cases[3].id", "duplicate_id"),
        ] == problems(info.value)

    def test_round_trip(self) -> None:
        """A dataset with cases reads back equal from its JSON."""
        data = Dataset(
            org=ORG, employees=self.STAFF, rehab_cases=[case("r1", plan_on=date(2024, 3, 5))]
        )
        assert data == from_json(to_json(data), Dataset)


class TestIngestion:
    """The optional table rehab_cases: one row per case, a date column per step taken."""

    UNITS = ({"id": "k", "name": "Kommunen"}, {"id": "a", "name": "Förskolan", "parent_id": "k"})

    def test_read(self) -> None:
        """Step columns become the steps in process order; Swedish words are read."""
        rows = [
            {"id": "R1", "employee_id": 17, "unit_id": "a", "opened_on": "2024-02-12",
             "early_signals_on": "2024-02-12", "sick_leave_routines_on": "20240301",
             "ordinary_work_on": "", "other_work_on": "2024-05-02", "closed_on": "2024-06-28",
             "outcome": "Omplacering", "plan_on": "2024-03-30", "expected_long": "Ja"},
        ]  # fmt: skip
        (got,) = read_records(rows, RehabCase).records
        assert (
            RehabCase(
                id="R1",
                employee_id="17",
                unit_id="a",
                opened_on=date(2024, 2, 12),
                steps=[
                    taken(RehabStep.EARLY_SIGNALS, date(2024, 2, 12)),
                    taken(RehabStep.SICK_LEAVE_ROUTINES, date(2024, 3, 1)),
                    taken(RehabStep.OTHER_WORK, date(2024, 5, 2)),
                ],
                closed_on=date(2024, 6, 28),
                outcome=RehabOutcome.OTHER_WORK,
                plan_on=date(2024, 3, 30),
                expected_long=True,
            )
            == got
        )
        assert 30 == got.plan_day

    def test_a_bad_step_is_named_by_its_column(self) -> None:
        """A step's broken rule is reported at the step's column, with the cell."""
        rows = [
            {"id": "R1", "employee_id": "p", "unit_id": "a", "opened_on": "2024-03-01",
             "sick_leave_routines_on": "2024-03-04", "ordinary_work_on": "2024-03-02"},
            {"id": "R2", "employee_id": "p", "unit_id": "a", "opened_on": "2024-03-01",
             "early_signals_on": "2024-02-01"},
            {"id": "R3", "employee_id": "p", "unit_id": "a", "opened_on": "2024-03-01",
             "other_work_on": "2024-13-01"},
        ]  # fmt: skip
        got = read_records(rows, RehabCase)
        assert [
            (1, "ordinary_work_on", "invalid", "2024-03-02"),
            (2, "early_signals_on", "invalid", "2024-02-01"),
            (3, "other_work_on", "bad_date", "2024-13-01"),
        ] == [(p.row, p.field, p.code.value, p.value) for p in got.rejects]

    def test_in_a_whole_export(self) -> None:
        """Unknown units and employees and repeated ids are named by row."""
        tables: dict[str, list[dict[str, object]]] = {
            "units": [dict(unit) for unit in self.UNITS],
            "employees": [{"id": "p", "gender": "K"}],
            "rehab_cases": [
                {"id": "R1", "employee_id": "p", "unit_id": "a", "opened_on": "2024-03-01"},
                {"id": "R2", "employee_id": "q", "unit_id": "a", "opened_on": "2024-03-01"},
                {"id": "R3", "employee_id": "p", "unit_id": "x", "opened_on": "2024-03-01"},
                {"id": "R1", "employee_id": "p", "unit_id": "k", "opened_on": "2024-03-01"},
            ],
        }
        with pytest.raises(IngestError) as info:
            dataset_from_tables(tables)
        assert [
            (2, "employee_id", "unknown_id"),
            (3, "unit_id", "unknown_id"),
            (4, "id", "duplicate"),
        ] == sorted((p.row, p.field, p.code.value) for p in info.value.details)
        del tables["rehab_cases"][1:]
        assert ("R1",) == tuple(c.id for c in dataset_from_tables(tables).rehab_cases)
