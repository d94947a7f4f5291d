"""The command line: ``python -m samcore demo`` prints the example municipality's report.

This is the one module of samcore that writes anywhere (standard output and
standard error).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from samcore._render import render_markdown
from samcore._report import build_reports
from samcore._rollup import roll_up
from samcore._wire import to_json
from samcore.examples import LAST_YEAR, municipality


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m samcore",
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
    demo.add_argument("--json", action="store_true", help="print the report in the wire format")
    demo.add_argument("--seed", type=int, default=0, help="the example's random seed")
    demo.add_argument("--employees", type=int, default=6000, help="the example's size")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
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
    report = reports[unit]
    if args.json:
        print(to_json(report))
    else:
        print(render_markdown(report, data.org, lang=args.lang), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
