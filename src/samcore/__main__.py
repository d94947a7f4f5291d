"""The command line: reports from a folder of CSV exports, and the example municipality's demo.

``python -m samcore report PATH --year 2024`` reads one CSV file per table
from PATH, checks the records together and prints the rolled-up report
(``--top ID`` names who holds the work-environment tasks without a
delegation, where the chains of delegations start);
``python -m samcore check PATH`` only checks them; ``python -m samcore
demo`` prints the example municipality's report. Installed, the command is
also ``samcore``.

This is the one module of samcore that reads files and writes anywhere
(standard output and standard error).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from samcore._dataset import Dataset
from samcore._ingest_problems import IngestError, IngestProblem
from samcore._ingest_tables import TABLES, dataset_from_tables
from samcore._report import build_reports
from samcore._rollup import roll_up
from samcore._template import Template
from samcore._wire import to_json
from samcore._wire_read import from_json
from samcore.errors import WireFormatError
from samcore.examples import LAST_YEAR, municipality

_DELIMITERS: Final = (";", ",", "\t")
_TEMPLATE: Final = (
    "a report template of your own, as JSON (default: the shipped template of the year)"
)
_TOP: Final = (
    "the id of a person who holds the work-environment tasks without a delegation, where "
    "every chain of delegations starts (repeat for more); needed when there are delegations"
)


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not 2 <= year <= 9999:
        raise argparse.ArgumentTypeError(f"the year must be in 2..9999 (got {year})")
    return year


def _folder(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"not a folder: {text!r}")
    return path


def _template(text: str) -> Template:
    """A report template read from a JSON file (start from ``to_json(TEMPLATE_2024)``)."""
    path = Path(text)
    try:
        return from_json(path.read_text(encoding="utf-8"), Template)
    except OSError as error:
        raise argparse.ArgumentTypeError(f"cannot read {text!r}: {error.strerror}") from None
    except (UnicodeDecodeError, WireFormatError) as error:
        raise argparse.ArgumentTypeError(f"not a report template: {text!r}: {error}") from None


def _prog() -> str:
    return "samcore" if Path(sys.argv[0]).name == "samcore" else "python -m samcore"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_prog(),
        description="samcore: figures of systematic work-environment management (SAM).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser(
        "demo",
        help="print the rolled-up yearly report of the example municipality",
        description="Build the example municipality, roll its reports up the organisation and "
        "print one unit's report (the municipality's by default).",
    )
    demo.add_argument("--unit", help="the unit id to show (default: the municipality)")
    demo.add_argument(
        "--year",
        type=int,
        default=LAST_YEAR,
        help=f"the report year (default: {LAST_YEAR}, the last full year)",
    )
    demo.add_argument("--lang", choices=("sv", "en"), default="sv", help="report language")
    demo.add_argument(
        "--json", action="store_true", help="print the published report in the wire format"
    )
    demo.add_argument("--seed", type=int, default=0, help="the example's random seed")
    demo.add_argument("--employees", type=int, default=6000, help="the example's size")
    tables = ", ".join(f"{name}.csv" for name in TABLES)
    folder = (
        f"a folder of CSV exports, one file per table ({tables}); UTF-8 with or without BOM, "
        "';', ',' or tab between values"
    )
    report = commands.add_parser(
        "report",
        help="print the rolled-up yearly report of a folder of CSV exports",
        description="Read the CSV exports in PATH, check them together and print one unit's "
        "rolled-up yearly report (the top unit's by default), published: small groups hidden. "
        "Bad data: every problem is listed with file and line, exit status 1.",
    )
    report.add_argument("path", metavar="PATH", type=_folder, help=folder)
    report.add_argument("--year", type=_year, required=True, help="the report year")
    report.add_argument("--unit", help="the unit id to show (default: the top unit)")
    report.add_argument("--lang", choices=("sv", "en"), default="sv", help="report language")
    report.add_argument(
        "--format",
        choices=("md", "json", "csv"),
        default="md",
        help="md: the rendered report; json: the published report; "
        "csv: one row of key figures per unit (the unit and those below it)",
    )
    report.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a column to ignore in every file (repeat for more); other unknown columns "
        "are problems",
    )
    report.add_argument("--top", action="append", default=[], metavar="ID", help=_TOP)
    report.add_argument(
        "--month",
        type=int,
        choices=range(1, 13),
        default=12,
        metavar="MONTH",
        help="the last month of the R12 windows, 1-12 (default: 12, December)",
    )
    report.add_argument("--template", type=_template, metavar="FILE", help=_TEMPLATE)
    check = commands.add_parser(
        "check",
        help="check a folder of CSV exports without printing a report",
        description="Read and check the CSV exports in PATH: print a one-line summary (exit "
        "status 0) or every problem with file and line (exit status 1).",
    )
    check.add_argument("path", metavar="PATH", type=_folder, help=folder)
    check.add_argument(
        "--ignore", action="append", default=[], metavar="COLUMN", help="a column to ignore"
    )
    check.add_argument("--top", action="append", default=[], metavar="ID", help=_TOP)
    check.add_argument("--template", type=_template, metavar="FILE", help=_TEMPLATE)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    0: done; 1: the data has problems (each printed with file and line);
    2: a usage error (a bad option, a folder or unit that is not there).
    """
    try:
        return _run(argv)
    except BrokenPipeError:
        # The reader went away (``| head``): say nothing more, and let the exit not flush again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "demo":
        return _demo(args)
    data = _load(args.path, args.ignore, args.top, args.template)
    if data is None:
        return 1
    if args.command == "check":
        print(_summary(args.path, data))
        return 0
    return _report(args, data)


