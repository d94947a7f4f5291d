"""The published form of reports: named attacks, the size of every shown group, exact sums."""

import random
from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samcore import (
    AgeBand,
    Dataset,
    Employee,
    Employment,
    Gender,
    InvalidValueError,
    OrgTree,
    OrgUnit,
    PublishedReport,
    Report,
    Reports,
    SickLeavePeriod,
    Window,
    build_reports,
    from_json,
    publish,
    roll_up,
    sick_leave,
    to_json,
)
from samcore import strategies as sst
from samcore.examples import municipality

START = date(2020, 1, 1)
ORG = OrgTree.from_units(
    [
        OrgUnit(id="k", name="Kommunen"),
        OrgUnit(id="a", name="A", parent_id="k"),
        OrgUnit(id="b", name="B", parent_id="k"),
    ]
)


def people(
    prefix: str, n: int, gender: Gender, unit: str, *, born: date = date(1980, 1, 1)
) -> tuple[list[Employee], list[Employment]]:
    staff = [Employee(id=f"{prefix}{i}", gender=gender, birth_date=born) for i in range(n)]
    jobs = [Employment(employee_id=e.id, unit_id=unit, start=START) for e in staff]
    return staff, jobs


def sick(employee_id: str, days: int) -> SickLeavePeriod:
    return SickLeavePeriod(employee_id=employee_id, start=date(2024, 3, 1), end=date(2024, 3, days))


def rolled(data: Dataset) -> Reports:
    return roll_up(data.org, build_reports(data, 2024))


class TestNamedAttacks:
    """ "No figure is shown for a group of ten or fewer employees, or where it could be tied to
    one person" (DOMAIN.md, statutory disclosure): not even by subtracting what is shown."""

    def test_eleven_women_and_one_man(self) -> None:
        """Total 3,8 and women 0,4 would give the man's 41 % (12 × 3,8 − 11 × 0,4): the women's
        row is hidden too."""
        women, w_jobs = people("w", 11, Gender.WOMAN, "a")
        men, m_jobs = people("m", 1, Gender.MAN, "a")
        data = Dataset(
            org=ORG,
            employees=women + men,
            employments=w_jobs + m_jobs,
            sick_leave=[sick("w0", 16), sick("m0", 31)],
        )
        shown = rolled(data).published()["a"]
        assert shown.figure("sick_leave.total.percent") is not None
        assert shown.figure("sick_leave.man.percent") is None
        assert shown.figure("sick_leave.woman.percent") is None
        assert "sick_leave.woman.percent" in shown.suppressed

    def test_unspecified_gender_is_total_minus_the_rest(self) -> None:
        """One person of unspecified gender among 12 women and 12 men: total − women − men gives
        them, so one more row is hidden."""
        women, w_jobs = people("w", 12, Gender.WOMAN, "a")
        men, m_jobs = people("m", 12, Gender.MAN, "a")
        other, o_jobs = people("x", 1, Gender.UNSPECIFIED, "a")
        data = Dataset(
            org=ORG,
            employees=women + men + other,
            employments=w_jobs + m_jobs + o_jobs,
            sick_leave=[sick("x0", 20)],
        )
        shown = rolled(data).published()["a"]
        hidden = [g for g in ("woman", "man") if shown.figure(f"sick_leave.{g}.percent") is None]
        assert 1 == len(hidden)

    def test_age_band_is_total_minus_the_others(self) -> None:
        """Eleven aged 30–49 and one aged 50 or over: the 30–49 row is hidden as well."""
        mid, mid_jobs = people("p", 11, Gender.WOMAN, "a", born=date(1985, 1, 1))
        old, old_jobs = people("q", 1, Gender.WOMAN, "a", born=date(1960, 1, 1))
        data = Dataset(org=ORG, employees=mid + old, employments=mid_jobs + old_jobs)
        shown = rolled(data).published()["a"]
        assert shown.figure("sick_leave.50_and_over.percent") is None
        assert shown.figure("sick_leave.30_to_49.percent") is None
        assert shown.figure("sick_leave.total.percent") is not None

    def test_parent_minus_its_other_child(self) -> None:
        """A parent of a child of 30 and a child of 3: the parent − the large child gives the small
        one, so one of the two is hidden (and the small one of course)."""
        big, big_jobs = people("p", 30, Gender.WOMAN, "a")
        small, small_jobs = people("q", 3, Gender.WOMAN, "b")
        data = Dataset(
            org=ORG,
            employees=big + small,
            employments=big_jobs + small_jobs,
            sick_leave=[sick("q0", 31)],
        )
        published = rolled(data).published()
        assert published["b"].figure("sick_leave.total.percent") is None
        shown = [
            u for u in ("k", "a") if published[u].figure("sick_leave.total.percent") is not None
        ]
        assert 1 == len(shown)

    def test_parent_minus_child_gives_its_own_staff(self) -> None:
        """A parent's own staff of two beside a child of 30: the parent − the child gives the two,
        so the parent's or the child's figure is hidden."""
        big, big_jobs = people("p", 30, Gender.WOMAN, "a")
        own, own_jobs = people("q", 2, Gender.WOMAN, "k")
        data = Dataset(
            org=ORG,
            employees=big + own,
            employments=big_jobs + own_jobs,
            sick_leave=[sick("q0", 31)],
        )
        published = rolled(data).published()
        shown = [
            u for u in ("k", "a") if published[u].figure("sick_leave.total.percent") is not None
        ]
        assert len(shown) < 2

    def test_mover_counts_once(self) -> None:
        """Six men who move from a to b on 1 July are six people at the parent, not twelve, so the
        parent shows no men's figure."""
        men = [Employee(id=f"m{i}", gender=Gender.MAN) for i in range(6)]
        women, w_jobs = people("w", 20, Gender.WOMAN, "a")
        jobs = [
            Employment(employee_id=m.id, unit_id="a", start=START, end=date(2024, 6, 30))
            for m in men
        ] + [Employment(employee_id=m.id, unit_id="b", start=date(2024, 7, 1)) for m in men]
        data = Dataset(org=ORG, employees=men + women, employments=jobs + w_jobs)
        reports = rolled(data)
        assert 6 == reports["k"].sick_leave.headcount(gender=Gender.MAN)
        assert reports.published()["k"].figure("sick_leave.man.percent") is None

    def test_no_employee_id_in_published_json(self) -> None:
        """The published JSON of every unit names no employee and holds no hours."""
        data = municipality(employees=400)
        reports = rolled(data)
        ids = {e.id for e in data.employees}
        for report in reports.published().values():
            text = to_json(report)
            assert not any(f'"{i}"' in text for i in ids)
            assert 'hours"' not in text.replace("additional", "").replace("overtime", "")


