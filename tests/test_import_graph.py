"""The package's import graph: no cycle between observatory modules, Streamlit only in ui/,
and nothing from the top-level `benchmarks/` (the benchmarks measure the package, not the reverse)."""

import ast
import functools
import importlib
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "observatory"


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def package_modules() -> dict[str, Path]:
    """Return every module of observatory/ by dotted name (packages by their own name)."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_names(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """Return the dotted names a module imports, anywhere in it (lazy imports count too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from observatory import engine` imports the module observatory.engine;
            # `from observatory.engine import trend` imports observatory.engine.
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                      for alias in node.names}
    return found


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """Return, for each observatory module, the observatory modules it imports."""
    modules = package_modules()
    return {name: {target for target in imported_names(path, name, modules)
                   if target in modules and target != name}
            for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """Return one cycle of the graph as a path of names (first name repeated last), or []."""
    done: set[str] = set()
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        if node in stack:
            return stack[stack.index(node):] + [node]
        if node in done:
            return []
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        stack.pop()
        done.add(node)
        return []

    for node in sorted(graph):
        cycle = visit(node)
        if cycle:
            return cycle
    return []


def test_the_cycle_finder_finds_a_cycle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_relative_and_from_imports_resolve_to_modules(tmp_path):
    source = tmp_path / "views.py"
    source.write_text("from . import engine\nfrom .frame import PAGES\nimport observatory.db\n",
                      encoding="utf-8")
    modules = {"observatory.ui.engine": source, "observatory.ui.frame": source}
    names = imported_names(source, "observatory.ui.views", modules)
    assert names == {"observatory.ui.engine", "observatory.ui.frame", "observatory.db"}


def test_the_graph_sees_the_package_imports():
    graph = import_graph()
    assert "observatory.engine" in graph["observatory.comparisons"]
    assert "observatory.ui.frame" in graph["observatory.ui"]


def test_observatory_has_no_import_cycle():
    assert find_cycle(import_graph()) == []


# Scripts run on import: the command line's entry point.
SCRIPTS = ("observatory.__main__",)


@pytest.mark.parametrize("name", sorted(name for name in package_modules()
                                        if not name.startswith(SCRIPTS)))
def test_every_observatory_module_imports(name):
    importlib.import_module(name)


def importers_of(top_level: str) -> list[str]:
    """Return the observatory modules that import `top_level` or anything under it."""
    modules = package_modules()
    return sorted(name for name, path in modules.items()
                  if any(target.split(".")[0] == top_level
                         for target in imported_names(path, name, modules)))


def test_streamlit_is_imported_only_under_observatory_ui():
    assert [name for name in importers_of("streamlit")
            if not (name == "observatory.ui" or name.startswith("observatory.ui."))] == []


def test_observatory_never_imports_the_benchmarks():
    assert importers_of("benchmarks") == []
    # Nor by name at run time (importlib, `python -m benchmarks.…` in a subprocess).
    named = sorted(name for name, path in package_modules().items()
                   for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(node, ast.Constant) and isinstance(node.value, str)
                   and node.value.split(".")[0] == "benchmarks")
    assert named == []
