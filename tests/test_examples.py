import functools
import re
from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samcore import (
    Answer,
    Dataset,
    Employment,
    EmploymentType,
    EndReason,
    FindingKind,
    HealthFactorInventory,
    Month,
    RehabCase,
    RehabOutcome,
    RehabStep,
    RehabSummary,
    SickLeavePeriod,
    Turnover,
    Window,
    build_reports,
    check_delegations,
    roll_up,
    template_for,
    turnover,
)
from samcore.examples import FIRST_YEAR, LAST_YEAR, municipality

YEAR_END = date(LAST_YEAR, 12, 31)
R12 = Window.rolling12(Month(year=LAST_YEAR, month=12))


@functools.cache
def example() -> Dataset:
    """The example as the demo shows it: seed 0, 6,000 positions."""
    return municipality()


def committee(data: Dataset, unit_id: str) -> str | None:
    """The id of the committee (nämnd) a unit belongs to; None for the municipality."""
    for unit in (data.org.unit(unit_id), *data.org.ancestors(unit_id)):
        if unit.level == "nämnd":
            return unit.id
    return None


def level(data: Dataset, unit_id: str) -> str | None:
    return data.org.unit(unit_id).level


def age(data: Dataset, employee_id: str, on: date) -> int:
    born = {e.id: e.birth_date for e in data.employees}[employee_id]
    assert born is not None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def spells(data: Dataset) -> list[tuple[str, date, date]]:
    """Each employee's sick spells: periods that follow one another day after day, merged."""
    by_person: dict[str, list[SickLeavePeriod]] = {}
    for period in data.sick_leave:
        by_person.setdefault(period.employee_id, []).append(period)
    found: list[tuple[str, date, date]] = []
    for eid, periods in by_person.items():
        periods.sort(key=lambda p: p.start)
        start, end = periods[0].start, periods[0].end
        for p in periods[1:]:
            if p.start == end + timedelta(days=1):
                end = p.end
            else:
                found.append((eid, start, end))
                start, end = p.start, p.end
        found.append((eid, start, end))
    return found


def cases_of(data: Dataset) -> dict[str, list[RehabCase]]:
    """The rehabilitation cases by employee."""
    found: dict[str, list[RehabCase]] = {}
    for case in data.rehab_cases:
        found.setdefault(case.employee_id, []).append(case)
    return found


def inventories(year: int) -> list[HealthFactorInventory]:
    """The example's health-factor inventories of one year."""
    return [i for i in example().health_factors if i.year == year]


def departures(data: Dataset, window: Window) -> list[Employment]:
    """The employments ending in the window after which the person is not employed again."""
    by_person: dict[str, list[Employment]] = {}
    for job in data.employments:
        by_person.setdefault(job.employee_id, []).append(job)
    found = []
    for jobs in by_person.values():
        for job in jobs:
            if job.end is None or job.end not in window:
                continue
            later = [j.start for j in jobs if j.start > job.end]
            if not later or (min(later) - job.end).days > 3:
                found.append(job)
    return found


class TestMunicipality:
    """ "A deterministic synthetic municipality (about 450 units in 5 levels, five years of
    records)" (CONTRACT.md)."""

    def test_same_seed_same_dataset(self) -> None:
        """Two builds of one seed are equal; another seed gives other records."""
        assert municipality(employees=150, seed=3) == municipality(employees=150, seed=3)
        assert municipality(employees=150, seed=3) != municipality(employees=150, seed=4)

    def test_levels_and_size(self) -> None:
        """6,000 positions give 460 units on five levels under one municipality."""
        data = example()
        levels = Counter(u.level for u in data.org.units)
        assert {"kommun": 1, "nämnd": 9, "förvaltning": 9} == {
            k: levels[k] for k in ("kommun", "nämnd", "förvaltning")
        }
        assert 460 == len(data.org.units)

    @settings(max_examples=8, deadline=None)
    @given(seed=st.integers(0, 10_000), employees=st.integers(1, 80))
    def test_every_seed_and_size_builds(self, seed: int, employees: int) -> None:
        """Small examples of any seed pass every check of the dataset, with a report each year."""
        data = municipality(seed=seed, employees=employees)
        assert {FIRST_YEAR, LAST_YEAR} <= {s.year for s in data.submissions}


