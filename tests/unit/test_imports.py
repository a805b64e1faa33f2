"""The import graph of `src/detente`: no circles, the faces hold no SQL, `import detente` stays light."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "detente"
# The faces: they call the library and hold no SQL of their own.
FACES = ("cli.py", "api/app.py", "api/params.py", "api/security.py", "web/pages.py", "report.py")
# What a face may import from detente: the handle (library), the settings, errors and checks every
# face shares, its own siblings, and the tools that never touch a store (batch coding to Parquet,
# eval, training, the layouts' record writers, the ontology's code names).
FACE_MAY_IMPORT = re.compile(
    r"detente(\.(_version(\.\w+)?|__version__|library(\.\w+)?|config(\.\w+)?|errors(\.\w+)?"
    r"|validation(\.\w+)?|types(\.\w+)?|api(\.\w+)*|web(\.\w+)*|report(\.\w+)?"
    r"|batch\.run_batch|evaluation(\.\w+)*|training(\.\w+)?|prefilter_training(\.\w+)?"
    r"|formats\.\w+|events\.ontology(\.\w+)?))?"
)
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b.+\b(FROM|INTO|SET)\b", re.S)


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every detente module `path` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)
    return {m for m in out if m in known and m != name}


def circles(graph: dict[str, set[str]]) -> Iterator[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(v: str) -> Iterator[list[str]]:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                yield from visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                yield sorted(component)

    for v in sorted(graph):
        if v not in index:
            yield from visit(v)


def test_no_import_circles() -> None:
    known = modules()
    graph = {name: imported(name, path, known) for name, path in known.items()}
    assert graph["detente.web.pages"], "the graph finds imports"
    assert list(circles(graph)) == []


def test_circles_are_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert list(circles(graph)) == [["a", "b", "c"]]


def test_the_faces_hold_no_sql() -> None:
    for face in FACES:
        text = (PACKAGE / face).read_text(encoding="utf-8")
        assert not SQL.search(text), f"{face} holds SQL"


def names_imported(path: Path) -> set[str]:
    """Every detente name `path` imports: modules, and `module.name` for each name taken from one."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n for n in out if n.startswith("detente.")}


def test_the_faces_call_the_handle_and_nothing_below_it() -> None:
    for face in FACES:
        below = {n for n in names_imported(PACKAGE / face) if not FACE_MAY_IMPORT.fullmatch(n)}
        assert not below, f"{face} imports {sorted(below)}: call detente.library instead"


def test_the_face_rule_catches_a_call_below_the_handle() -> None:
    assert not FACE_MAY_IMPORT.fullmatch("detente.operations")
    assert not FACE_MAY_IMPORT.fullmatch("detente.analysis.queries")
    assert not FACE_MAY_IMPORT.fullmatch("detente.store.duckdb")
    assert not FACE_MAY_IMPORT.fullmatch("detente.batch.load_batch")
    assert FACE_MAY_IMPORT.fullmatch("detente.library.Store")


def test_importing_detente_loads_no_spacy() -> None:
    code = "import sys, detente; print('spacy' in sys.modules, 'sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
