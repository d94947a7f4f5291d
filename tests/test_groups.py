"""The personnel groups with the highest sick leave: the table of seed 002, published and rendered."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oracle
from samcore import (
    Employee,
    Employment,
    Gender,
    InvalidValueError,
    Month,
    PersonnelGroupRow,
    SickLeavePeriod,
    Window,
    Workforce,
    from_json,
    personnel_group,
    personnel_group_table,
    render_personnel_groups,
    round_half_up,
    to_json,
)
from samcore import strategies as sst

# 100 days, so that a full-time person's sick day is 1 % of their own scheduled time.
WINDOW = Window(start=date(2024, 1, 1), end=date(2024, 4, 9))
HIRED = date(2020, 1, 1)


def group(
    name: str | None, prefix: str, n: int, women: int, *, half_time: int = 0
) -> tuple[list[Employee], list[Employment]]:
    """``n`` people of a group, the first ``women`` of them women, the first ``half_time`` at 50 %."""
    staff = [
        Employee(id=f"{prefix}{i}", gender=Gender.WOMAN if i < women else Gender.MAN)
        for i in range(n)
    ]
    jobs = [
        Employment(
            employee_id=e.id,
            unit_id="u",
            start=HIRED,
            fte=0.5 if i < half_time else 1.0,
            personnel_group=name,
        )
        for i, e in enumerate(staff)
    ]
    return staff, jobs


def sick(employee_id: str, start: date, end: date, extent: float = 1.0) -> SickLeavePeriod:
    return SickLeavePeriod(employee_id=employee_id, start=start, end=end, extent=extent)


def three_groups() -> tuple[list[Employee], list[Employment], list[SickLeavePeriod]]:
    """Seed 002's table 1 in small: three groups, rates worked out by hand in the tests.

    Stödpedagog: 20 people, 15 women, s0 at half time. s0 sick 1 Jan-29 Feb (60 days:
    14 short, 46 long, at half hours: 7 + 23), s1 sick 1-20 Mar (14 + 6), s2 1-5 Apr at
    50 % (2.5 short). Scheduled: 19.5 × 100 full days. Short 23.5, long 29, total 52.5.

    Barnskötare: 40 people, 36 women. b0 sick 1 Jan-12 Feb (43 days: 14 + 29), b1-b3
    sick 4-10 Mar (7 short each). Scheduled 4000. Short 35, long 29, total 64.

    Fältsekreterare: 12 people, 9 women. f9 sick the whole window (100 days: 14 + 86).
    Scheduled 1200.
    """
    staff: list[Employee] = []
    jobs: list[Employment] = []
    for name, prefix, n, women, half in (
        ("Stödpedagog", "s", 20, 15, 1),
        ("Barnskötare", "b", 40, 36, 0),
        ("Fältsekreterare", "f", 12, 9, 0),
    ):
        people, held = group(name, prefix, n, women, half_time=half)
        staff += people
        jobs += held
    periods = [
        sick("s0", date(2024, 1, 1), date(2024, 2, 29)),
        sick("s1", date(2024, 3, 1), date(2024, 3, 20)),
        sick("s2", date(2024, 4, 1), date(2024, 4, 5), 0.5),
        sick("b0", date(2024, 1, 1), date(2024, 2, 12)),
        *(sick(f"b{i}", date(2024, 3, 4), date(2024, 3, 10)) for i in (1, 2, 3)),
        sick("f9", date(2024, 1, 1), date(2024, 4, 9)),
    ]
    return staff, jobs, periods


def row(name: str | None, *figures: float) -> PersonnelGroupRow:
    employees, women, total, short, long = figures
    return PersonnelGroupRow(
        group=name,
        employees=int(employees),
        women_percent=women,
        total_percent=total,
        short_percent=short,
        long_percent=long,
    )


# 100/1200 = 8.33 %, 14/1200 = 1.17 %, 86/1200 = 7.17 %.
FALTSEKRETERARE = row("Fältsekreterare", 12, 75.0, 8.3, 1.2, 7.2)
# 52.5/1950 = 2.69 %, 23.5/1950 = 1.21 %, 29/1950 = 1.49 %.
STODPEDAGOG = row("Stödpedagog", 20, 75.0, 2.7, 1.2, 1.5)
# 64/4000 = 1.6 %, 35/4000 = 0.875 %, 29/4000 = 0.725 %.
BARNSKOTARE = row("Barnskötare", 40, 90.0, 1.6, 0.9, 0.7)


def changed_group() -> tuple[Employee, list[Employment]]:
    """A woman in group A until 19 Feb 2024 and in group B from 20 Feb."""
    jobs = [
        Employment(
            employee_id="m", unit_id="u", start=HIRED, end=date(2024, 2, 19), personnel_group="A"
        ),
        Employment(employee_id="m", unit_id="u", start=date(2024, 2, 20), personnel_group="B"),
    ]
    return Employee(id="m", gender=Gender.WOMAN), jobs


class TestPersonnelGroupTable:
    """Seed 002, table 1: "Personalgrupper med högst sjukfrånvaro": per group the number of
    employees, the share of women, total sick leave, day 1-14 and day 15-, highest first.
    """

    def test_seed_layout_by_hand(self) -> None:
        """Three groups come highest first, each with its headcount, share of women and rates."""
        assert (FALTSEKRETERARE, STODPEDAGOG, BARNSKOTARE) == personnel_group_table(
            *three_groups(), WINDOW
        )

    def test_rates_from_summed_hours(self) -> None:
        """Stödpedagog's rate is 52.5 of 1950 days (2.7 %), not the mean of its people's (4.1 %)."""
        rows = personnel_group_table(*three_groups(), WINDOW)
        mean_of_people = round(100 * (60 / 100 + 20 / 100 + 2.5 / 100) / 20, 1)
        assert (2.7, 4.1) == (rows[1].total_percent, mean_of_people)

    def test_top(self) -> None:
        """top=2 keeps the two highest groups."""
        assert (FALTSEKRETERARE, STODPEDAGOG) == personnel_group_table(
            *three_groups(), WINDOW, top=2
        )

    def test_employment_group_before_employee_group(self) -> None:
        """An employment's own group wins; without one, the employee's group is used."""
        staff, jobs = group(None, "c", 11, 11)
        staff = [Employee(id=e.id, gender=e.gender, personnel_group="Kock") for e in staff]
        jobs[0] = Employment(
            employee_id="c0", unit_id="u", start=HIRED, personnel_group="Måltidsbiträde"
        )
        rows = personnel_group_table(staff, jobs, [], WINDOW, min_group_size=0)
        assert [("Kock", 10), ("Måltidsbiträde", 1)] == [(r.group, r.employees) for r in rows]

    def test_unknown_group_counted_and_labelled(self) -> None:
        """Employments with no group at all make the group None, shown and ordered like the others."""
        staff, jobs, periods = three_groups()
        unknown, held = group(None, "x", 11, 0)
        rows = personnel_group_table(
            staff + unknown,
            jobs + held,
            [*periods, sick("x0", date(2024, 1, 1), date(2024, 1, 22))],
            WINDOW,
        )
        # 22 days: 14 short and 8 long, over 1100 days: 2.0 %, 1.3 %, 0.7 %.
        assert row(None, 11, 0.0, 2.0, 1.3, 0.7) == rows[2]
        assert ["Fältsekreterare", "Stödpedagog", None, "Barnskötare"] == [r.group for r in rows]

    def test_mover_in_both_groups(self) -> None:
        """Someone who changed group on 20 Feb counts in both headcounts; their spell goes on."""
        a_staff, a_jobs = group("A", "a", 10, 5)
        b_staff, b_jobs = group("B", "b", 10, 5)
        mover, moves = changed_group()
        period = sick("m", date(2024, 2, 10), date(2024, 2, 29))  # days 1-10 in A, 11-20 in B
        rows = personnel_group_table(
            [*a_staff, *b_staff, mover], [*a_jobs, *b_jobs, *moves], [period], WINDOW
        )
        # Each group: 10 × 100 + 50 days scheduled. A: 10 short days; B: 4 short and 6 long.
        assert (row("A", 11, 54.5, 1.0, 1.0, 0.0), row("B", 11, 54.5, 1.0, 0.4, 0.6)) == rows

    def test_mover_counts_once_in_the_whole(self) -> None:
        """The whole holds the mover once (30 people): minus the 20 shown, it would give 10 away."""
        small_a, jobs_a = group("A", "a", 5, 5)
        small_b, jobs_b = group("B", "b", 4, 4)
        big, jobs_c = group("C", "c", 20, 10)
        mover, moves = changed_group()
        staff = [*small_a, *small_b, *big, mover]
        rows = personnel_group_table(staff, [*jobs_a, *jobs_b, *jobs_c, *moves], [], WINDOW)
        assert [("A", True), ("B", True), ("C", True)] == [(r.group, r.hidden) for r in rows]
        # Had the mover been two people, the whole would hold 31 and C could show.
        other = Employee(id="n", gender=Gender.WOMAN)
        apart = [
            moves[0],
            Employment(employee_id="n", unit_id="u", start=HIRED, personnel_group="B"),
        ]
        rows = personnel_group_table(
            [*staff, other], [*jobs_a, *jobs_b, *jobs_c, *apart], [], WINDOW
        )
        assert [("C", False), ("A", True), ("B", True)] == [(r.group, r.hidden) for r in rows]

    def test_small_group_and_its_complement(self) -> None:
        """With two groups making the whole, a group of 3 is hidden, and so is the other of 11."""
        kurator, jobs_k = group("Kurator", "k", 3, 2)
        big, jobs_b = group("Barnskötare", "b", 11, 10)
        rows = personnel_group_table(
            kurator + big, jobs_k + jobs_b, [sick("k0", date(2024, 1, 1), date(2024, 1, 5))], WINDOW
        )
        assert (
            PersonnelGroupRow(group="Barnskötare"),
            PersonnelGroupRow(group="Kurator"),
        ) == rows

    def test_smallest_shown_group_hidden_too(self) -> None:
        """A group of 3 beside the three groups hides the smallest of them, Fältsekreterare."""
        staff, jobs, periods = three_groups()
        kurator, jobs_k = group("Kurator", "k", 3, 2)
        rows = personnel_group_table(staff + kurator, jobs + jobs_k, periods, WINDOW)
        assert (
            STODPEDAGOG,
            BARNSKOTARE,
            PersonnelGroupRow(group="Fältsekreterare"),
            PersonnelGroupRow(group="Kurator"),
        ) == rows

    def test_top_drops_hidden_groups(self) -> None:
        """top keeps shown groups only: a hidden group is no group with the highest sick leave."""
        staff, jobs, periods = three_groups()
        kurator, jobs_k = group("Kurator", "k", 3, 2)
        rows = personnel_group_table(staff + kurator, jobs + jobs_k, periods, WINDOW, top=5)
        assert (STODPEDAGOG, BARNSKOTARE) == rows

    @pytest.mark.parametrize(
        ("name", "value"), [("top", 0), ("top", 1.5), ("min_group_size", -1), ("window", None)]
    )
    def test_bad_arguments(self, name: str, value: object) -> None:
        """A bad argument raises InvalidValueError naming it."""
        with pytest.raises(InvalidValueError, match=f"'{name}'"):
            personnel_group_table(*three_groups(), **{"window": WINDOW, name: value})  # type: ignore[arg-type]


class TestPersonnelGroupRow:
    """ "A group of ten or fewer shows no figure": a hidden row holds no figure at all."""

    def test_hidden_row_with_a_figure(self) -> None:
        """A row without a headcount may not carry a share of women."""
        with pytest.raises(InvalidValueError, match="'women_percent' must be None while"):
            PersonnelGroupRow(group="Kurator", women_percent=50.0)

    @pytest.mark.parametrize("percent", [-0.1, 100.1])
    def test_percent_range(self, percent: float) -> None:
        """A percent lies in [0, 100]."""
        with pytest.raises(InvalidValueError, match="'total_percent' must be a number in"):
            PersonnelGroupRow(group="A", employees=12, total_percent=percent)

    def test_blank_group(self) -> None:
        """A group's name is not blank: the group without a name is None."""
        with pytest.raises(InvalidValueError, match="'group'"):
            PersonnelGroupRow(group=" ", employees=12)

    def test_round_trip(self) -> None:
        """A row reads back equal from its JSON."""
        assert FALTSEKRETERARE == from_json(to_json(FALTSEKRETERARE), PersonnelGroupRow)