class TestEveryShownGroupIsLarge:
    """ "No output of samcore meant for publication contains a cell with fewer than
    min_group_size + 1 people." """

    @pytest.mark.parametrize("min_group_size", [5, 10])
    def test_example_municipality(self, min_group_size: int) -> None:
        """Every shown sick-leave and turnover figure of the example stands for more people than
        the threshold."""
        reports = rolled(municipality(employees=1500))
        published = reports.published(min_group_size=min_group_size)
        checked = 0
        for uid, report in published.items():
            for field in ("sick_leave", "sick_leave_previous"):
                sick_leave = getattr(reports[uid], field)
                for group, (gender, band) in (
                    ("total", (None, None)),
                    ("woman", (Gender.WOMAN, None)),
                    ("man", (Gender.MAN, None)),
                    ("up_to_29", (None, AgeBand.UP_TO_29)),
                    ("30_to_49", (None, AgeBand.FROM_30_TO_49)),
                    ("50_and_over", (None, AgeBand.FROM_50)),
                ):
                    if report.figure(f"{field}.{group}.percent") is not None:
                        checked += 1
                        heads = sick_leave.headcount(gender=gender, age_band=band)
                        assert heads > min_group_size
            for field in ("turnover", "turnover_previous"):
                moves = getattr(reports[uid], field)
                for group, gender in (
                    ("total", None),
                    ("woman", Gender.WOMAN),
                    ("man", Gender.MAN),
                ):
                    if report.figure(f"{field}.{group}.percent") is not None:
                        assert moves.average_headcount(gender=gender) > min_group_size
        assert checked > 50


