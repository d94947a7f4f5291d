"""Scale-out: one process against a pool of two, records built from rows in the workers.

    python benchmarks/scale_out.py            # 8x the default data: 48,000 positions
    python benchmarks/scale_out.py --smoke    # small, one run: a check that every step runs

The people's records come as plain rows, as an HR export gives them. One
process builds the records, the reports and the roll-up. The pool routes
the rows by ``partition_of`` in the parent, sends each worker only its rows
(and part 0 the records of units), builds the records and the reports in
the workers, then merges and rolls up in the parent. Both results must be
equal; so must Dask's (a small LocalCluster) when Dask is installed.
Timings are the best of a few runs, on whatever machine runs the script.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import date
from typing import Any, TypeVar

import attrs

from samcore import (
    Dataset,
    Employee,
    Employment,
    EmploymentType,
    EndReason,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    Report,
    Reports,
    SickLeavePeriod,
    build_reports,
    merge,
    partition_of,
    roll_up,
)
from samcore.examples import LAST_YEAR, municipality

T = TypeVar("T")
Row = tuple[Any, ...]
Rows = dict[str, list[Row]]
Job = tuple[dict[str, Any], Rows]
"""A worker's share: the dataset's fields that are not rows (records of units, settings), its rows."""

PEOPLE = ("employees", "employments", "sick_leave", "extra_time")
"""The tables that come as rows: the people's records, by far the most numerous."""


def best(runs: int, work: Callable[[], T]) -> tuple[float, T]:
    """The fastest of ``runs`` timings, and the last result."""
    fastest = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, result


def show(label: str, value: float, unit: str) -> None:
    """One figure of the benchmark."""
    print(f"{label:<58} {value:10.3f} {unit}")


def day(value: date | None) -> str | None:
    """A day as an export writes it."""
    return None if value is None else value.isoformat()


def rows_of(data: Dataset) -> Rows:
    """The people's records as rows of plain values: text, ISO days and numbers."""
    return {
        "employees": [
            (e.id, e.gender.value, day(e.birth_date), e.personnel_group) for e in data.employees
        ],
        "employments": [
            (
                j.employee_id,
                j.unit_id,
                day(j.start),
                day(j.end),
                j.fte,
                j.weekly_hours,
                j.employment_type.value,
                None if j.end_reason is None else j.end_reason.value,
                j.personnel_group,
            )
            for j in data.employments
        ],
        "sick_leave": [
            (p.employee_id, day(p.start), day(p.end), p.extent) for p in data.sick_leave
        ],
        "extra_time": [
            (x.employee_id, x.unit_id, day(x.day), x.hours, x.kind.value) for x in data.extra_time
        ],
    }


def parse(text: str | None) -> date | None:
    """A day of a row."""
    return None if text is None else date.fromisoformat(text)


def records(rows: Rows) -> dict[str, Any]:
    """The people's records built (and checked) from their rows."""
    return {
        "employees": [
            Employee(id=i, gender=Gender(g), birth_date=parse(b), personnel_group=p)
            for i, g, b, p in rows["employees"]
        ],
        "employments": [
            Employment(
                employee_id=e,
                unit_id=u,
                start=date.fromisoformat(s),
                end=parse(x),
                fte=f,
                weekly_hours=h,
                employment_type=EmploymentType(t),
                end_reason=None if r is None else EndReason(r),
                personnel_group=g,
            )
            for e, u, s, x, f, h, t, r, g in rows["employments"]
        ],
        "sick_leave": [
            SickLeavePeriod(
                employee_id=e, start=date.fromisoformat(s), end=date.fromisoformat(x), extent=f
            )
            for e, s, x, f in rows["sick_leave"]
        ],
        "extra_time": [
            ExtraTime(
                employee_id=e, unit_id=u, day=date.fromisoformat(d), hours=h, kind=ExtraTimeKind(k)
            )
            for e, u, d, h, k in rows["extra_time"]
        ],
    }


def reports_of(job: Job) -> dict[str, Report]:
    """A worker's (or the single process's) own reports, built from the rows it got."""
    fields, rows = job
    return build_reports(Dataset(**fields, **records(rows)), LAST_YEAR)