def _demo(args: argparse.Namespace) -> int:
    if args.employees < 1:
        print("samcore: --employees must be at least 1", file=sys.stderr)
        return 2
    data = municipality(seed=args.seed, employees=args.employees)
    unit = args.unit or data.org.root.id
    if unit not in data.org:
        valid = ", ".join(u.id for u in data.org.units[:5])
        print(f"samcore: unknown unit {unit!r}; valid ids include {valid}, ...", file=sys.stderr)
        return 2
    reports = roll_up(data.org, build_reports(data, args.year))
    if args.json:
        print(to_json(reports.published()[unit]))
    else:
        print(reports.render(unit, lang=args.lang), end="")
    return 0


def _report(args: argparse.Namespace, data: Dataset) -> int:
    unit = args.unit or data.org.root.id
    if unit not in data.org:
        valid = ", ".join(u.id for u in data.org.units[:5])
        more = ", ..." if len(data.org) > 5 else ""
        print(f"samcore: unknown unit {unit!r}; the ids are {valid}{more}", file=sys.stderr)
        return 2
    built = build_reports(data, args.year, month=args.month, template=args.template)
    reports = roll_up(data.org, built)
    if args.format == "json":
        sys.stdout.write(to_json(reports.published()[unit]) + "\n")
    elif args.format == "csv":
        below = set(data.org.subtree(unit))
        rows = [row for row in reports.rows() if row["unit_id"] in below]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(out.getvalue())
    else:
        sys.stdout.write(reports.render(unit, lang=args.lang, template=args.template))
    sys.stdout.flush()
    return 0


