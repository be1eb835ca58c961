"""The house rules, read from the source: the package's import graph has no cycle (between
modules, and between the packages they form), the lower layers import nothing above them, only
ui/ imports Qt, cli/ imports ui/ only in its window launchers, SQL runs only in storage/ (and
shared/ for PostgreSQL), and every `type: ignore` says why on its line.

Every import counts, also one inside a function or under TYPE_CHECKING: a type a module names
is a dependency as much as a function it calls."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "kosi_checkin"
PACKAGE = "kosi_checkin"

# what each lower layer may import of the app (besides itself)
ALLOWED = {
    "domain": {"i18n"},
    "search": {"domain", "i18n"},
    "tokens": {"domain", "i18n"},
    "storage": {"domain", "tokens", "i18n"},
}
CLI_WINDOW_LAUNCHERS = {"kosi_checkin.cli.gui_command"}
SQL_PLACES = ("storage", "shared")
_SQL_CALL = re.compile(r"\.(execute|executemany|executescript|backup)\(")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in ROOT.rglob("*.py")}


def _imported(name: str, path: Path) -> Iterator[str]:
    """Every module name an import statement in the file names (absolute)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _resolve(name: str) -> str | None:
    """The app's module an imported name belongs to (None: not the app's)."""
    if not name.startswith(PACKAGE):
        return None
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


@cache
def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for name, path in modules().items():
        targets = {t for t in map(_resolve, _imported(name, path)) if t is not None}
        # `from kosi_checkin.checkin import wording` names the package and its module: keep the module
        edges[name] = {t for t in targets if t != name and not any(o.startswith(t + ".") for o in targets)}
    return edges


def layer(module: str) -> str:
    """The app's top-level part a module belongs to: 'domain', 'ui', 'config', …"""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_modules() -> None:
    assert cycles(graph()) == []


def test_no_import_cycle_between_packages() -> None:
    packages: dict[str, set[str]] = {}
    for module, targets in graph().items():
        packages.setdefault(layer(module), set()).update(layer(t) for t in targets if layer(t) != layer(module))
    assert cycles(packages) == []


def test_lower_layers_import_nothing_above_them() -> None:
    broken = [
        f"{module} imports {target}"
        for module, targets in graph().items() if layer(module) in ALLOWED
        for target in targets if layer(target) != layer(module) and layer(target) not in ALLOWED[layer(module)]
    ]
    assert broken == []


def _third_party(module: str) -> set[str]:
    return {name.split(".")[0] for name in _imported(module, modules()[module]) if not name.startswith(PACKAGE)}


def test_only_ui_imports_qt() -> None:
    assert [m for m in modules() if layer(m) != "ui" and "PySide6" in _third_party(m)] == []


def test_cli_imports_ui_only_in_its_window_launchers() -> None:
    users = {m for m, targets in graph().items() if layer(m) == "cli" and any(layer(t) == "ui" for t in targets)}
    assert users <= CLI_WINDOW_LAUNCHERS


def test_sql_runs_only_in_storage_and_shared() -> None:
    found = [f"{module}: {line.strip()}" for module, path in modules().items() if layer(module) not in SQL_PLACES
             for line in path.read_text(encoding="utf-8").splitlines() if _SQL_CALL.search(line)]
    assert found == []


def test_every_type_ignore_says_why() -> None:
    bare = [f"{path.relative_to(ROOT.parent)}:{number}" for path in modules().values()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if "type: ignore" in line and not re.search(r"type: ignore\[[\w\-, ]+\]\s+#\s*\S", line)]
    assert bare == []