class TestEmployments:
    """Seed 000: "I personalomsättningen ingår även pensionsavgångar. Under 2024 gick 166
    medarbetare i pension" of 517 departures (9.1 %) for about 6,000 employees."""

    def test_turnover_and_retirements(self) -> None:
        """Turnover lies near the source's 8-11 %, and a quarter to a third of it is retirements."""
        data = example()
        total = sum(turnover(data.employees, data.employments, R12).values(), Turnover())
        assert 7.0 <= (total.rate().percent or 0.0) <= 11.0
        assert 0.22 <= total.retirements() / total.departures() <= 0.36

    def test_forms_of_employment(self) -> None:
        """On the last day most staff are permanent, some fixed-term, fewer paid by the hour."""
        data = example()
        kinds = Counter(j.employment_type for j in data.employments if j.is_active(YEAR_END))
        staff = sum(kinds.values())
        assert kinds[EmploymentType.PERMANENT] / staff >= 0.85
        assert kinds[EmploymentType.FIXED_TERM] > kinds[EmploymentType.HOURLY] > 0

    def test_every_departure_has_a_reason(self) -> None:
        """A person who leaves has a reason; a fixed-term departure is a contract that ran out."""
        gone = departures(example(), R12)
        assert [] == [j for j in gone if j.end_reason is None]
        fixed = {j.end_reason for j in gone if j.employment_type is EmploymentType.FIXED_TERM}
        assert (
            {EndReason.END_OF_CONTRACT}
            <= fixed
            <= {
                EndReason.END_OF_CONTRACT,
                EndReason.RETIREMENT,
            }
        )

    def test_people_aged_63_or_more_mostly_retire(self) -> None:
        """Of those who leave at 63 or older at least four in five retire; nobody retires before 62."""
        data = example()
        gone = departures(data, R12)
        old = [j for j in gone if j.end and age(data, j.employee_id, j.end) >= 63]
        retired = [j for j in gone if j.end_reason is EndReason.RETIREMENT]
        assert len([j for j in old if j.end_reason is EndReason.RETIREMENT]) >= 0.8 * len(old)
        assert [] == [j for j in retired if j.end and age(data, j.employee_id, j.end) < 62]

    def test_contracts_renewed_over_a_weekend(self) -> None:
        """Some fixed-term contracts end on a Friday and go on on Monday: no departure then."""
        data = example()
        starts = {(j.employee_id, j.start) for j in data.employments}
        renewed = [
            j
            for j in data.employments
            if j.employment_type is EmploymentType.FIXED_TERM
            and j.end is not None
            and j.end.weekday() == 4
            and (j.employee_id, j.end + timedelta(days=3)) in starts
        ]
        assert renewed
        ever = Window(start=date(2000, 1, 1), end=YEAR_END)
        gone = {(j.employee_id, j.end) for j in departures(data, ever)}
        assert [] == [j for j in renewed if (j.employee_id, j.end) in gone]


