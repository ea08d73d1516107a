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
FORBIDDEN = ("flask", "flask_*", "current_app", "app.templating", "app.i18n", "app.content")

#: Known offenders, to be fixed: module -> what it imports (none left: services translate through
#: app/services/core/text.py, which the app installs, and are given their settings and content).
KNOWN_FLASK_IMPORTS: dict[str, set[str]] = {}


def _forbidden(module: str, names: list[str]) -> set[str]:
    found = set()
    if module == "flask" or module.startswith(("flask.", "flask_")):
        found.add(module.split(".")[0])
    if module in ("app.templating", "app.i18n", "app.content") or module.startswith(("app.templating.", "app.i18n.")):
        found.add(".".join(module.split(".")[:2]))
    if module == "app":
        found |= {f"app.{n}" for n in names if n in ("templating", "i18n", "content")}
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


# --- every write checks access first; the audit trail is written by the services -----------------------------------

#: Calls on the session that change rows.
SESSION_WRITES = {"add", "add_all", "delete", "merge", "flush", "bulk_save_objects", "bulk_insert_mappings",
                  "bulk_update_mappings"}
#: SQLAlchemy statements that change rows (`update(User)...`, `db.delete(...)`, `sqlite_insert(...)`).
STATEMENT_WRITES = {"insert", "update", "delete"}
#: The write machinery every write uses; calling it is a write, but it is not a service that must check access.
MACHINERY = ("app.services.core.transaction.", "app.services.core.audit.record")
REQUIRE, WRITE = "require", "write"