SETTINGS = ("org", "covers", "risk_matrix", "templates", "delegation_top")
"""What every part needs and none counts."""


def apart(data: Dataset) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dataset's records of units with the settings, and the settings alone."""
    fields = attrs.asdict(data, recurse=False)
    units = {k: v for k, v in fields.items() if k not in PEOPLE and k != "rehab_cases"}
    return units, {k: fields[k] for k in SETTINGS}


def whole(data: Dataset) -> Job:
    """The one process's share: everything."""
    units, _ = apart(data)
    return ({**units, "rehab_cases": data.rehab_cases}, rows_of(data))


def single(data: Dataset, job: Job) -> Reports:
    """Everything in one process: records from rows, reports, roll-up."""
    return roll_up(data.org, reports_of(job))


def jobs(data: Dataset, rows: Rows, parts: int, *, units_in_part_0: bool) -> list[Job]:
    """Rows routed by employee id, each part with the settings; the records of units in part 0
    when asked (else they stay with the caller)."""
    routed: list[Rows] = [{name: [] for name in PEOPLE} for _ in range(parts)]
    for name in PEOPLE:
        for row in rows[name]:
            routed[partition_of(row[0], parts)][name].append(row)
    cases: list[list[Any]] = [[] for _ in range(parts)]
    for case in data.rehab_cases:
        cases[partition_of(case.employee_id, parts)].append(case)
    units, shared = apart(data)
    first = units if units_in_part_0 else shared
    return [
        ({**(first if n == 0 else shared), "rehab_cases": cases[n]}, routed[n])
        for n in range(parts)
    ]


def pooled(data: Dataset, rows: Rows, pool: Executor, parts: int) -> Reports:
    """Rows routed in the parent, people's records and reports built in the pool; meanwhile the
    parent builds the reports of the records of units it holds; then it merges and rolls up."""
    people = pool.map(reports_of, jobs(data, rows, parts, units_in_part_0=False))
    units, _ = apart(data)
    own = build_reports(Dataset(**units), LAST_YEAR)
    return roll_up(data.org, merge([own, *people]))


def fold_step(total: dict[str, Report], more: dict[str, Report]) -> dict[str, Report]:
    """Two partial results as one: the step of Dask's fold."""
    return merge([total, more])


def on_dask(data: Dataset) -> Reports | None:
    """The reports computed on a local Dask cluster of two worker processes (None: no Dask)."""
    try:  # an optional extra: typed as Any, since dask's functions carry no annotations
        bags: Any = importlib.import_module("dask.bag")
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        return None
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        bag = bags.from_sequence(jobs(data, rows_of(data), 4, units_in_part_0=True), npartitions=2)
        merged: dict[str, Report] = bag.map(reports_of).fold(fold_step).compute()
    return roll_up(data.org, merged)


def run(positions: int, runs: int = 3) -> None:
    """Time one process against a pool of two at ``positions``; check Dask on a small size."""
    data = municipality(employees=positions)
    print(
        f"municipality of {positions} positions: {len(data.org)} units, "
        f"{len(data.employees)} employees, {len(data.employments)} employments, "
        f"{len(data.sick_leave)} sick-leave periods"
    )
    job = whole(data)
    rows = job[1]
    one, expected = best(runs, lambda: single(data, job))
    show("one process: records from rows, reports, roll-up", one, "s")
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(abs, (1, 2)))  # the workers started, as in a running cluster
        for parts in (2, 4):
            took, got = best(runs, lambda parts=parts: pooled(data, rows, pool, parts))  # type: ignore[misc]
            show(f"pool of 2, {parts} parts: route, build in workers, merge", took, "s")
            show(
                f"  speed-up over one process ({'equal' if got == expected else 'DIFFERENT'})",
                one / took,
                "x",
            )
    small = municipality(employees=600)
    dask = on_dask(small)
    if dask is None:
        print("dask: not installed (pip install 'samcore[dask]'), not compared")
    else:
        same = dict(dask) == dict(roll_up(small.org, build_reports(small, LAST_YEAR)))
        print(
            f"dask, LocalCluster of 2, 600 positions: {'== one process' if same else 'DIFFERENT'}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="small size, one run")
    args = parser.parse_args()
    if args.smoke:
        run(600, runs=1)
    else:
        run(48000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
