"""The layers of docs/architecture.md, enforced on the import graph."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "samcore"

# Lowest first. A module may import from its own layer and the layers below it, never above.
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "base",
        frozenset(
            {
                "errors",
                "_version",
                "_columns",
                "_check",
                "_frozen",
                "_monoid",
                "_time",
                "_ratio",
                "_labels",
            }
        ),
    ),
    (
        "records",
        frozenset(
            {
                "_org",
                "_people",
                "_schedule",
                "_incidents",
                "_risks",
                "_checklists",
                "_certification",
                "_delegation",
                "_questions",
                "_template",
                "_employee_survey",
                "_narratives",
                "_rehab",
                "_rehab_summary",
                "_health_factors",
            }
        ),
    ),
    ("privacy", frozenset({"_cuts", "_suppression", "_privacy"})),
    (
        "metrics",
        frozenset(
            {
                "_workforce",
                "_continuity",
                "_sick_leave",
                "_spells",
                "_per_gender",
                "_turnover",
                "_extra_time",
                "_age",
                "_prepared",
                "_signals",
            }
        ),
    ),
    (
        "report",
        frozenset({"_dataset", "_diagnostics", "_plan", "_progress", "_report", "_partition"}),
    ),
    ("publication", frozenset({"_publish", "_groups"})),
    (
        "presentation",
        frozenset(
            {
                "_texts",
                "_writer",
                "_render_tables",
                "_render",
                "_render_groups",
                "_rows",
                "_rollup",
                "plots",
            }
        ),
    ),
    (
        "edges",
        frozenset(
            {
                "_wire",
                "_wire_read",
                "_schema",
                "_ingest_problems",
                "_bulk",
                "_ingest_cells",
                "_ingest",
                "_ingest_groups",
                "_ingest_wide",
                "_ingest_tables",
                "_kolada",
                "_kolada_read",
                "_example_base",
                "_example_people",
                "_example_texts",
                "_example_sam",
                "_example_narratives",
                "_example_health",
                "examples",
                "strategies",
                "__main__",
                "__init__",
            }
        ),
    ),
)
RANK = {module: rank for rank, (_, modules) in enumerate(LAYERS) for module in modules}


def imports(module: str) -> set[str]:
    """The samcore modules a module imports, at module level or inside functions."""
    tree = ast.parse((SRC / f"{module}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("samcore"):
            name = node.module.removeprefix("samcore").lstrip(".")
            found.add(name or "__init__")
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("samcore.") for a in node.names if a.name.startswith("samcore.")
            )
    return found - {module}


MODULES = sorted(p.stem for p in SRC.glob("*.py"))


class TestLayers:
    """ "A lower layer never imports a higher one" (docs/architecture.md)."""

    def test_every_module_has_a_layer(self) -> None:
        """Each module of the package is placed in exactly one layer."""
        assert sorted(RANK) == MODULES

    @pytest.mark.parametrize("module", MODULES)
    def test_imports_point_down(self, module: str) -> None:
        """A module imports only from its own layer or the layers below it."""
        upward = sorted(m for m in imports(module) if RANK[m] > RANK[module])
        assert [] == upward

    def test_no_import_cycle(self) -> None:
        """The import graph among the modules has no cycle."""
        graph = {m: imports(m) for m in MODULES}
        done: set[str] = set()

        def visit(module: str, path: tuple[str, ...]) -> None:
            assert module not in path, " -> ".join((*path, module))
            if module in done:
                return
            for target in graph[module]:
                visit(target, (*path, module))
            done.add(module)

        for module in MODULES:
            visit(module, ())