class TestProperties:
    """The table agrees with a day-by-day model, and its order and top hold for any data."""

    @settings(max_examples=60, deadline=None)
    @given(sst.workforces(max_employees=8))
    def test_agrees_with_oracle(self, w: Workforce) -> None:
        """With nothing hidden, each group's headcount, women and rates are the model's."""
        window = Window.calendar_year(2024)

        def key(e: Employee, j: Employment) -> str:
            return personnel_group(e, j) or ""

        cells = oracle.sick_leave(w.employees, w.employments, w.periods, window, key=key)
        rows = personnel_group_table(
            w.employees, w.employments, w.periods, window, min_group_size=0
        )
        assert sorted({str(k) for k, _, _ in cells}) == sorted(r.group or "" for r in rows)
        for r in rows:
            mine = [acc for (k, _, _), acc in cells.items() if k == (r.group or "")]
            women = sum(
                acc[4]
                for (k, g, _), acc in cells.items()
                if k == (r.group or "") and g is Gender.WOMAN
            )
            scheduled = sum(acc[0] for acc in mine)
            headcount = sum(acc[4] for acc in mine)
            assert headcount == r.employees
            assert (
                None if not headcount else float(round_half_up(100 * women / headcount))
            ) == r.women_percent
            for published, sick_hours in (
                (r.total_percent, sum(acc[1] + acc[2] for acc in mine)),
                (r.short_percent, sum(acc[1] for acc in mine)),
                (r.long_percent, sum(acc[2] for acc in mine)),
            ):
                assert published is not None
                assert abs(100 * sick_hours / scheduled - published) <= 0.05 + 1e-6

    @settings(max_examples=60, deadline=None)
    @given(sst.workforces(max_employees=8), st.integers(0, 3), st.integers(1, 4))
    def test_order_top_and_whole(self, w: Workforce, limit: int, top: int) -> None:
        """Shown rows come first, highest first; top keeps the first shown; the hidden hold 0 or > limit."""
        window = Window.calendar_year(2024)
        table = (w.employees, w.employments, w.periods, window)
        rows = personnel_group_table(*table, min_group_size=limit)
        shown = [r for r in rows if not r.hidden]
        assert shown == list(rows[: len(shown)])
        totals = [r.total_percent or 0.0 for r in shown]
        assert sorted(totals, reverse=True) == totals
        assert tuple(shown[:top]) == personnel_group_table(*table, min_group_size=limit, top=top)
        staff = {e.id: e for e in w.employees}
        hidden_people = {
            j.employee_id
            for j in w.employments
            if j.active_in(window)
            and (personnel_group(staff[j.employee_id], j) or None)
            in {r.group for r in rows if r.hidden}
        }
        everyone = {j.employee_id for j in w.employments if j.active_in(window)}
        # Where the whole is that small, it is hidden where it is published, and so is every part.
        assert len(hidden_people) in (0, len(everyone)) or len(hidden_people) > limit


