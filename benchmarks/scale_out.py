"""Scale-out: one process against a pool of two, the records built from rows in the workers.

    python benchmarks/scale_out.py            # 8x the default data: 48,000 positions
    python benchmarks/scale_out.py --smoke    # small, one run: a check that every step runs

The people's records come as the lines of an HR export (cells separated
by semicolons). One process reads them into records and builds the
reports and the roll-up. The pool routes the lines by ``partition_of`` in
the parent and sends each worker only its lines; the workers read them
into records and build their reports, while the parent builds the reports
of the records of units it holds; the parent then merges and rolls up.
Both results must be equal; so must Dask's (a small LocalCluster, the
records of units in part 0) when Dask is installed.
Timings are the best of a few runs, on whatever machine runs the script.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from datetime import date
from enum import Enum
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
Lines = dict[str, list[str]]
"""An export of the people's records: per table, its lines of cells separated by semicolons."""
Job = tuple[dict[str, Any], dict[str, str]]
"""A worker's share: the dataset's fields that are not rows (records of units, settings), and
per table its lines, joined into one text."""

PEOPLE = ("employees", "employments", "sick_leave", "extra_time")
"""The tables that come as lines of an export: the people's records, by far the most numerous."""


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


def line(*cells: object) -> str:
    """One line of an export: empty for None, ISO days, enum values, numbers as Python writes them."""
    return ";".join(
        "" if c is None else str(c.value) if isinstance(c, Enum) else str(c) for c in cells
    )


def export(data: Dataset) -> Lines:
    """The people's records as the lines of an HR export."""
    return {
        "employees": [
            line(e.id, e.gender, e.birth_date, e.personnel_group) for e in data.employees
        ],
        "employments": [
            line(
                j.employee_id,
                j.unit_id,
                j.start,
                j.end,
                j.fte,
                j.weekly_hours,
                j.employment_type,
                j.end_reason,
                j.personnel_group,
            )
            for j in data.employments
        ],
        "sick_leave": [line(p.employee_id, p.start, p.end, p.extent) for p in data.sick_leave],
        "extra_time": [
            line(x.employee_id, x.unit_id, x.day, x.hours, x.kind) for x in data.extra_time
        ],
    }


def day(text: str) -> date | None:
    """An optional day of a line."""
    return date.fromisoformat(text) if text else None


def records(lines: Lines) -> dict[str, Any]:
    """The people's records read from the lines of an export, built and checked."""
    cells = {name: [row.split(";") for row in lines[name]] for name in PEOPLE}
    return {
        "employees": [
            Employee(id=i, gender=Gender(g), birth_date=day(b), personnel_group=p or None)
            for i, g, b, p in cells["employees"]
        ],
        "employments": [
            Employment(
                employee_id=e,
                unit_id=u,
                start=date.fromisoformat(s),
                end=day(x),
                fte=float(f),
                weekly_hours=float(h),
                employment_type=EmploymentType(t),
                end_reason=EndReason(r) if r else None,
                personnel_group=g or None,
            )
            for e, u, s, x, f, h, t, r, g in cells["employments"]
        ],
        "sick_leave": [
            SickLeavePeriod(
                employee_id=e,
                start=date.fromisoformat(s),
                end=date.fromisoformat(x),
                extent=float(f),
            )
            for e, s, x, f in cells["sick_leave"]
        ],
        "extra_time": [
            ExtraTime(
                employee_id=e,
                unit_id=u,
                day=date.fromisoformat(d),
                hours=float(h),
                kind=ExtraTimeKind(k),
            )
            for e, u, d, h, k in cells["extra_time"]
        ],
    }


def reports_of(fields: dict[str, Any], lines: Lines) -> dict[str, Report]:
    """Reports of the records of ``fields`` and of the people read from ``lines``."""
    return build_reports(Dataset(**fields, **records(lines)), LAST_YEAR)


def worker(job: Job) -> dict[str, Report]:
    """A worker's own reports, from the lines it got as one text per table."""
    fields, texts = job
    return reports_of(
        fields, {name: text.split("\n") if text else [] for name, text in texts.items()}
    )


SETTINGS = ("org", "covers", "risk_matrix", "templates", "delegation_top")
"""What every part needs and none counts."""


def apart(data: Dataset) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dataset's records of units with the settings, and the settings alone."""
    fields = attrs.asdict(data, recurse=False)
    units = {k: v for k, v in fields.items() if k not in PEOPLE and k != "rehab_cases"}
    return units, {k: fields[k] for k in SETTINGS}


def single(data: Dataset, lines: Lines) -> Reports:
    """Everything in one process: records from the export's lines, reports, roll-up."""
    units, _ = apart(data)
    return roll_up(data.org, reports_of({**units, "rehab_cases": data.rehab_cases}, lines))


def jobs(data: Dataset, lines: Lines, parts: int, *, units_in_part_0: bool) -> list[Job]:
    """Lines routed by employee id (the first cell), each part with the settings; the records
    of units in part 0 when asked (else they stay with the caller)."""
    routed: list[Lines] = [{name: [] for name in PEOPLE} for _ in range(parts)]
    for name in PEOPLE:
        for row in lines[name]:
            routed[partition_of(row[: row.index(";")], parts)][name].append(row)
    cases: list[list[Any]] = [[] for _ in range(parts)]
    for case in data.rehab_cases:
        cases[partition_of(case.employee_id, parts)].append(case)
    units, shared = apart(data)
    first = units if units_in_part_0 else shared
    return [
        (
            {**(first if n == 0 else shared), "rehab_cases": cases[n]},
            {name: "\n".join(rows) for name, rows in routed[n].items()},
        )
        for n in range(parts)
    ]


def pooled(data: Dataset, lines: Lines, pool: Executor, parts: int) -> Reports:
    """Lines routed in the parent, people's records and reports built in the pool; meanwhile
    the parent builds the reports of the records of units it holds; then it merges and rolls up."""
    people = pool.map(worker, jobs(data, lines, parts, units_in_part_0=False))
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
        bag = bags.from_sequence(jobs(data, export(data), 4, units_in_part_0=True), npartitions=2)
        merged: dict[str, Report] = bag.map(worker).fold(fold_step).compute()
    return roll_up(data.org, merged)


def run(positions: int, runs: int = 3) -> None:
    """Time one process against a pool of two at ``positions``; check Dask on a small size."""
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(abs, (1, 2)))  # workers started before the data exists, as on a cluster
        data = municipality(employees=positions)
        print(
            f"municipality of {positions} positions: {len(data.org)} units, "
            f"{len(data.employees)} employees, {len(data.employments)} employments, "
            f"{len(data.sick_leave)} sick-leave periods; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        lines = export(data)
        one, expected = best(runs, lambda: single(data, lines))
        show("one process: records from rows, reports, roll-up", one, "s")
        took, got = best(runs, lambda: pooled(data, lines, pool, 2))
        show("pool of 2: route rows, build in workers, merge, roll-up", took, "s")
        same = "equal" if got == expected else "DIFFERENT"
        show(f"  speed-up over one process (results {same})", one / took, "x")
    small = municipality(employees=600)
    dask = on_dask(small)
    if dask is None:
        print("dask: not installed (pip install 'samcore[dask]'), not compared")
    else:
        same = (
            "=="
            if dict(dask) == dict(roll_up(small.org, build_reports(small, LAST_YEAR)))
            else "!="
        )
        print(f"dask, LocalCluster of 2 workers, 600 positions: result {same} one process")


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
