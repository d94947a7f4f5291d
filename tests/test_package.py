import ast
import inspect
import re
from pathlib import Path

import pytest

import samcore

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "samcore"


class TestPublicSurface:
    """ "Every public name has a docstring with a runnable example (run by the tests)."""

    def test_all_is_sorted_and_complete(self) -> None:
        """__all__ is sorted (constants, classes, functions) and every name in it exists."""

        def kind(name: str) -> tuple[int, str]:
            return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

        assert sorted(samcore.__all__, key=kind) == samcore.__all__
        for name in samcore.__all__:
            assert hasattr(samcore, name), name

    @pytest.mark.parametrize(
        "name", [n for n in samcore.__all__ if not n.isupper() and n != "__version__"]
    )
    def test_docstring_with_example(self, name: str) -> None:
        """Each public class and function documents itself with a doctest example."""
        obj = getattr(samcore, name)
        doc = inspect.getdoc(obj) or ""
        assert ">>>" in doc, f"{name} has no runnable example"

    @pytest.mark.parametrize(
        "name", [n for n in samcore.__all__ if inspect.isclass(getattr(samcore, n))]
    )
    def test_public_methods_documented(self, name: str) -> None:
        """Public methods and properties of public classes carry an example too."""
        cls = getattr(samcore, name)
        for attr, member in vars(cls).items():
            if attr.startswith("_") or not (
                inspect.isfunction(member) or isinstance(member, property | classmethod)
            ):
                continue
            doc = inspect.getdoc(getattr(cls, attr)) or ""
            assert ">>>" in doc, f"{name}.{attr} has no runnable example"


class TestPurity:
    """ "The core does no I/O: no files, no printing, no logging, no clock." (README)"""

    FORBIDDEN = re.compile(
        r"\b(open|print|input)\(|date\.today\(|datetime\.now\(|time\.time\(|\blogging\b|sys\.std(out|err)"
    )

    @pytest.mark.parametrize(
        "path",
        sorted(p for p in SRC.rglob("*.py") if p.name != "__main__.py"),
        ids=lambda p: p.name,
    )
    def test_no_io_outside_main(self, path: Path) -> None:
        """No module but __main__ prints, opens files, logs or reads the clock."""
        tree = ast.parse(path.read_text(encoding="utf-8"))
        code_lines = {
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Call | ast.Import | ast.ImportFrom)
        }
        lines = path.read_text(encoding="utf-8").splitlines()
        hits = [lines[n - 1] for n in sorted(code_lines) if self.FORBIDDEN.search(lines[n - 1])]
        assert [] == hits

    def test_import_does_not_pull_hypothesis(self) -> None:
        """Importing samcore needs only the runtime dependencies."""
        import subprocess
        import sys

        code = "import sys, samcore; print('hypothesis' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False" == out.stdout.strip()

    def test_cattrs_loaded_only_by_the_wire_format(self) -> None:
        """Importing samcore leaves cattrs unloaded until to_json first needs it."""
        import subprocess
        import sys

        code = (
            "import sys, samcore; print('cattrs' in sys.modules); "
            "samcore.to_json(samcore.Window.calendar_year(2024)); print('cattrs' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert ["False", "True"] == out.stdout.split()

    def test_import_loads_no_module_until_a_name_is_used(self) -> None:
        """Importing samcore loads none of its modules, nor attrs or dateutil, until a name is used."""
        import subprocess
        import sys

        code = (
            "import sys, samcore\n"
            "def loaded():\n"
            "    return sorted(m for m in sys.modules if m.startswith(('samcore.', 'attr', 'dateutil')))\n"
            "print(loaded())\n"
            "samcore.Month\n"
            "print('samcore._time' in loaded(), 'samcore._dataset' in loaded())"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert ["[]", "True False"] == out.stdout.splitlines()


class TestQuickStart:
    """ "The README's quick start holds two commands ... `.ci/run` runs exactly that test command."""

    def commands(self) -> list[str]:
        """The commands of the first fenced block under "Quick start"."""
        text = (ROOT / "README.md").read_text(encoding="utf-8")
        section = text.split("## Quick start", 1)[1]
        block = section.split("```", 2)[1]
        return [line for line in block.splitlines()[1:] if line.strip()]

    def test_two_commands_demo_first(self) -> None:
        """The quick start has exactly two commands: the demo, then the tests."""
        commands = self.commands()
        assert 2 == len(commands)
        assert commands[0].endswith("python -m samcore demo")
        assert commands[1].endswith("python -m pytest")

    def test_ci_runs_the_readme_test_command(self) -> None:
        """.ci/run runs the README's test command verbatim."""
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        assert self.commands()[1] in ci


class TestLazyDateutil:
    """ "lazy `dateutil` (only `WorkingDays`/holidays need easter)" (issue 13)."""

    def test_sick_leave_needs_no_dateutil_until_a_holiday(self) -> None:
        """The sick-leave path loads dateutil only when a holiday is first computed."""
        import subprocess
        import sys

        code = (
            "import sys\n"
            "from datetime import date\n"
            "from samcore import SickLeavePeriod, WorkingDays, sick_leave\n"
            "print('dateutil' in sys.modules)\n"
            "WorkingDays().days(date(2024, 3, 25), date(2024, 3, 31))\n"
            "print('dateutil' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert ["False", "True"] == out.stdout.split()


class TestLazyExports:
    """ "`from samcore import X` and `samcore.X` work for every name in `__all__`" (issue 13)."""

    def test_every_name_comes_from_its_module(self) -> None:
        """Each public name is the very object its module defines, and is kept once loaded."""
        import importlib

        for name in samcore.__all__:
            module = importlib.import_module(samcore._MODULES[name])
            assert getattr(module, name) is getattr(samcore, name), name
            assert name in vars(samcore), name

    def test_unknown_name_is_an_attribute_error(self) -> None:
        """A name that is not public raises AttributeError naming it, as for any module."""
        with pytest.raises(AttributeError, match="'no_such_name'"):
            _ = samcore.no_such_name  # type: ignore[attr-defined]

    def test_table_matches_the_imports_type_checkers_read(self) -> None:
        """The run-time table is exactly the names the TYPE_CHECKING block imports, each as itself."""
        tree = ast.parse((SRC / "__init__.py").read_text(encoding="utf-8"))
        block = next(n for n in tree.body if isinstance(n, ast.If))
        imported = {
            alias.name: node.module
            for node in block.body
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
            if alias.asname == alias.name
        }
        assert imported == samcore._MODULES


class TestNamespaces:
    """ "Public namespaces that show only what is public." """

    @pytest.mark.parametrize(
        "module",
        ["samcore", "samcore.errors", "samcore.examples", "samcore.strategies", "samcore.plots"],
    )
    def test_dir_lists_all(self, module: str) -> None:
        """dir() of a public module lists exactly its __all__."""
        import importlib

        mod = importlib.import_module(module)
        assert sorted(mod.__all__) == dir(mod)