class TestRenderPersonnelGroups:
    """Seed 002's columns: Personalgrupp, Antal, Andel kvinnor, total, 1-14 and 15- days."""

    def test_golden_sv(self) -> None:
        """The three groups in Swedish, with a decimal comma and the period under the table."""
        rows = personnel_group_table(*three_groups(), WINDOW)
        assert (
            "| Personalgrupp | Antal anställda | Andel kvinnor (%) | Sjukfrånvaro totalt (%)"
            " | Dag 1–14 (%) | Dag 15– (%) |\n"
            "| --- | --- | --- | --- | --- | --- |\n"
            "| Fältsekreterare | 12 | 75,0 | 8,3 | 1,2 | 7,2 |\n"
            "| Stödpedagog | 20 | 75,0 | 2,7 | 1,2 | 1,5 |\n"
            "| Barnskötare | 40 | 90,0 | 1,6 | 0,9 | 0,7 |\n"
            "\n"
            "Personalgrupper med högst sjukfrånvaro, 2024-01-01 – 2024-04-09\n"
        ) == render_personnel_groups(rows, window=WINDOW)

    def test_golden_en(self) -> None:
        """Hidden, unknown and empty groups in English: dashes with the line saying why."""
        rows = [
            BARNSKOTARE,
            PersonnelGroupRow(group=None, employees=0),
            PersonnelGroupRow(group="Kurator"),
        ]
        assert (
            "| Personnel group | Employees | Women (%) | Sick leave, total (%)"
            " | Day 1–14 (%) | Day 15 on (%) |\n"
            "| --- | --- | --- | --- | --- | --- |\n"
            "| Barnskötare | 40 | 90.0 | 1.6 | 0.9 | 0.7 |\n"
            "| Unknown personnel group | 0 | no data | no data | no data | no data |\n"
            "| Kurator | – | – | – | – | – |\n"
            "\n"
            "– = not shown: the group has 5 or fewer employees, or its figure "
            "could be worked out from the figures shown.\n"
        ) == render_personnel_groups(rows, lang="en", min_group_size=5)

    @pytest.mark.parametrize(
        ("window", "caption"),
        [
            (Window.calendar_year(2024), "2024"),
            (Window.rolling12(Month(year=2024, month=4)), "R12 2024-04"),
            (Window(start=date(2024, 1, 1), end=date(2024, 11, 30)), "2024-01-01 – 2024-11-30"),
        ],
    )
    def test_period(self, window: Window, caption: str) -> None:
        """The caption names a calendar year, an R12 or the first and last day."""
        text = render_personnel_groups([], window=window, lang="en")
        assert f"Personnel groups with the highest sick leave, {caption}" == text.splitlines()[-1]

    def test_bad_rows(self) -> None:
        """Rows that are not PersonnelGroupRow raise InvalidValueError naming them."""
        with pytest.raises(InvalidValueError, match=r"'rows\[0\]'"):
            render_personnel_groups(["Barnskötare"])  # type: ignore[list-item]
