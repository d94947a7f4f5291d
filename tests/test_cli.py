"""The command line on a folder of CSV exports: python -m samcore report and check."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from samcore import Question, Section, Table, Template, to_json
from samcore import __main__ as cli

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ROOT / "docs" / "exports"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
TOP = ("--top", "2001")  # who delegates to the heads of the example's units


def samcore(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run python -m samcore with this checkout's package."""
    return subprocess.run(
        [sys.executable, "-m", "samcore", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        timeout=120,
        check=False,
    )


def employee_ids() -> set[str]:
    """The employee ids of the shipped example."""
    with (EXPORTS / "employees.csv").open(encoding="utf-8-sig", newline="") as file:
        return {row["id"] for row in csv.DictReader(file, delimiter=";")}


def strings(value: object) -> set[str]:
    """Every string (keys included) in a parsed JSON value."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return {s for k, v in value.items() for s in (strings(k) | strings(v))}
    if isinstance(value, list):
        return {s for item in value for s in strings(item)}
    return set()


class TestReport:
    """python -m samcore report PATH --year Y prints the rolled-up report of the exports."""

    def test_markdown(self) -> None:
        """The default prints the top unit's Swedish report."""
        out = samcore("report", EXPORTS, "--year", "2024", *TOP)
        assert 0 == out.returncode, out.stderr
        assert out.stdout.startswith("# Arbetsmiljörapport 2024 – Småby kommun\n")
        assert "| Total sjukfrånvaro |" in out.stdout
        assert "" == out.stderr

    def test_english_unit(self) -> None:
        """--unit and --lang choose the unit and the language."""
        out = samcore("report", EXPORTS, "--year", "2024", "--unit", "1200", "--lang", "en", *TOP)
        assert 0 == out.returncode, out.stderr
        assert out.stdout.startswith("# Work-environment report 2024 – Hemtjänsten Norr\n")

    def test_json_is_the_published_report(self) -> None:
        """--format json prints the published report, which names no employee."""
        out = samcore("report", EXPORTS, "--year", "2024", "--format", "json", *TOP)
        assert 0 == out.returncode, out.stderr
        published = json.loads(out.stdout)
        assert ("1000", 2024) == (published["unit_id"], published["year"])
        assert "suppressed" in published
        assert set() == strings(published) & employee_ids()

    def test_csv_rows(self) -> None:
        """--format csv prints one row of key figures per unit, with a header."""
        out = samcore("report", EXPORTS, "--year", "2024", "--format", "csv", *TOP)
        assert 0 == out.returncode, out.stderr
        table = list(csv.DictReader(io.StringIO(out.stdout)))
        assert ["1000", "1100", "1200"] == [row["unit_id"] for row in table]
        assert "sick_leave_percent" in out.stdout.splitlines()[0]
        below = samcore(
            "report", EXPORTS, "--year", "2024", "--format", "csv", "--unit", "1200", *TOP
        )
        assert ["1200"] == [row["unit_id"] for row in csv.DictReader(io.StringIO(below.stdout))]

    def test_closed_pipe(self) -> None:
        """A reader that goes away (| head) ends the command without a traceback."""
        process = subprocess.Popen(
            [sys.executable, "-m", "samcore", "report", str(EXPORTS), "--year", "2024", *TOP],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        error = process.stderr.read()
        process.stderr.close()
        assert 1 == process.wait(timeout=120)
        assert b"" == error


class TestTemplateAndMonth:
    """--template reads a report template of one's own from JSON; --month ends the R12 windows."""

    def test_own_template(self, tmp_path: Path) -> None:
        """A template written as JSON, with a question answered in its own answers file, drives
        the printed report without any code."""
        own = Template(
            id="smaby",
            since=2024,
            sections=[
                Section(
                    id="staff",
                    title_sv="Personalen",
                    title_en="Staff",
                    tables=[Table.TURNOVER],
                    questions=[
                        Question(
                            id="staff.meetings",
                            section="staff",
                            text_sv="Hålls APT varje månad?",
                            text_en="Monthly meetings?",
                        )
                    ],
                )
            ],
        )
        folder = tmp_path / "exports"
        shutil.copytree(EXPORTS, folder)
        (folder / "answers.csv").write_text(
            "unit_id;year;question_id;answer\n1200;2024;staff.meetings;Ja\n", encoding="utf-8"
        )
        path = tmp_path / "template.json"
        path.write_text(to_json(own), encoding="utf-8")
        out = samcore("report", folder, "--year", "2024", "--template", path, *TOP)
        assert 0 == out.returncode, out.stderr
        headings = [line for line in out.stdout.splitlines() if line.startswith("#")]
        assert ["# Arbetsmiljörapport 2024 – Småby kommun", "## 1. Personalen"] == headings
        assert "| Hålls APT varje månad? | Ja |" in out.stdout

    def test_not_a_template(self, tmp_path: Path) -> None:
        """A file that is no template is a usage error naming the file."""
        path = tmp_path / "template.json"
        path.write_text('{"id": "x"}', encoding="utf-8")
        out = samcore("report", EXPORTS, "--year", "2024", "--template", path, *TOP)
        assert 2 == out.returncode
        assert "not a report template" in out.stderr

    def test_month(self) -> None:
        """--month 4 prints R12 April of the year and of the year before."""
        out = samcore("report", EXPORTS, "--year", "2024", "--month", "4", *TOP)
        assert 0 == out.returncode, out.stderr
        assert "| Sjukfrånvaro | R12 2024-04 | R12 2023-04 | Skillnad |" in out.stdout


class TestCheck:
    """python -m samcore check PATH only checks the exports."""

    def test_clean(self) -> None:
        """Clean exports give exit status 0 and a one-line summary."""
        out = samcore("check", EXPORTS, *TOP)
        assert 0 == out.returncode, out.stderr
        assert 1 == len(out.stdout.splitlines())
        assert "ok: 3 units, 27 employees" in out.stdout
        assert "4 risks (6 measures)" in out.stdout
        assert "report texts" not in out.stdout  # an optional table not given: not listed

    def test_optional_tables_counted(self, tmp_path: Path) -> None:
        """A folder with the optional tables lists what they hold too."""
        folder = tmp_path / "exports"
        shutil.copytree(EXPORTS, folder)
        (folder / "narratives.csv").write_text(
            "unit_id;year;section;text\n1200;2024;sick_leave;Sjukfrånvaron har minskat.\n",
            encoding="utf-8",
        )
        (folder / "submissions.csv").write_text(
            "unit_id;year;submitted_on\n1200;2024;2025-02-14\n1100;2024;2025-02-20\n",
            encoding="utf-8",
        )
        out = samcore("check", folder, *TOP)
        assert 0 == out.returncode, out.stderr
        assert "1 report texts, 2 submissions" in out.stdout

    def test_what_no_figure_counts(self, tmp_path: Path) -> None:
        """Records that count in no figure are told on the summary line, exit status 0."""
        folder = tmp_path / "exports"
        shutil.copytree(EXPORTS, folder)
        with (folder / "employees.csv").open("a", encoding="utf-8") as file:
            file.write("2099;K;19800101;Förskollärare\n")
        with (folder / "sick_leave.csv").open("a", encoding="utf-8") as file:
            file.write("2017;2023-08-30;2023-09-02;100\n")
        out = samcore("check", folder, *TOP)
        assert 0 == out.returncode, out.stderr
        assert out.stdout.endswith(
            "; counted in no figure: sick days outside employment: 2, employees without employment: 1\n"
        )


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the example with a bad gender, an unknown employee, an overlap and a stray column."""
    folder = tmp_path / "exports"
    shutil.copytree(EXPORTS, folder)

    def edit(name: str, old: str, new: str) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("employees.csv", "2005;K;", "2005;Q;")  # line 6
    edit("sick_leave.csv", "2022;2024-05-06", "2099;2024-05-06")  # line 16
    with (folder / "sick_leave.csv").open("a", encoding="utf-8") as file:
        file.write("2016;2024-06-15;2024-07-10;50\n")  # line 20, overlaps line 13
    edit("incidents.csv", "closed_on\n", "closed_on;kommentar\n")
    return folder


class TestBadData:
    """Bad exports: every problem with file and line, exit status 1."""

    def test_every_problem_with_file_and_line(self, broken: Path) -> None:
        """Each problem names its file and line, the field and the code."""
        for command in ("check", "report"):
            args = ("--year", "2024") if command == "report" else ()
            out = samcore(command, broken, *args, *TOP)
            assert 1 == out.returncode
            assert "" == out.stdout
            lines = out.stderr.splitlines()
            assert f"samcore: 4 problems in {broken}:" == lines[0]
            expected = [
                f"{broken / 'employees.csv'}:6: gender: unknown Gender value 'Q'",
                f"{broken / 'sick_leave.csv'}:13: periods of employee '2016' overlap",
                f"{broken / 'sick_leave.csv'}:16: employee_id: unknown employee '2099'",
                f"{broken / 'incidents.csv'}: unknown column 'kommentar'",
            ]
            assert expected == [
                line[: len(start)] for line, start in zip(lines[1:], expected, strict=True)
            ]
            assert "(see line 20)" in lines[2]
            assert lines[1].endswith("[unknown_value]")

    def test_delegations_without_a_top(self) -> None:
        """Delegations and no --top: one problem saying what is missing and how to give it."""
        for args in (("check",), ("report", "--year", "2024")):
            out = samcore(args[0], EXPORTS, *args[1:])
            assert 1 == out.returncode
            assert "" == out.stdout
            assert [
                f"samcore: 1 problem in {EXPORTS}:",
                f"{EXPORTS}: delegations need a top: the people who hold the work-environment "
                "tasks without a delegation, where every chain starts; give their ids with "
                "--top ID [missing]",
            ] == out.stderr.splitlines()

    def test_top_breaks_the_chain_it_does_not_start(self) -> None:
        """A top who delegates nothing is accepted; the example's chains then start nowhere."""
        out = samcore("report", EXPORTS, "--year", "2024", "--top", "1", "--lang", "en")
        assert 0 == out.returncode, out.stderr
        assert "| broken chain above | 2 |" in out.stdout

    def test_ignore_a_column(self, broken: Path) -> None:
        """--ignore leaves a column out."""
        out = samcore("check", broken, "--ignore", "kommentar", *TOP)
        assert 3 == len(out.stderr.splitlines()) - 1

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A file that is not UTF-8 is named with its line."""
        folder = tmp_path / "exports"
        shutil.copytree(EXPORTS, folder)
        (folder / "units.csv").write_bytes("id;name\n1000;Småby kommun\n".encode("cp1252"))
        out = samcore("check", folder)
        assert 1 == out.returncode
        assert f"{folder / 'units.csv'}:2: not UTF-8 (byte 0xe5)" in out.stderr

    def test_unknown_file(self, tmp_path: Path) -> None:
        """A CSV file that is no table is a problem, not silently skipped."""
        folder = tmp_path / "exports"
        shutil.copytree(EXPORTS, folder)
        (folder / "sickleave.csv").write_text("employee_id;start;end\n", encoding="utf-8")
        out = samcore("check", folder)
        assert 1 == out.returncode
        assert "unknown table 'sickleave'" in out.stderr


class TestUsage:
    """Usage errors exit with status 2."""

    @pytest.mark.parametrize(
        "args",
        [
            ("report", str(EXPORTS)),
            ("report", "no-such-folder", "--year", "2024"),
            ("report", str(EXPORTS), "--year", "twenty"),
            ("report", str(EXPORTS), "--year", "2024", "--format", "xlsx"),
            ("check",),
            ("frobnicate",),
        ],
    )
    def test_usage_errors(self, args: tuple[str, ...]) -> None:
        """Missing or bad arguments print usage and exit with status 2."""
        out = samcore(*args)
        assert 2 == out.returncode
        assert "usage:" in out.stderr
        assert "" == out.stdout

    def test_unknown_unit(self) -> None:
        """An unknown unit is a one-line error naming the ids, exit status 2."""
        out = samcore("report", EXPORTS, "--year", "2024", "--unit", "9999", *TOP)
        assert 2 == out.returncode
        assert "samcore: unknown unit '9999'; the ids are 1000, 1100, 1200\n" == out.stderr

    def test_entry_point(self) -> None:
        """The samcore script runs main, which takes the arguments and returns the status."""
        scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
            "scripts"
        ]
        assert "samcore.__main__:main" == scripts["samcore"]
        assert 0 == cli.main(["check", str(EXPORTS), *TOP])