#: Public service functions that write without checking access first, each with the reason why. Empty: keep it so
#: (issue 17 began with 47 of 110 writers here).
KNOWN_UNCHECKED_WRITERS: dict[str, str] = {}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _local_names(tree: ast.Module, module: str, is_package: bool) -> dict[str, str]:
    """What each imported name of a module stands for: local name -> dotted name (a module, or module.function)."""
    names: dict[str, str] = {}
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                names[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package
                for _up in range(node.level - 1):
                    up = up.rpartition(".")[0]
                base = ".".join(p for p in (up, base) if p)
            for a in node.names:
                names[a.asname or a.name] = f"{base}.{a.name}"
    return names


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


class ServiceWrites:
    """The module-level functions of app/services, with their access checks and writes in source order."""

    def __init__(self, root: Path = APP / "services"):
        self.functions: dict[str, ast.FunctionDef] = {}   # "app.services.plans.plans.save_step" -> its node
        self.names: dict[str, dict[str, str]] = {}        # module -> its imported names
        self.module_of: dict[str, str] = {}
        self._events: dict[str, list[tuple[str, int, str]]] = {}
        for path in sorted(root.rglob("*.py")):
            module = _module_name(path)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            self.names[module] = _local_names(tree, module, path.name == "__init__.py")
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.functions[f"{module}.{node.name}"] = node
                    self.module_of[f"{module}.{node.name}"] = module

    def resolve(self, module: str, dotted: str) -> str | None:
        """The service function a call names (`plans.save_step`, `_helper`, `record` imported from audit)."""
        head, _sep, rest = dotted.partition(".")
        if not rest and f"{module}.{head}" in self.functions:
            return f"{module}.{head}"
        full = self.names[module].get(head)
        if full is None:
            return None
        full = f"{full}.{rest}" if rest else full
        for _hop in range(3):  # through a package's re-export
            if full in self.functions:
                return full
            owner, _sep, name = full.rpartition(".")
            if owner not in self.names or name not in self.names[owner]:
                return None
            full = self.names[owner][name]
        return None

    def _is_sqlalchemy(self, module: str, name: str) -> bool:
        head = name.split(".")[0]
        return (head == "db" and name.count(".") == 1) or self.names[module].get(head, "").startswith("sqlalchemy")

    def _is_model(self, module: str, annotation: ast.AST | None) -> bool:
        """A parameter annotated as a model (from app.models): setting its attributes changes a row."""
        if annotation is None:
            return False
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            annotation = ast.parse(annotation.value, mode="eval").body
        return any(self.names[module].get((_dotted(n) or "").split(".")[0], "").startswith("app.models")
                   for n in ast.walk(annotation) if isinstance(n, (ast.Name, ast.Attribute)))

    @staticmethod
    def _rows_read(node: ast.AST) -> set[str]:
        """Local names that hold rows read from the database (`x = db.session.get(...)`, `for x in found`)."""
        def from_db(expr: ast.AST) -> bool:
            return any(isinstance(c, ast.Call) and (_dotted(c.func) or "").startswith("db.session.")
                       for c in ast.walk(expr))
        rows = {t.id for sub in ast.walk(node) if isinstance(sub, ast.Assign) and from_db(sub.value)
                for t in sub.targets if isinstance(t, ast.Name)}
        # `found = db.session.scalars(...)`, then `for request in found`
        return rows | {sub.target.id for sub in ast.walk(node) if isinstance(sub, ast.For)
                       and isinstance(sub.target, ast.Name)
                       and (from_db(sub.iter) or (isinstance(sub.iter, ast.Name) and sub.iter.id in rows))}

    def _is_require(self, module: str, name: str) -> bool:
        return name == "access.require" or (name == "require"
                                            and self.names[module].get("require", "").endswith("access.require"))

    def events(self, qualname: str) -> list[tuple[str, int, str]]:
        """(REQUIRE or WRITE, line, what) in source order, those of the service functions it calls included."""
        if qualname in self._events:
            return self._events[qualname]
        self._events[qualname] = []  # a recursive call adds nothing
        node, module = self.functions[qualname], self.module_of[qualname]
        models = {a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)
                  if self._is_model(module, a.annotation)} | self._rows_read(node)
        # A check under an `if` may be skipped (`if by is not None: require(...)`): it is no check.
        conditional = {id(c) for branch in ast.walk(node) if isinstance(branch, (ast.If, ast.IfExp))
                       for part in (branch.body, branch.orelse) for stmt in (part if isinstance(part, list) else [part])
                       for c in ast.walk(stmt)}
        found: list[tuple[int, int, str, str]] = []
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call):
                name = _dotted(sub.func) or ""
                last, where = name.rpartition(".")[2], (sub.lineno, sub.col_offset)
                callee = self.resolve(module, name) if name else None
                inner = self.events(callee) if callee and callee != qualname else []
                if self._is_require(module, name) or (inner and inner[0][0] == REQUIRE):
                    if id(sub) not in conditional:
                        found.append((*where, REQUIRE, name))
                    if any(kind == WRITE for kind, *_rest in inner):
                        found.append((where[0], where[1] + 1, WRITE, f"{name} (checks inside)"))
                elif (name.startswith(("db.session.", "session.")) and last in SESSION_WRITES) or last == "flush":
                    found.append((*where, WRITE, name))
                elif last in STATEMENT_WRITES and self._is_sqlalchemy(module, name):
                    found.append((*where, WRITE, f"{name}(…)"))
                elif callee and callee.startswith(MACHINERY):
                    found.append((*where, WRITE, name))
                elif inner:
                    found.append((*where, inner[0][0], f"{name} → {inner[0][2]}"))
            elif isinstance(sub, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
                for target in targets:
                    for el in (target.elts if isinstance(target, ast.Tuple) else [target]):
                        if isinstance(el, ast.Attribute) and isinstance(el.value, ast.Name) and el.value.id in models:
                            found.append((sub.lineno, sub.col_offset, WRITE, f"{el.value.id}.{el.attr} = …"))
        found.sort()
        self._events[qualname] = [(kind, line, what) for line, _col, kind, what in found]
        return self._events[qualname]

    def writers(self) -> dict[str, list[tuple[str, int, str]]]:
        """Every public service function that writes (the machinery itself aside)."""
        found = {q: self.events(q) for q, node in self.functions.items()
                 if not node.name.startswith("_") and not q.startswith(MACHINERY)}
        return {q: events for q, events in found.items() if any(kind == WRITE for kind, *_rest in events)}

    def unchecked(self) -> dict[str, str]:
        """The writers whose first write comes before any `access.require`: name -> 'line: what'."""
        return {q: f"{events[0][1]}: {events[0][2]}" for q, events in self.writers().items() if events[0][0] == WRITE}


def test_every_service_write_checks_access_first():
    """Every public function in app/services that writes calls `access.require` before its first write.

    A write: a call of `db.session.add/add_all/delete/merge/flush` (or any `.flush()`); building an
    `insert/update/delete` statement of SQLAlchemy; `audit.record` and the unit-of-work helpers (the machinery in
    MACHINERY); setting an attribute of a parameter annotated as a model, or of a row the function read from the
    database itself; and calling a service function that writes.
    A check: a call of `access.require`, or of a service function whose first event is such a call (a helper that
    checks, `audit.record_download`, another service write). A check under an `if` does not count: it can be
    skipped. "Before": earlier in the source. The acting user is never optional, the CLI and the demo act as
    `access.SYSTEM`, anonymous residents as `access.PUBLIC`: both go through the same `require`."""
    found = ServiceWrites().unchecked()
    new = {q: where for q, where in found.items() if q not in KNOWN_UNCHECKED_WRITERS}
    assert not new, f"een service schrijft zonder eerst access.require te vragen: {new}"
    fixed = sorted(set(KNOWN_UNCHECKED_WRITERS) - set(found))
    assert not fixed, f"opgelost, haal ze uit KNOWN_UNCHECKED_WRITERS: {fixed}"


#: Other names the acting user once had; a write names it `by`.
OTHER_ACTOR_NAMES = {"viewer", "actor", "owner"}


def actor_problems(finder: ServiceWrites) -> dict[str, str]:
    """Writers whose acting user is not a required `by` (a `user` beside `by` is the account acted on)."""
    found = {}
    for q in finder.writers():
        args = finder.functions[q].args
        positional = [*args.posonlyargs, *args.args]
        defaults = dict(zip([a.arg for a in positional][len(positional) - len(args.defaults):], args.defaults))
        defaults |= {a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None}
        params = {a.arg: a for a in (*positional, *args.kwonlyargs)}
        if "by" not in params:
            found[q] = "geen by"
        elif "by" in defaults or "None" in ast.unparse(params["by"].annotation or ast.Constant("")):
            found[q] = "by is optioneel (by=None sloeg de controle over)"
        elif OTHER_ACTOR_NAMES & set(params):
            found[q] = f"nog een naam voor wie handelt: {sorted(OTHER_ACTOR_NAMES & set(params))}"
    return found


def test_every_service_write_names_its_acting_user_by():
    """One name for who acts: `by`, required (the command line passes access.SYSTEM, a resident access.PUBLIC)."""
    found = actor_problems(ServiceWrites())
    assert not found, f"schrijvende services zonder verplichte by: {found}"


def test_the_write_finder_finds_an_unchecked_write(tmp_path):
    (tmp_path / "demo.py").write_text(
        "from app.extensions import db\nfrom app.services.core import access\n\n"
        "def checked(plan, *, by):\n    access.require(by, 'edit', plan)\n    db.session.add(plan)\n\n"
        "def skipped(plan, *, by=None):\n    if by is not None:\n        access.require(by, 'edit', plan)\n"
        "    db.session.add(plan)\n\n"
        "def late(plan, *, by):\n    db.session.flush()\n    access.require(by, 'edit', plan)\n\n"
        "def through(plan, *, by):\n    _write(plan)\n\n"
        "def _write(plan):\n    db.session.delete(plan)\n\n"
        "def reading(plan):\n    return plan.title\n", encoding="utf-8")
    finder = ServiceWrites.__new__(ServiceWrites)
    finder.functions, finder.names, finder.module_of, finder._events = {}, {}, {}, {}
    tree = ast.parse((tmp_path / "demo.py").read_text(encoding="utf-8"))
    finder.names["demo"] = _local_names(tree, "demo", False)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            finder.functions[f"demo.{node.name}"], finder.module_of[f"demo.{node.name}"] = node, "demo"
    assert set(finder.writers()) == {"demo.checked", "demo.skipped", "demo.late", "demo.through"}
    assert set(finder.unchecked()) == {"demo.skipped", "demo.late", "demo.through"}


#: Who may write the audit trail outside app/services: nobody (the services record what they do).
AUDIT_WRITES = {"record", "record_download"}


def audit_calls_outside_services() -> list[str]:
    """Every call of audit.record / audit.record_download in app/ outside app/services: 'file:line'."""
    found = []
    for path in sorted(APP.rglob("*.py")):
        if (APP / "services") in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                    and (n.module or "").endswith("audit") for a in n.names if a.name in AUDIT_WRITES}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _dotted(node.func) or ""
                if (name.startswith("audit.") and name.rpartition(".")[2] in AUDIT_WRITES) or name in imported:
                    found.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    return found