class TestMeasures:
    """Seed 003 section 1: each risk with its own measures, each with its desired effect
    ("Önskad effekt: Ordning och reda i lokalerna")."""

    def test_no_measure_from_another_risk(self) -> None:
        """Threats and violence never get a ventilation unit; bad air never gets an alarm."""
        pairs = {(r.title, m.title) for r in example().risks for m in r.measures}
        assert ("Hot och våld i mötet med brukare", "Byte av ventilationsaggregat") not in pairs
        assert (
            "Bristande ventilation och höga temperaturer",
            "Överfallslarm till all personal",
        ) not in pairs
        assert ("Hot och våld i mötet med brukare", "Överfallslarm till all personal") in pairs

    def test_each_risk_has_a_few_measures_of_its_own(self) -> None:
        """A risk title draws on at most five measures, each measure title on one effect."""
        risks = example().risks
        measures: dict[str, set[str]] = {}
        effects: dict[str, set[str | None]] = {}
        for risk in risks:
            for m in risk.measures:
                measures.setdefault(risk.title, set()).add(m.title)
                effects.setdefault(m.title, set()).add(m.desired_effect)
        assert max(map(len, measures.values())) <= 5
        assert {1} == set(map(len, effects.values()))
        assert len({e for es in effects.values() for e in es}) >= 40

    def test_risks_fit_the_committee(self) -> None:
        """Children who act out belong to preschools, students to schools, heavy lifts to care."""
        data = example()
        where = {
            "Utåtagerande barn": {"n1"},
            "Hot och våld från elever": {"n2", "n3"},
            "Tunga lyft och förflyttningar": {"n8", "n9"},
        }
        for title, committees in where.items():
            assert committees >= {
                committee(data, r.unit_id) for r in data.risks if r.title == title
            }

    def test_old_measures_are_closed(self) -> None:
        """No measure due before the last year is still planned or in progress."""
        open_ = [
            m
            for r in example().risks
            for m in r.measures
            if m.due and m.due.year < LAST_YEAR and m.status.value in ("planned", "in_progress")
        ]
        assert [] == open_


class TestInspectionsAndAnswers:
    """Seed 000: "Arbetsmiljöverket har genomfört inspektioner på grundskolenämnden, vård- och
    omsorgsnämnden samt socialnämnden under året", three of nine committees."""

    @pytest.mark.parametrize("year", range(FIRST_YEAR, LAST_YEAR + 1))
    def test_few_units_in_two_to_four_committees(self, year: int) -> None:
        """1-2 % of the units answer that they were inspected, in two to four committees."""
        data = example()
        yes = [
            a.unit_id
            for a in data.answers
            if a.year == year
            and a.question_id == "inspections.inspected"
            and a.answer is Answer.YES
        ]
        assert 0.01 * 460 - 1 <= len(yes) <= 0.02 * 460 + 1
        assert 2 <= len({committee(data, u) for u in yes}) <= 4

    def test_root_report_names_the_inspected_committees(self) -> None:
        """The municipality's report names two to four committees with an inspection."""
        data = example()
        root = roll_up(data.org, build_reports(data, LAST_YEAR)).root
        named = [
            uid for uid, kid in root.children.items() if kid.answers["inspections.inspected"].yes
        ]
        assert 2 <= len(named) <= 4
        assert 9 == len(root.children)

    @pytest.mark.parametrize("year", range(FIRST_YEAR, LAST_YEAR + 1))
    def test_doubts_in_a_few_committees(self, year: int) -> None:
        """Other questions are answered yes, but for a few answers in two or three committees."""
        answers = [
            a
            for a in example().answers
            if a.year == year and a.question_id != "inspections.inspected"
        ]
        doubts = [a for a in answers if a.answer is not Answer.YES]
        assert len(doubts) <= 0.05 * len(answers)
        assert len({committee(example(), a.unit_id) for a in doubts}) <= 3