class TestPublishedWire:
    """The published report is the JSON a UI serves as it is."""

    def test_round_trip(self) -> None:
        """Every published report of the example reads back equal from its JSON."""
        for report in rolled(municipality(employees=300)).published().values():
            assert report == from_json(to_json(report), PublishedReport)

    def test_report_read_from_json_is_published_conservatively(self) -> None:
        """Reports read back from JSON (counts without the people) still publish: the largest part
        stands in for a union, which can only make a hidden remainder look smaller."""
        data = municipality(employees=300)
        own = build_reports(data, 2024)
        reports = roll_up(data.org, own)
        back = Reports(
            data.org,
            {u: from_json(to_json(r), type(r)) for u, r in reports.items()},
            own={u: from_json(to_json(r), type(r)) for u, r in own.items()},
        )
        published = back.published()
        for uid, report in published.items():
            if report.figure("sick_leave.man.percent") is not None:
                assert reports[uid].sick_leave.headcount(gender=Gender.MAN) > 10
        assert published[data.org.root.id].figure("sick_leave.total.percent") is not None


class TestNoData:
    """A report for a year the data does not cover says so, rather than 0,0."""

    def test_uncovered_year(self) -> None:
        """2031 has no records: every sick-leave figure reads "uppgift saknas"."""
        data = municipality(employees=200)
        text = roll_up(data.org, build_reports(data, 2031)).render()
        assert "| Total sjukfrånvaro | uppgift saknas | uppgift saknas | – |" in text
        assert "0,0" not in text.split("### 2.2")[1].split("### 2.4")[0]


class TestExactSums:
    """Figures do not depend on record order or on how the records were partitioned."""

    @settings(max_examples=30, deadline=None)
    @given(sst.datasets(), st.randoms(use_true_random=False))
    def test_shuffled_records_give_identical_json(self, data: Dataset, rnd: random.Random) -> None:
        """Shuffling every record list gives equal reports and byte-identical JSON."""

        def shuffled(records: tuple[object, ...]) -> list[object]:
            out = list(records)
            rnd.shuffle(out)
            return out

        other = attrs.evolve(
            data,
            employees=shuffled(data.employees),
            employments=shuffled(data.employments),
            sick_leave=shuffled(data.sick_leave),
            extra_time=shuffled(data.extra_time),
            incidents=shuffled(data.incidents),
            certifications=shuffled(data.certifications),
            answers=shuffled(data.answers),
            employee_surveys=shuffled(data.employee_surveys),
            narratives=shuffled(data.narratives),
            submissions=shuffled(data.submissions),
        )
        one, two = rolled(data), rolled(other)
        for uid in data.org:
            assert one[uid] == two[uid]
            assert to_json(one[uid]) == to_json(two[uid])
            assert to_json(one.published()[uid]) == to_json(two.published()[uid])

    @settings(max_examples=30, deadline=None)
    @given(sst.datasets(), st.randoms(use_true_random=False))
    def test_partition_by_employee_adds_up_exactly(self, data: Dataset, rnd: random.Random) -> None:
        """Reports built on two halves of the employees, added, equal one pass, to the bit."""
        side = {e.id: rnd.random() < 0.5 for e in data.employees}

        def half(flag: bool) -> Dataset:
            mine = {e for e, s in side.items() if s is flag}
            return Dataset(
                org=data.org,
                employees=[e for e in data.employees if e.id in mine],
                employments=[j for j in data.employments if j.employee_id in mine],
                sick_leave=[p for p in data.sick_leave if p.employee_id in mine],
            )

        parts = [build_reports(half(flag), 2024) for flag in (True, False)]
        whole = build_reports(
            Dataset(
                org=data.org,
                employees=data.employees,
                employments=data.employments,
                sick_leave=data.sick_leave,
            ),
            2024,
        )
        for uid in data.org:
            added = parts[0][uid].sick_leave + parts[1][uid].sick_leave
            assert whole[uid].sick_leave == added
            assert to_json(whole[uid].sick_leave) == to_json(added)
            assert whole[uid].turnover == parts[0][uid].turnover + parts[1][uid].turnover


def test_publish_alone_protects_within_the_tables() -> None:
    """publish() of a lone report applies the table rules without a tree."""
    women, w_jobs = people("w", 11, Gender.WOMAN, "k")
    men, m_jobs = people("m", 1, Gender.MAN, "k")
    org = OrgTree.from_units([OrgUnit(id="k", name="K")])
    data = Dataset(org=org, employees=women + men, employments=w_jobs + m_jobs)
    shown = publish(build_reports(data, 2024)["k"])
    assert shown.figure("sick_leave.woman.percent") is None


