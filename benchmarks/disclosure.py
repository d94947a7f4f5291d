"""What a reader could work out from the published reports of the example municipality.

    python benchmarks/disclosure.py

For every unit's sick-leave tables (this year and last), counts the tables in
which the total minus the rows shown gives a group of 1 to 10 people, and
compares the summed headcount of the root with its distinct headcount.
"""

from __future__ import annotations

from samcore import AgeBand, Gender, build_reports, roll_up
from samcore.examples import municipality

PARTS = (
    (
        ("woman", Gender.WOMAN, None),
        ("man", Gender.MAN, None),
        ("unspecified", Gender.UNSPECIFIED, None),
    ),
    (
        ("up_to_29", None, AgeBand.UP_TO_29),
        ("30_to_49", None, AgeBand.FROM_30_TO_49),
        ("50_and_over", None, AgeBand.FROM_50),
        ("unknown", None, AgeBand.UNKNOWN),
    ),
)


def main() -> None:
    data = municipality(employees=6000)
    reports = roll_up(data.org, build_reports(data, 2024))
    published = reports.published()
    tables = leaks = hidden = shown = 0
    for uid, report in reports.items():
        figures = published[uid].figures
        for field in ("sick_leave", "sick_leave_previous"):
            sick = getattr(report, field)
            for part in PARTS:
                for name, _, _ in part:
                    if name not in ("unspecified", "unknown") and sick.headcount() > 0:
                        if figures[f"{field}.{name}.percent"] is None:
                            hidden += 1
                        else:
                            shown += 1
                if figures[f"{field}.total.percent"] is None:
                    continue
                tables += 1
                rest = sum(
                    sick.headcount(gender=g, age_band=b)
                    for name, g, b in part
                    if name in ("unspecified", "unknown")
                    or figures[f"{field}.{name}.percent"] is None
                )
                leaks += 0 < rest <= 10
    root = reports[data.org.root.id].sick_leave
    summed = sum(build_reports(data, 2024)[u].sick_leave.headcount() for u in data.org)
    print(f"tables with a shown total: {tables}; total minus shown rows gives 1-10 people: {leaks}")
    print(f"gender and age rows shown: {shown}, hidden: {hidden}")
    print(f"root headcount (distinct): {root.headcount()}; summed over units: {summed}")


if __name__ == "__main__":
    main()
