"""The house's layout as tests (issue 17 "One house"): services without Flask, and no import circles.

Both read the source with `ast`; neither imports the app. Each has a list of known exceptions that may only
shrink: a new offender fails, and so does an entry that is no longer needed (remove it from the list).
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"

# --- services without Flask ---------------------------------------------------------------------------------------

#: A service may not reach up into the web layer: give it what it needs (content, a clock, a translator) instead.
FORBIDDEN = ("flask", "flask_*", "current_app", "app.templating", "app.i18n")

#: Known offenders, to be fixed: module -> what it imports (none left: services translate through
#: app/services/core/text.py, which the app installs, and are given their settings and content).
KNOWN_FLASK_IMPORTS: dict[str, set[str]] = {}


def _forbidden(module: str, names: list[str]) -> set[str]:
    found = set()
    if module == "flask" or module.startswith(("flask.", "flask_")):
        found.add(module.split(".")[0])
    if module in ("app.templating", "app.i18n") or module.startswith(("app.templating.", "app.i18n.")):
        found.add(".".join(module.split(".")[:2]))
    if module == "app":
        found |= {f"app.{n}" for n in names if n in ("templating", "i18n")}
    if "current_app" in names:
        found.add("current_app")
    return found


def flask_imports() -> dict[str, set[str]]:
    """Every module under app/services with what it imports of the web layer, at any depth (a function too)."""
    found: dict[str, set[str]] = {}
    for path in sorted((APP / "services").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                hits = set().union(*(_forbidden(a.name, []) for a in node.names))
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                hits = _forbidden(node.module, [a.name for a in node.names])
            else:
                continue
            if hits:
                found.setdefault(path.relative_to(ROOT).as_posix(), set()).update(hits)
    return found


def test_services_do_not_import_flask():
    found = flask_imports()
    new = {m: sorted(h - KNOWN_FLASK_IMPORTS.get(m, set())) for m, h in found.items()
           if h - KNOWN_FLASK_IMPORTS.get(m, set())}
    assert not new, f"een service haalt de weblaag binnen ({', '.join(FORBIDDEN)}); geef hem wat hij nodig heeft: {new}"
    fixed = {m: sorted(h - found.get(m, set())) for m, h in KNOWN_FLASK_IMPORTS.items() if h - found.get(m, set())}
    assert not fixed, f"opgelost, haal ze uit KNOWN_FLASK_IMPORTS: {fixed}"


# --- no import circles --------------------------------------------------------------------------------------------

#: Known circles through imports inside functions, to be broken (none left).
KNOWN_FUNCTION_LEVEL_CYCLES: list[set[str]] = []


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(APP.rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def import_graph(module_level_only: bool) -> dict[str, set[str]]:
    """module -> the app modules it imports. TYPE_CHECKING blocks do not count (they never run). Not counted either:
    a blueprint package importing its own route modules, the registration Flask's blueprints are made for
    (app/<area>/__init__.py defines `bp` and then imports routes.py, which imports `bp`)."""
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}

    def target(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]

        def visit(nodes, top: bool) -> None:
            for node in nodes:
                if _is_type_checking(node):
                    continue
                if isinstance(node, (ast.Import, ast.ImportFrom)) and (top or not module_level_only):
                    if isinstance(node, ast.Import):
                        names = [a.name for a in node.names]
                    else:
                        base = package
                        for _up in range(node.level - 1):
                            base = base.rpartition(".")[0]
                        base = ".".join(p for p in (base if node.level else "", node.module or "") if p)
                        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
                    for name in names:
                        found = target(name)
                        if found and found != module and not (path.name == "__init__.py"
                                                                and found.startswith(module + ".")):
                            graph[module].add(found)
                inner = top and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                for field in ("body", "orelse", "finalbody", "handlers"):
                    children = getattr(node, field, None)
                    if isinstance(children, list):
                        visit(children, inner)

        visit(ast.parse(path.read_text(encoding="utf-8")).body, True)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan), each a circle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles_at_module_level():
    found = cycles(import_graph(module_level_only=True))
    assert not found, f"modules die elkaar bij het laden importeren; verplaats het gedeelde stuk: {found}"


def test_no_import_circles_through_functions():
    """An import inside a function hides a circle; move the shared piece to where it belongs instead."""
    found = cycles(import_graph(module_level_only=False))
    new = [c for c in found if c not in KNOWN_FUNCTION_LEVEL_CYCLES]
    assert not new, f"importcirkels via een import in een functie: {new}"
    gone = [c for c in KNOWN_FUNCTION_LEVEL_CYCLES if c not in found]
    assert not gone, f"opgelost, haal ze uit KNOWN_FUNCTION_LEVEL_CYCLES: {gone}"


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