class TestDelegations:
    """Seed 003: "Efter godkänt certifieringstest, kan chef motta en vidarefördelning"; "a broken
    link breaks the chain below it" (DOMAIN.md)."""

    def test_few_defects_of_each_kind(self) -> None:
        """In the last year every kind of defect occurs, each in at most 5 % of the delegations."""
        data = example()
        findings = check_delegations(
            data.delegations, data.certifications, YEAR_END, top_ids=data.delegation_top
        )
        units = {
            kind: {f.delegation_id for f in findings if f.kind is kind} for kind in FindingKind
        }
        many = len(data.delegations)
        for kind in (
            FindingKind.NOT_IN_WRITING,
            FindingKind.NOT_CERTIFIED,
            FindingKind.CERTIFICATION_EXPIRED,
            FindingKind.RETURNED,
            FindingKind.LACKS_RESOURCES,
        ):
            assert 0 < len(units[kind]) <= 0.05 * many, kind
        assert len(units[FindingKind.SIGNED_BEFORE_CERTIFIED]) <= 0.03 * many
        assert 0 < len(units[FindingKind.BROKEN_CHAIN]) <= 0.1 * many

    def test_certified_before_signing(self) -> None:
        """Nearly every signed delegation was signed after its manager's first certification."""
        data = example()
        first: dict[str, date] = {}
        for c in data.certifications:
            first[c.person_id] = min(c.certified_on, first.get(c.person_id, date.max))
        signed = [d for d in data.delegations if d.signed_on is not None]
        early = [
            d for d in signed if d.signed_on and d.signed_on < first.get(d.delegate_id, date.max)
        ]
        assert len(early) <= 0.03 * len(signed)

    def test_top_of_the_chain_is_sound(self) -> None:
        """The committees' and administrations' delegations have no finding, so no chain breaks there."""
        data = example()
        findings = check_delegations(
            data.delegations, data.certifications, YEAR_END, top_ids=data.delegation_top
        )
        unit = {d.id: d.unit_id for d in data.delegations}
        assert [] == [
            f for f in findings if level(data, unit[f.delegation_id]) in ("nämnd", "förvaltning")
        ]


class TestRisksOnward:
    """Seed 000: risks "lyfts till respektive nämnd ... som inte har kunnat hanteras fullt ut",
    mainly "arbetsrelaterad utmattning, hot och våld och undermåliga lokaler"."""

    def test_only_serious_risks_go_onward(self) -> None:
        """Every risk reported onward has level 8 or more."""
        onward = [r for r in example().risks if r.reported_onward]
        assert onward
        assert [] == [r for r in onward if r.level < 8]

    def test_some_climb_to_the_committee_or_the_municipality(self) -> None:
        """Risks sent further up go to their own committee or the municipality, never to themselves."""
        data = example()
        sent = [r for r in data.risks if r.reported_to is not None]
        targets = Counter(level(data, r.reported_to) for r in sent if r.reported_to)
        assert targets["nämnd"] > targets["kommun"] > 0
        assert set(targets) == {"nämnd", "kommun"}
        for r in sent:
            assert r.reported_to in {u.id for u in data.org.ancestors(r.unit_id)}
            assert r.reported_to != r.unit_id

    def test_what_goes_onward(self) -> None:
        """Only workload and exhaustion, threats and violence, premises and staffing go onward."""
        titles = {r.title for r in example().risks if r.reported_onward}
        pattern = re.compile(
            r"arbetsbelastning|utmattning|hot|utåtagerande|lokaler|ventilation|rekrytera"
        )
        assert [] == [t for t in titles if not pattern.search(t.lower())]


class TestEmployeeSurveys:
    """Seed 000: the survey "besvarades av mer än 4 700 medarbetare (82 procent)"."""

    def test_one_survey_per_workplace_and_year_from_2021(self) -> None:
        """Every unit with staff has a survey each year from 2021 on; no other unit has one."""
        data = example()
        staffed = {j.unit_id for j in data.employments}
        years = Counter(s.year for s in data.employee_surveys)
        assert set(range(2021, LAST_YEAR + 1)) == set(years)
        assert {s.unit_id for s in data.employee_surveys} <= staffed

    def test_response_rate_and_index(self) -> None:
        """About 75-90 % answer, the index averages 65-80, and units differ."""
        surveys = [s for s in example().employee_surveys if s.year == LAST_YEAR]
        invited = sum(s.invited for s in surveys)
        answered = sum(s.respondents for s in surveys)
        index = sum(s.index_total or 0.0 for s in surveys) / answered
        assert 0.75 <= answered / invited <= 0.9
        assert 65 <= index <= 80
        means = [(s.index_total or 0.0) / s.respondents for s in surveys if s.respondents]
        assert max(means) - min(means) >= 10


