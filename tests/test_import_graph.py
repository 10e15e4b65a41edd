"""The house's structure: no import circles, and every app imports only apps on its own floor or below.

The graph is read from the source with `ast`, nothing is imported, and every import counts: one inside a function
ties two modules as surely as one at the top (it only hides the tie until the function runs).

The floors (README, Layout): `analytics` stands on nothing of ours and on no Django; `core` and `accounts`
import no domain app; then organisations, calls and the observatory; then applications and diagnosis; then
evaluation, matchmaking and partnerships; the demo, the API and the site's wiring on top.
"""

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"

FLOORS: dict[str, int] = {
    "analytics": 0,
    "core": 1,
    "accounts": 1,
    "ops": 1,
    "formats": 1,
    "organisations": 2,
    "calls": 2,
    "observatory": 2,
    "applications": 3,
    "diagnosis": 3,
    "evaluation": 4,
    "matchmaking": 4,
    "partnerships": 4,
}
TOP = 5  # demo, api, urls, settings, cli, wsgi: they may import anything
BOTTOM_APPS = {"core", "accounts"}


def read_graph(source: Path, package: str = "innopart") -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Return each module's imports of the package's own modules, and each module's imports of anything else."""
    files: dict[str, tuple[Path, bool]] = {}
    for path in (source / package).rglob("*.py"):
        parts = list(path.relative_to(source).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        files[".".join(parts[:-1] if is_package else parts)] = (path, is_package)

    def own_module(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    ours: dict[str, set[str]] = {}
    others: dict[str, set[str]] = {}
    for module, (path, is_package) in files.items():
        here = module if is_package else module.rpartition(".")[0]
        named: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                named.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    origin = ".".join(base + ([node.module] if node.module else []))
                else:
                    origin = node.module or ""
                for alias in node.names:
                    # `from innopart.calls import selectors` imports a module; `from x import name` a name in x.
                    full = f"{origin}.{alias.name}"
                    named.add(full if full in files else origin)
        ours[module] = {m for n in named if n.split(".")[0] == package and (m := own_module(n)) and m != module}
        others[module] = {n for n in named if n.split(".")[0] != package}
    return ours, others


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted, the list sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def floor_faults(graph: dict[str, set[str]]) -> list[str]:
    """Every import that reaches up to a higher floor, or from a bottom app into any domain app."""
    faults = []
    for module, targets in sorted(graph.items()):
        here = app_of(module)
        floor = FLOORS.get(here, TOP)
        for target in sorted(targets):
            there = app_of(target)
            if there == here:
                continue
            if FLOORS.get(there, TOP) > floor or (here in BOTTOM_APPS and there not in BOTTOM_APPS):
                faults.append(f"{module} imports {target}")
    return faults


@pytest.fixture(scope="module")
def house():
    return read_graph(SOURCE)


def test_no_module_of_innopart_takes_part_in_an_import_circle(house):
    ours, _ = house
    assert len(ours) > 300, "the graph did not read the package"
    assert circles(ours) == []


def test_every_app_imports_only_its_own_floor_or_below(house):
    ours, _ = house
    assert floor_faults(ours) == []


def test_core_accounts_and_analytics_import_no_domain_app(house):
    ours, _ = house
    bottom = {m: t for m, t in ours.items() if app_of(m) in BOTTOM_APPS | {"analytics"}}
    reached = {app_of(t) for targets in bottom.values() for t in targets}
    assert reached <= BOTTOM_APPS | {"analytics"}
    assert {app_of(t) for m, targets in bottom.items() if app_of(m) == "analytics" for t in targets} <= {"analytics"}


def test_the_analytics_library_does_not_need_django(house):
    _, others = house
    needs = {m: sorted(n for n in names if n.split(".")[0] == "django") for m, names in others.items()}
    assert {m: n for m, n in needs.items() if app_of(m) == "analytics" and n} == {}


def write(tree: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = tree / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_reader_sees_a_circle_closed_by_an_import_inside_a_function(tmp_path):
    write(
        tmp_path,
        {
            "innopart/__init__.py": "",
            "innopart/core/__init__.py": "",
            "innopart/core/audit.py": "def record():\n    from innopart.core import models\n",
            "innopart/core/models.py": "from .audit import record\n",
            "innopart/calls/__init__.py": "",
            "innopart/calls/models.py": "from innopart.core.models import record\n",
        },
    )
    ours, _ = read_graph(tmp_path)
    assert circles(ours) == [["innopart.core.audit", "innopart.core.models"]]


def test_the_reader_sees_core_reaching_up_into_a_domain_app(tmp_path):
    write(
        tmp_path,
        {
            "innopart/__init__.py": "",
            "innopart/core/__init__.py": "",
            "innopart/core/views.py": "from innopart.calls import selectors\n",
            "innopart/calls/__init__.py": "",
            "innopart/calls/selectors.py": "import innopart.core.views\n",
            "innopart/evaluation/__init__.py": "",
            "innopart/evaluation/views.py": "from ..calls.selectors import x\n",
        },
    )
    ours, _ = read_graph(tmp_path)
    assert ours["innopart.evaluation.views"] == {"innopart.calls.selectors"}
    assert floor_faults(ours) == ["innopart.core.views imports innopart.calls.selectors"]
