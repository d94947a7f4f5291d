"""Speed and memory of samcore on whole synthetic municipalities, against the targets.

    python benchmarks/bench.py                  # everything: 6,000 positions, 2x and 4x, 40,000
    python benchmarks/bench.py --smoke          # a quick check that every step runs
    python benchmarks/bench.py --only polars    # one part (repeat --only for more)
    python benchmarks/bench.py --sizes 6000,12000 --big 20000

Prints one line per figure with its target and verdict. Timings are the best
of a few runs, on whatever machine runs the script. Each size is generated
once and dropped before the next, so no step pays for another size's objects.
The sick-leave figures are checked against an independent polars
implementation (``polars_reference.py``) when polars is installed; the
script exits with 1 when they differ by more than ``--tolerance``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from samcore import (
    Dataset,
    Employee,
    Employment,
    Month,
    Reports,
    SickLeavePeriod,
    Window,
    Workforce,
    build_records,
    build_reports,
    roll_up,
    sick_leave,
    sick_leave_trend,
)
from samcore.examples import municipality

T = TypeVar("T")

HERE = Path(__file__).resolve().parent
SECTIONS = ("records", "sick_leave", "trend", "reports", "polars", "growth", "big", "import")
SCALE_OUT = "scale_out"
GROWTH_TARGETS = {2: 2.1, 4: 4.3}
"""Time at n times the employees over time at the base size, by n."""
R12 = Window.rolling12(Month(year=2024, month=12))
YEAR = 2024


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


def construct_in_bulk(rows: tuple[list[tuple[object, ...]], ...]) -> int:
    """The same records built by :func:`samcore.build_records`, each column checked at once."""
    people, jobs, periods = rows
    return (
        len(build_records(Employee, people))
        + len(build_records(Employment, jobs))
        + len(build_records(SickLeavePeriod, periods))
    )


def line(label: str, value: float, unit: str, target: float | None, form: str = "10.3f") -> None:
    """One figure, with its target and whether it meets it."""
    verdict = "" if target is None else ("  ok" if value <= target else "  OVER TARGET")
    goal = "" if target is None else f" (target ≤ {target:g}{unit and ' '}{unit})"
    print(f"{label:<52} {value:{form}} {unit}{goal}{verdict}")


def memory(field: str = "VmHWM") -> float | None:
    """A figure of this process's memory in MB from /proc/self/status (Linux), else None.

    ``VmHWM`` is the peak resident memory, ``VmRSS`` the resident memory now.
    """
    try:
        with open("/proc/self/status") as status:
            for text in status:
                if text.startswith(f"{field}:"):
                    return int(text.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_memory() -> float:
    """This process's peak resident memory in MB.

    ``getrusage(...).ru_maxrss`` is the fallback only: on Linux a child
    process inherits its parent's peak in it across fork and exec.
    """
    peak = memory()
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if peak is None else peak


def reset_peak_memory() -> bool:
    """Start this process's peak resident memory again from now (Linux); whether it could."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def one_sick_leave(data: Dataset) -> Any:
    return sick_leave(data.employees, data.employments, data.sick_leave, R12)


def reports_rolled_up(data: Dataset) -> Any:
    return roll_up(data.org, build_reports(data, YEAR))


def generate(size: int) -> Dataset:
    took, data = best(1, lambda: municipality(employees=size))
    print(
        f"municipality of {size} positions: {len(data.org)} units, {len(data.employees)} employees, "
        f"{len(data.employments)} employments, {len(data.sick_leave)} sick-leave periods"
    )
    line(f"generate the example municipality ({size})", took, "s", 3.0 if size <= 6000 else None)
    return data