class TestExactTies:
    """A rate that is exactly half a tenth publishes rounded up, though its hours are added in
    2⁻²⁰-hour steps that leave it a hair below the half."""

    def test_an_exact_tie_rounds_up(self) -> None:
        """40 full-timers over 100 days with 26 sick days: 26 / 4000 = 0.65 %, published 0.7."""
        window = Window(start=date(2024, 1, 1), end=date(2024, 4, 9))
        staff = [Employee(id=f"e{i}", gender=Gender.WOMAN) for i in range(40)]
        jobs = [Employment(employee_id=e.id, unit_id="u", start=date(2020, 1, 1)) for e in staff]
        sick = [SickLeavePeriod(employee_id="e0", start=date(2024, 1, 1), end=date(2024, 1, 26))]
        value = sick_leave(staff, jobs, sick, window)["u"]
        assert 100 == window.days
        assert value.rate().percent != 0.65  # the hours' steps show
        assert 0.7 == value.figures()["percent"]
        published = publish(Report(unit_id="u", year=2024, sick_leave=value))
        assert 0.7 == published.figure("sick_leave.total.percent")


class TestStaffAged60:
    """Staff aged 60 or more are a group of people: "groups of ten or fewer distinct people
    suppressed" applies to their count as to every other."""

    def test_few_hidden_many_shown(self) -> None:
        """Three people aged 60 or more show no count; twelve do."""
        for older, shown in ((3, False), (12, True)):
            staff = [
                Employee(id=f"e{i}", gender=Gender.WOMAN, birth_date=date(1950, 1, 1))
                for i in range(older)
            ] + [
                Employee(id=f"y{i}", gender=Gender.WOMAN, birth_date=date(1990, 1, 1))
                for i in range(20)
            ]
            jobs = [
                Employment(employee_id=e.id, unit_id="k", start=date(2020, 1, 1)) for e in staff
            ]
            org = OrgTree.from_units([OrgUnit(id="k", name="Kommunen")])
            data = Dataset(org=org, employees=staff, employments=jobs)
            published = roll_up(org, build_reports(data, 2024)).published()["k"]
            figure = published.figure("aged_60.total.headcount")
            assert (older if shown else None) == figure
            assert shown == ("aged_60.total.headcount" not in published.suppressed)


class TestNoIdsOnTheWire:
    """ "Employee ids never appear in the JSON of a metric value or a Report" (CONTRACT.md)."""

    @settings(max_examples=30, deadline=None)
    @given(sst.datasets())
    def test_metric_values_carry_counts_only(self, data: Dataset) -> None:
        """The JSON of every sick-leave, turnover and managers value names no employee or manager."""
        people = {e.id for e in data.employees} | {d.delegate_id for d in data.delegations}
        for report in rolled(data).values():
            for value in (report.sick_leave, report.turnover, report.managers):
                text = to_json(value)
                assert [] == [p for p in people if f'"{p}"' in text]


class TestPublishedChecks:
    """A published report holds every figure key and no other; hidden figures are None."""

    def test_missing_figures_read_as_no_data(self) -> None:
        """Figures left out of a hand-built report have no data; every key is there."""
        built = PublishedReport(unit_id="k", year=2024)
        assert set(publish(Report(unit_id="k", year=2024)).figures) == set(built.figures)
        assert built.figure("sick_leave.total.percent") is None

    def test_unknown_figure_key(self) -> None:
        """A key that no report publishes is refused, in figures and in figure()."""
        with pytest.raises(InvalidValueError, match="'figures key' must be a figure key"):
            PublishedReport(unit_id="k", year=2024, figures={"sick_leave.all.percent": 1.0})
        with pytest.raises(InvalidValueError, match="'key' must be a figure key"):
            PublishedReport(unit_id="k", year=2024).figure("nope")

    def test_suppressed_figures_are_none(self) -> None:
        """A suppressed figure shows nothing."""
        key = "sick_leave.woman.percent"
        with pytest.raises(InvalidValueError, match=r"'suppressed\[0\]' must name a figure"):
            PublishedReport(unit_id="k", year=2024, figures={key: 4.2}, suppressed=[key])

    def test_publish_arguments(self) -> None:
        """publish takes a Report."""
        with pytest.raises(InvalidValueError, match="'report' must be a Report"):
            publish(PublishedReport(unit_id="k", year=2024))  # type: ignore[arg-type]
