"""Speed and memory of samcore on a whole synthetic municipality.

    python benchmarks/bench.py            # the full run, 6,000 and 12,000 employees
    python benchmarks/bench.py --smoke    # a quick check that every step runs

Prints one line per figure with its target. Timings are the best of a few
runs, on whatever machine runs the script.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

from samcore import (
    Dataset,
    Employee,
    Employment,
    Month,
    Reports,
    SickLeavePeriod,
    Window,
    build_reports,
    roll_up,
    sick_leave,
    sick_leave_trend,
)
from samcore.examples import municipality

T = TypeVar("T")


def best(runs: int, work: Callable[[], T]) -> tuple[float, T]:
    """The fastest of ``runs`` timings, and the last result."""
    fastest = float("inf")
    result: T
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, result


def rows_of(data: Dataset) -> tuple[list[tuple[object, ...]], ...]:
    """The people records as plain tuples, as an HR export would give them."""
    return (
        [(e.id, e.gender, e.birth_date, e.personnel_group) for e in data.employees],
        [
            (j.employee_id, j.unit_id, j.start, j.end, j.fte, j.weekly_hours)
            for j in data.employments
        ],
        [(p.employee_id, p.start, p.end, p.extent) for p in data.sick_leave],
    )


def construct(rows: tuple[list[tuple[object, ...]], ...]) -> int:
    """Build the samcore records from plain tuples; returns how many were built."""
    people, jobs, periods = rows
    staff = [Employee(id=i, gender=g, birth_date=b, personnel_group=p) for i, g, b, p in people]  # type: ignore[arg-type]
    held = [
        Employment(employee_id=e, unit_id=u, start=s, end=x, fte=f, weekly_hours=h)  # type: ignore[arg-type]
        for e, u, s, x, f, h in jobs
    ]
    sick = [SickLeavePeriod(employee_id=e, start=s, end=x, extent=f) for e, s, x, f in periods]  # type: ignore[arg-type]
    return len(staff) + len(held) + len(sick)


def line(label: str, value: float, unit: str, target: float | None) -> None:
    verdict = "" if target is None else ("  ok" if value <= target else "  OVER TARGET")
    goal = "" if target is None else f" (target < {target:g} {unit})"
    print(f"{label:<46} {value:10.3f} {unit}{goal}{verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="small sizes, one run each")
    args = parser.parse_args()
    size, runs = (300, 1) if args.smoke else (6000, 3)

    generated, data = best(1 if args.smoke else 2, lambda: municipality(employees=size))
    r12 = Window.rolling12(Month(year=2024, month=12))
    print(
        f"municipality of {size} positions: {len(data.org)} units, {len(data.employees)} employees, "
        f"{len(data.employments)} employments, {len(data.sick_leave)} sick-leave periods"
    )
    line("generate the example municipality", generated, "s", 3.0)

    rows = rows_of(data)
    built_time, built = best(runs, lambda: construct(rows))
    line(f"construct {built} records from tuples", built_time, "s", 0.5)

    one, result = best(
        runs, lambda: sick_leave(data.employees, data.employments, data.sick_leave, r12)
    )
    line(f"sick_leave R12 2024-12, {len(result)} units", one, "s", 0.5)

    windows = [Window.rolling12(Month(year=2024, month=m)) for m in range(1, 13)]
    trend, _ = best(
        runs, lambda: sick_leave_trend(data.employees, data.employments, data.sick_leave, windows)
    )
    line("sick_leave_trend, twelve R12 windows of 2024", trend, "s", 3.0)
    separate, _ = best(
        1,
        lambda: [sick_leave(data.employees, data.employments, data.sick_leave, w) for w in windows],
    )
    line("sick_leave, twelve separate calls", separate, "s", 3.0)

    reports, rolled = best(runs, lambda: roll_up(data.org, build_reports(data, 2024)))
    line("build_reports + roll_up, 2024", reports, "s", 2.0)
    published, _ = best(runs, lambda: Reports(data.org, rolled, own=rolled.own).published())
    line(f"publish all {len(rolled)} reports (suppression)", published, "s", 1.0)
    tracemalloc.start()
    kept = roll_up(data.org, build_reports(data, 2024))
    retained = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del kept
    line("memory held by the rolled-up reports", retained, "MB", None)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    line(f"peak memory, {size} positions, all steps above", peak, "MB", 300.0)

    if not args.smoke:
        double = municipality(employees=2 * size)
        twice, _ = best(
            runs, lambda: sick_leave(double.employees, double.employments, double.sick_leave, r12)
        )
        line(f"sick_leave with {2 * size} positions", twice, "s", None)
        line("growth when doubling (x time)", twice / one, "x", 2.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
