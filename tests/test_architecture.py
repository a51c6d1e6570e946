"""The layers, stated once: every import of the product's code must go down this list.

    calc                      pure computation (no streamlit, plotly or file formats)
    workbook                  schema, read, validate, write: bytes ⇄ Scenario
    results | figures | sessions  the one results model; Plotly builders (data in, figure out);
                              saved sessions (scenario ⇄ bytes, the session database)
    views                     formatting, the comparison's KPIs, the Excel report
    cli | ui                  the console script; the Streamlit glue
    pages | app               the screens

A module may import modules of its own package or of a package on a lower line; packages on
the same line may not import each other. Every import counts, also one inside a function, and no
two modules may import each other, directly or round a cycle.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = (("calc",), ("workbook",), ("results", "figures", "sessions"), ("views",), ("cli", "ui"), ("pages", "app"))
LEVEL = {pkg: i for i, line in enumerate(LAYERS) for pkg in line}
#: packages that must not import streamlit (or plotly, for calc)
NO_STREAMLIT = ("calc", "workbook", "results", "figures", "sessions", "views", "cli")


def _modules() -> dict[str, Path]:
    out = {"app": ROOT / "app.py"}
    for pkg in LEVEL:
        folder = ROOT / pkg
        if folder.is_dir():
            for path in folder.rglob("*.py"):
                parts = path.relative_to(ROOT).with_suffix("").parts
                name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
                out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every module of ours that ``name`` imports (resolved to a module we have)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            subs = [f"{base}.{a.name}" for a in node.names]
            # ``from pkg import module`` imports the module; the package itself only when a name
            # is not a module of it
            targets = subs + ([base] if any(m not in MODULES for m in subs) else [])
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _top(name: str) -> str:
    return name.split(".")[0]


def test_every_package_is_placed_in_a_layer():
    tops = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()} - {"tests", "bench", "sample_data"}
    assert tops <= set(LEVEL), f"packages without a layer: {sorted(tops - set(LEVEL))}"


def test_imports_go_down_the_layers():
    wrong = [f"{a} → {b}" for a, deps in GRAPH.items() for b in deps
             if _top(a) != _top(b) and LEVEL[_top(b)] >= LEVEL[_top(a)]]
    assert not wrong, "imports against the layer order:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles():
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_lower_layers_do_not_import_streamlit():
    bad = []
    for name, path in MODULES.items():
        if _top(name) in NO_STREAMLIT:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                mods = ([a.name for a in node.names] if isinstance(node, ast.Import)
                        else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if any(m.split(".")[0] == "streamlit" or (_top(name) == "calc" and m.split(".")[0] == "plotly")
                       for m in mods):
                    bad.append(name)
    assert not bad, f"modules of lower layers that import streamlit/plotly: {sorted(set(bad))}"


def test_the_rule_catches_an_upward_import(tmp_path):
    """The check itself can fail: a calc module importing ui is reported."""
    fake = tmp_path / "fake.py"
    fake.write_text("from ui.state import scenario\n", encoding="utf-8")
    deps = _imports("calc.fake", fake)
    assert "ui.state" in deps and LEVEL[_top("ui.state")] > LEVEL["calc"]