class TestNarratives:
    """The template's sections with a text of their own (``Section.narrative``)."""

    def test_committees_and_root_write_every_year(self) -> None:
        """The municipality and each committee write in six or more sections each year."""
        data = example()
        written = Counter((n.unit_id, n.year) for n in data.narratives)
        for unit in data.org.units:
            if unit.level in ("kommun", "nämnd"):
                for year in range(FIRST_YEAR, LAST_YEAR + 1):
                    assert written[unit.id, year] >= 6, (unit.id, year)

    def test_sections_and_length(self) -> None:
        """Each text belongs to a section with text in that year's template and has 1-3 sentences."""
        for n in example().narratives:
            sections = {s.id for _, s in template_for(n.year).numbered() if s.narrative}
            assert n.section in sections
            assert 1 <= len(re.findall(r"[.!?](?:\s|$)", n.text)) <= 3, n.text

    def test_inspections_text_follows_the_answers(self) -> None:
        """A committee writes of inspections only in a year when one of its units was inspected."""
        data = example()
        inspected = {
            (committee(data, a.unit_id), a.year)
            for a in data.answers
            if a.question_id == "inspections.inspected" and a.answer is Answer.YES
        }
        for n in data.narratives:
            if n.section == "inspections" and level(data, n.unit_id) == "nämnd":
                assert ((n.unit_id, n.year) in inspected) == ("har inspekterat" in n.text)


class TestSubmissions:
    """The aggregation plan: reports handed in level by level in the spring after the year."""

    def test_a_handful_still_drafting_in_the_last_year(self) -> None:
        """Every unit reports every year, but for four to seven units of the last year."""
        data = example()
        handed = Counter(s.year for s in data.submissions)
        assert dict.fromkeys(range(FIRST_YEAR, LAST_YEAR), 460) == {
            y: handed[y] for y in range(FIRST_YEAR, LAST_YEAR)
        }
        assert 4 <= 460 - handed[LAST_YEAR] <= 7

    def test_units_in_february_and_march_committees_present_in_april_and_may(self) -> None:
        """Units hand in in February and March; committees present in April or May, on weekdays."""
        data = example()
        for s in data.submissions:
            assert s.submitted_on
            assert s.presented_on
            assert s.submitted_on.weekday() < 5
            assert s.presented_on.weekday() < 5
            if level(data, s.unit_id) == "enhet":
                assert (
                    (s.year + 1, 2)
                    <= (s.submitted_on.year, s.submitted_on.month)
                    <= (s.year + 1, 3)
                )
            if level(data, s.unit_id) == "nämnd":
                assert s.presented_on.month in (4, 5)

    def test_parents_after_their_children(self) -> None:
        """No unit hands in its report before a unit below it has handed in its own."""
        data = example()
        day = {(s.unit_id, s.year): s.submitted_on for s in data.submissions}
        for s in data.submissions:
            parent = data.org.unit(s.unit_id).parent_id
            if parent is not None:
                above = day[parent, s.year]
                assert s.submitted_on
                assert above
                assert s.submitted_on < above