class Bench:
    """The figures of one run; ``failed`` is set when samcore's figures differ from the reference."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.runs: int = args.runs or (1 if args.smoke else 3)
        self.only: set[str] = set(args.only or SECTIONS)
        self.failed = False
        self.times: dict[str, float] = {}

    def wants(self, *names: str) -> bool:
        return bool(self.only.intersection(names))

    def timed(self, name: str, data: Dataset, work: Callable[[Dataset], object]) -> float:
        """The best time of ``work`` on ``data``, kept under ``name`` for the ratios."""
        took, _ = best(self.runs, lambda: work(data))
        return self.keep(name, took)

    def keep(self, name: str, took: float) -> float:
        """The best time under ``name`` so far: each new timing of the same work may lower it."""
        self.times[name] = min(took, self.times.get(name, took))
        return self.times[name]

    def base(self, data: Dataset) -> None:
        """Every figure at the base size."""
        size = self.args.sizes[0]
        if self.wants("records"):
            self.records(data)
        if self.wants("sick_leave", "trend", "growth"):
            one = self.timed(f"sick_leave {size}", data, one_sick_leave)
            line(f"sick_leave R12 2024-12, {len(one_sick_leave(data))} units", one, "s", 0.5)
        if self.wants("trend"):
            self.trend(data)
        if self.wants("reports", "growth"):
            took = self.timed(f"reports {size}", data, reports_rolled_up)
            line(f"build_reports + roll_up, {YEAR}", took, "s", 2.0)
        if self.wants("reports"):
            self.published(data)
            self.held(data)
        if self.wants("polars"):
            self.polars(data)

    def records(self, data: Dataset) -> None:
        rows = rows_of(data)
        took, built = best(self.runs, lambda: construct(rows))
        line(f"construct {built} records from tuples", took, "s", 0.5)
        took, built = best(self.runs, lambda: construct_in_bulk(rows))
        line(f"build_records, the same {built} records", took, "s", 0.5)

    def trend(self, data: Dataset) -> None:
        windows = [Window.rolling12(Month(year=YEAR, month=m)) for m in range(1, 13)]
        took, _ = best(
            self.runs,
            lambda: sick_leave_trend(data.employees, data.employments, data.sick_leave, windows),
        )
        line(f"sick_leave_trend, twelve R12 windows of {YEAR}", took, "s", 3.0)
        one = self.times[f"sick_leave {self.args.sizes[0]}"]
        line("  twelve windows / one sick_leave (x time)", took / one, "x", 2.0)
        staff = Workforce(
            employees=data.employees, employments=data.employments, periods=data.sick_leave
        )
        single, _ = best(self.runs, lambda: staff.sick_leave(R12))
        twelve, _ = best(self.runs, lambda: staff.sick_leave_trend(windows))
        line("Workforce: sick_leave, one R12 window", single, "s", None)
        line("Workforce: sick_leave_trend, twelve R12 windows", twelve, "s", None)
        line("  twelve windows / one window, both of a Workforce", twelve / single, "x", None)
        separate, _ = best(
            1,
            lambda: [
                sick_leave(data.employees, data.employments, data.sick_leave, w) for w in windows
            ],
        )
        line("sick_leave, twelve separate calls", separate, "s", 3.0)

    def held(self, data: Dataset) -> None:
        tracemalloc.start()
        kept = reports_rolled_up(data)
        retained = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
        del kept
        line("memory held by the rolled-up reports", retained, "MB", None)
        peak = peak_memory()
        line(f"peak memory so far, {self.args.sizes[0]} positions", peak, "MB", 300.0)

    def published(self, data: Dataset) -> None:
        rolled = reports_rolled_up(data)
        took, _ = best(self.runs, lambda: Reports(data.org, rolled, own=rolled.own).published())
        line(f"publish all {len(rolled)} reports (suppression)", took, "s", 1.0)

    def polars(self, data: Dataset) -> None:
        """samcore's sick_leave against the independent polars implementation, same data."""
        try:
            import polars as pl
            import polars_reference as ref
        except ImportError:
            print("polars reference: polars is not installed, comparison skipped")
            return
        rows = (
            [(e.id, e.gender.value, e.birth_date) for e in data.employees],
            [
                (j.employee_id, j.unit_id, j.start, j.end, j.fte, j.weekly_hours)
                for j in data.employments
            ],
            [(p.employee_id, p.start, p.end, p.extent) for p in data.sick_leave],
        )
        frames = ref.frames(*rows)
        runs = max(self.runs, 5) if not self.args.smoke else 1
        # one after the other, so that both see the same load on a shared machine
        ours, result = best(runs, lambda: one_sick_leave(data))
        prepared, cells = best(runs, lambda: ref.sick_leave_cells(frames, R12.start, R12.end))
        from_rows, _ = best(
            runs, lambda: ref.sick_leave_cells(ref.frames(*rows), R12.start, R12.end)
        )
        staff = Workforce(
            employees=data.employees, employments=data.employments, periods=data.sick_leave
        )
        indexed, _ = best(runs, lambda: staff.sick_leave(R12))
        line(f"sick_leave R12 2024-12 from records (best of {runs})", ours, "s", None)
        line("sick_leave R12 2024-12 of a Workforce built before", indexed, "s", None)
        self.keep(f"sick_leave {self.args.sizes[0]}", ours)
        threads = pl.thread_pool_size()
        line(f"polars reference, prepared frames ({threads} threads)", prepared, "s", None)
        line("polars reference, from tuples (frames built)", from_rows, "s", None)
        line("  sick_leave from records / polars from tuples", ours / from_rows, "x", 1.0)
        line("  Workforce.sick_leave / polars from prepared frames", indexed / prepared, "x", 1.0)
        difference, where, a, b = ref.largest_difference(result, cells)
        tolerance = self.args.tolerance
        line("largest relative difference from the reference", difference, "", tolerance, "10.1e")
        if difference > tolerance:
            print(f"  figures differ at {where}: samcore {a!r}, reference {b!r}")
            self.failed = True

    def growth(self, size: int) -> None:
        """Time at a larger size over time at the base size, for one sick_leave and the reports."""
        base = self.args.sizes[0]
        data = generate(size)
        for name, work in (("sick_leave", one_sick_leave), ("reports", reports_rolled_up)):
            took = self.timed(f"{name} {size}", data, work)
            label = "sick_leave R12" if name == "sick_leave" else "build_reports + roll_up"
            line(f"{label}, {size} positions", took, "s", None)
            factor = size / base
            target = GROWTH_TARGETS.get(round(factor)) if factor == round(factor) else None
            line(
                f"  growth at {factor:g}x employees (x time)",
                took / self.times[f"{name} {base}"],
                "x",
                target,
            )

    def big(self, size: int) -> None:
        """build_reports + roll_up at a large size, in a fresh process that does only that."""
        done = subprocess.run(
            [sys.executable, __file__, "--reports-in-child", str(size), "--runs", str(self.runs)],
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(done.stdout)
        line(f"generate the example municipality ({size})", figures["generated"], "s", None)
        line(f"build_reports + roll_up, {size} positions", figures["time"], "s", 1.5)
        line(
            "  peak memory of a fresh process generating the data",
            figures["generating"],
            "MB",
            None,
        )
        if figures["data"] is not None:
            line("  resident memory of the data once generated", figures["data"], "MB", None)
        since = "" if figures["reset"] else " (generating included)"
        line(f"  peak memory while building the reports{since}", figures["peak"], "MB", 400.0)

    def import_time(self) -> None:
        """Wall time of ``python -c "import samcore"`` minus ``python -c pass``, best of several."""
        runs = 3 if self.args.smoke else 9

        def wall(code: str) -> float:
            took, _ = best(runs, lambda: subprocess.run([sys.executable, "-c", code], check=True))
            return took

        bare, loaded = wall("pass"), wall("import samcore")
        line(f"python -c pass (best of {runs})", bare * 1000, "ms", None)
        line(
            'import samcore: python -c "import samcore" minus that',
            (loaded - bare) * 1000,
            "ms",
            80.0,
        )


def reports_in_child(size: int, runs: int) -> None:
    """Generate a municipality, time its reports, and print the figures as JSON.

    The peak memory is started again once the data is there (where Linux
    allows), so that it is the peak while building the reports, the data
    they read included.
    """
    generated, data = best(1, lambda: municipality(employees=size))
    gc.collect()
    figures = {
        "generated": generated,
        "generating": peak_memory(),
        "data": memory("VmRSS"),
        "reset": reset_peak_memory(),
    }
    figures["time"], _ = best(runs, lambda: reports_rolled_up(data))
    figures["peak"] = peak_memory()
    print(json.dumps(figures))


def scale_out() -> None:
    """The partitioned runs (process pool, Dask), from ``benchmarks/scale_out.py`` when present."""
    # ---- scale-out: benchmarks/scale_out.py provides this section; adapt the call to it ----
    if not (HERE / "scale_out.py").exists():
        print("scale-out: benchmarks/scale_out.py is not there yet, skipped")
        return
    module = importlib.import_module("scale_out")
    module.main()


def sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="small sizes, one run each")
    parser.add_argument(
        "--only", action="append", choices=(*SECTIONS, SCALE_OUT), help="run only this part"
    )
    parser.add_argument(
        "--sizes",
        type=sizes,
        help="base size, then the sizes to compare with it (6000,12000,24000)",
    )
    parser.add_argument("--big", type=int, help="size of the large reports run (40000)")
    parser.add_argument("--tolerance", type=float, default=1e-9, help="largest relative difference")
    parser.add_argument("--reports-in-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, help="timings of each step (best counts; 3)")
    args = parser.parse_args(argv)
    if args.reports_in_child:
        reports_in_child(args.reports_in_child, args.runs)
        return 0
    if args.sizes is None:
        args.sizes = [300, 600, 1200] if args.smoke else [6000, 12000, 24000]
    if args.big is None:
        args.big = 600 if args.smoke else 40000

    bench = Bench(args)
    if bench.wants("records", "sick_leave", "trend", "reports", "polars", "growth"):
        data = generate(args.sizes[0])
        bench.base(data)
        del data
        gc.collect()
    if bench.wants("growth"):
        for size in args.sizes[1:]:
            bench.growth(size)
            gc.collect()
    if bench.wants("big"):
        bench.big(args.big)
    if bench.wants("import"):
        bench.import_time()
    if args.only is None or SCALE_OUT in args.only:
        scale_out()
    if bench.failed:
        print(
            f"FAILED: sick-leave figures differ from the reference by more than {args.tolerance:g}"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