def test_views_and_commands_do_not_write_the_audit_trail():
    """The service that does an action records it, with the target taken from the object: a view or a command
    that calls audit.record itself can forget it, or record it twice."""
    found = audit_calls_outside_services()
    assert not found, f"audit.record buiten app/services; laat de service het vastleggen: {found}"


# --- the two trees mirror each other ------------------------------------------------------------------------------

#: Service packages without a screen area of their own: what every area shares, and the question engine that the
#: wizard, surveys, zelfscan and projects all use.
SHARED_SERVICES = {"core", "questions"}
#: Screen areas without logic of their own: the static pages, and the wizard (its logic is the question engine).
AREAS_WITHOUT_SERVICES = {"site", "wizard"}


def _packages(folder: Path) -> set[str]:
    return {p.parent.name for p in folder.glob("*/__init__.py")}


def test_every_area_has_its_services_under_the_same_name():
    areas = {a for a in _packages(APP) if (APP / a / "routes.py").exists()}
    services = _packages(APP / "services")
    assert areas - services == AREAS_WITHOUT_SERVICES, "een onderdeel zonder app/services/<onderdeel>/"
    assert services - areas == SHARED_SERVICES, "een servicemap zonder onderdeel met dezelfde naam in app/"


def test_services_are_packages_not_loose_modules():
    loose = sorted(p.name for p in (APP / "services").glob("*.py") if p.name != "__init__.py")
    assert not loose, f"zet deze modules in de map van hun onderdeel: {loose}"