class TestRehabCases:
    """Seed 003: "När det gäller de avslutade rehabiliteringsärendena har 83 procent av
    medarbetarna återgått till ordinarie arbete och 17 procent har antingen slutat sin
    anställning i Huddinge kommun eller tagit tjänstledigt"; the plan for return to work is due
    by day 30 when the absence is expected to last 60 days (socialförsäkringsbalken 30 kap. 6 §)."""

    def test_same_seed_same_cases(self) -> None:
        """Two builds of one seed give the same cases; another seed gives other cases."""
        cases = municipality(employees=300, seed=5).rehab_cases
        assert cases
        assert cases == municipality(employees=300, seed=5).rehab_cases
        assert cases != municipality(employees=300, seed=6).rehab_cases

    @pytest.mark.parametrize("year", range(FIRST_YEAR, LAST_YEAR + 1))
    def test_cases_each_year(self, year: int) -> None:
        """Each year about one employee in five to seven gets a case: 800-1,800 cases opened."""
        opened = [c for c in example().rehab_cases if c.opened_on.year == year]
        assert 800 <= len(opened) <= 1800

    def test_in_the_unit_of_the_employment_then(self) -> None:
        """Every case lies in the unit the employee was employed in on the day it opened."""
        data = example()
        jobs: dict[str, list[Employment]] = {}
        for job in data.employments:
            jobs.setdefault(job.employee_id, []).append(job)
        for case in data.rehab_cases:
            units = {
                j.unit_id
                for j in jobs[case.employee_id]
                if j.start <= case.opened_on and (j.end is None or case.opened_on <= j.end)
            }
            assert {case.unit_id} == units, case.id

    def test_every_long_spell_has_a_case(self) -> None:
        """A spell that reaches day 30 lies within a case; one that reaches day 60 was expected long."""
        data = example()
        cases = cases_of(data)
        for eid, start, end in spells(data):
            days = (end - start).days + 1
            if days < 30:
                continue
            within = [
                c
                for c in cases.get(eid, [])
                if c.opened_on <= start and (c.closed_on is None or start <= c.closed_on)
            ]
            assert within, (eid, start)
            if days >= 60:
                assert [c for c in within if c.sick_leave_from == start and c.expected_long]

    def test_sick_leave_step_on_the_first_sick_day(self) -> None:
        """A case's sick-leave step is the first day of a spell, and a case opened earlier began
        with early signals."""
        data = example()
        starts = {(eid, start) for eid, start, _ in spells(data)}
        for case in data.rehab_cases:
            steps = [s.step for s in case.steps]
            if RehabStep.SICK_LEAVE_ROUTINES in steps:
                assert (case.employee_id, case.sick_leave_from) in starts
                if case.opened_on < case.sick_leave_from:
                    assert RehabStep.EARLY_SIGNALS == steps[0]

    def test_one_case_at_a_time(self) -> None:
        """No employee has two cases open on one day."""
        for cases in cases_of(example()).values():
            cases.sort(key=lambda c: c.opened_on)
            for before, after in pairwise(cases):
                assert before.closed_on is not None
                assert before.closed_on < after.opened_on

    def test_outcome_shares(self) -> None:
        """Of the cases closed in the last year about 80 % went back to ordinary work, 8 % to
        other work, 5-12 % left and a few ended otherwise."""
        summary = RehabSummary.of(example().rehab_cases, Window.calendar_year(LAST_YEAR))
        assert summary.closed_total.cases >= 800

        def share(outcome: RehabOutcome) -> float:
            return (summary.outcome_share(outcome).percent or 0.0) / 100

        assert 0.74 <= share(RehabOutcome.ORDINARY_WORK) <= 0.88
        assert 0.05 <= share(RehabOutcome.OTHER_WORK) <= 0.12
        assert 0.05 <= share(RehabOutcome.LEFT) <= 0.12
        assert 0.0 < share(RehabOutcome.OTHER) <= 0.05

    def test_left_when_the_employment_ended(self) -> None:
        """A case closed as left closes on the last day of the employee's employment."""
        data = example()
        last = {j.employee_id: j.end for j in data.employments}
        left = [c for c in data.rehab_cases if c.outcome is RehabOutcome.LEFT]
        assert left
        assert [] == [c for c in left if last[c.employee_id] != c.closed_on]

    def test_closed_some_weeks_after_the_return(self) -> None:
        """Back at work, the case closes within nine weeks, half of them within two to seven."""
        gaps = sorted(
            (c.closed_on - s.on).days
            for c in example().rehab_cases
            for s in c.steps
            if s.step is RehabStep.ORDINARY_WORK
            and c.outcome is RehabOutcome.ORDINARY_WORK
            and c.closed_on is not None
        )
        assert gaps
        assert 0 <= gaps[0]
        assert gaps[-1] <= 63
        assert 14 <= gaps[len(gaps) // 2] <= 49

    def test_plans_mostly_on_time(self) -> None:
        """In the last year 75-90 % of the plans due were made by day 30, some late, a few
        missing; more were on time than in the first year."""
        cases = example().rehab_cases

        def on_time(year: int) -> float:
            summary = RehabSummary.of(cases, Window.calendar_year(year))
            return summary.plans_on_time.cases / summary.plans_due.cases

        last = RehabSummary.of(cases, Window.calendar_year(LAST_YEAR))
        assert last.plans_due.cases >= 500
        assert 0.75 <= on_time(LAST_YEAR) <= 0.9
        assert 0 < last.plans_missing.cases < last.plans_late.cases
        assert on_time(FIRST_YEAR) < on_time(LAST_YEAR)

    def test_the_latest_cases_are_still_open(self) -> None:
        """On the last day some cases are open, nearly all of them opened in the last year."""
        still = [c for c in example().rehab_cases if c.is_open(YEAR_END)]
        assert len(still) >= 100
        assert len([c for c in still if c.opened_on.year == LAST_YEAR]) >= 0.9 * len(still)


class TestHealthFactors:
    """Seed 002: "Ett obligatoriskt steg är att alla verksamheter inventerar och skattar vilka
    friskfaktorer man ska fokusera på", followed up "i arbetsmiljörapporten från och med 2026"."""

    def test_same_seed_same_inventories(self) -> None:
        """Two builds of one seed give the same inventories; another seed gives others."""
        made = municipality(employees=300, seed=5).health_factors
        assert made
        assert made == municipality(employees=300, seed=5).health_factors
        assert made != municipality(employees=300, seed=6).health_factors

    def test_the_last_two_years_only(self) -> None:
        """Inventories exist for the last two years of the records and no other."""
        assert {LAST_YEAR - 1, LAST_YEAR} == {i.year for i in example().health_factors}

    @pytest.mark.parametrize("year", [LAST_YEAR - 1, LAST_YEAR])
    def test_about_sixty_percent_of_the_units_with_staff(self, year: int) -> None:
        """Only units with staff in the year make one, and 45-75 % of them do."""
        first, last = date(year, 1, 1), date(year, 12, 31)
        staffed = {
            j.unit_id
            for j in example().employments
            if j.start <= last and (j.end is None or first <= j.end)
        }
        made = {i.unit_id for i in inventories(year)}
        assert made <= staffed
        assert 0.45 <= len(made) / len(staffed) <= 0.75

    def test_focus_on_the_weak_factors(self) -> None:
        """Every factor is rated; one to three are chosen, rated lower on average than the rest."""
        chosen: list[int] = []
        others: list[int] = []
        for i in example().health_factors:
            assert 8 == len(i.ratings)
            assert 1 <= len(i.focus) <= 3
            for factor, rating in i.ratings.items():
                (chosen if factor in i.focus else others).append(rating)
        assert sum(chosen) / len(chosen) + 0.4 <= sum(others) / len(others)

    def test_ratings_lean_by_unit(self) -> None:
        """Units differ as a whole: the means of units spread wider than eight independent
        ratings would (standard deviation at least 0.45 against about 0.3)."""
        means = [sum(i.ratings.values()) / 8 for i in inventories(LAST_YEAR)]
        mean = sum(means) / len(means)
        spread = (sum((m - mean) ** 2 for m in means) / len(means)) ** 0.5
        assert spread >= 0.45
        assert 2.7 <= mean <= 3.6

    def test_activities_planned_and_followed_up(self) -> None:
        """Each unit plans two to six activities and follows up part of them, more the year before."""
        for i in example().health_factors:
            assert 2 <= i.activities_planned <= 6

        def followed(year: int) -> float:
            made = inventories(year)
            return sum(i.activities_followed_up for i in made) / sum(
                i.activities_planned for i in made
            )

        assert 0.4 <= followed(LAST_YEAR) < followed(LAST_YEAR - 1) <= 0.95