class _Files:
    """The CSV files of a folder read as tables, with the line each data row ends on."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.tables: dict[str, list[dict[str, str]]] = {}
        self.lines: dict[str, list[int]] = {}
        self.problems: list[str] = []
        for path in sorted(folder.glob("*.csv")):
            if path.stem in TABLES:
                self._read(path)
            else:
                self.tables[path.stem] = []  # an unknown table: reported as one

    def _read(self, path: Path) -> None:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            self.problems.append(
                f"{path}:{line}: not UTF-8 (byte 0x{raw[error.start]:02x}); "
                "save the export as UTF-8"
            )
            return
        header = text.split("\n", 1)[0]
        delimiter = max(_DELIMITERS, key=header.count) if header else ","
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[dict[str, str]] = []
        lines: list[int] = []
        try:
            for row in reader:
                rows.append(row)
                lines.append(reader.line_num)
        except csv.Error as error:
            self.problems.append(f"{path}:{reader.line_num}: {error}")
            return
        self.tables[path.stem] = rows
        self.lines[path.stem] = lines

    def where(self, problem: IngestProblem) -> str:
        """The file and line of a problem: ``folder/employees.csv:4``."""
        if problem.table is None:
            return str(self.folder)
        path = str(self.folder / f"{problem.table}.csv")
        if problem.row is None:
            return path
        return f"{path}:{self._line(problem.table, problem.row)}"

    def _line(self, table: str, row: int) -> int:
        lines = self.lines.get(table, [])
        return lines[row - 1] if row <= len(lines) else row + 1

    def describe(self, problem: IngestProblem) -> str:
        """A problem as one line: file and line, field, message, other lines, code."""
        if problem.field == "delegation_top":  # given on the command line, not in a file
            hint = "give their ids with --top ID"
            return f"{self.folder}: {problem.message}; {hint} [{problem.code.value}]"
        field = f" {problem.field}:" if problem.field else ""
        see = ""
        if problem.related_rows and problem.table is not None:
            table = problem.table
            lines = [str(self._line(table, row)) for row in problem.related_rows]
            see = f" (see line{'s' if len(lines) > 1 else ''} {', '.join(lines)})"
        return f"{self.where(problem)}:{field} {problem.message}{see} [{problem.code.value}]"


def _load(
    folder: Path, ignore: Sequence[str], top: Sequence[str], template: Template | None
) -> Dataset | None:
    """The dataset of a folder, or ``None`` after printing every problem to standard error."""
    files = _Files(folder)
    if files.problems:
        _problems(folder, files.problems)
        return None
    try:
        return dataset_from_tables(
            files.tables,
            ignore=ignore,
            delegation_top=top,
            templates=() if template is None else (template,),
        )
    except IngestError as error:
        _problems(folder, [files.describe(problem) for problem in error.details])
        return None


def _problems(folder: Path, lines: list[str]) -> None:
    noun = "problem" if len(lines) == 1 else "problems"
    print(f"samcore: {len(lines)} {noun} in {folder}:", file=sys.stderr)
    for line in lines:
        print(line, file=sys.stderr)


def _summary(folder: Path, data: Dataset) -> str:
    measures = sum(len(r.measures) for r in data.risks)
    counts: list[tuple[int, str]] = [
        (len(data.org), "units"),
        (len(data.employees), "employees"),
        (len(data.employments), "employments"),
        (len(data.sick_leave), "sick-leave periods"),
        (len(data.extra_time), "extra-time records"),
        (len(data.incidents), "incidents"),
        (len(data.risks), f"risks ({measures} measures)"),
        (len(data.checklists), "checklists"),
        (len(data.certifications), "certifications"),
        (len(data.delegations), "delegations"),
        (len(data.answers), "answers"),
    ]
    optional = (
        (len(data.employee_surveys), "employee surveys"),
        (len(data.narratives), "report texts"),
        (len(data.submissions), "submissions"),
        (len(data.rehab_cases), "rehabilitation cases"),
        (len(data.health_factors), "health-factor inventories"),
    )
    counts += [(n, what) for n, what in optional if n]  # tables most exports lack
    listed = ", ".join(f"{n} {what}" for n, what in counts)
    found = data.diagnostics()
    uncounted = [
        (sum(u.days for u in found.uncovered_sick_days), "sick days outside employment"),
        (len(found.employees_without_employment), "employees without employment"),
        (len(found.extra_time_outside_employment), "extra-time records outside employment"),
    ]
    missed = ", ".join(f"{what}: {n}" for n, what in uncounted if n)
    return f"{folder}: ok: {listed}" + (f"; counted in no figure: {missed}" if missed else "")


if __name__ == "__main__":
    sys.exit(main())
