"""Architecture rules of ../shared/design.md, checked on the source."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package, banned", [
    ("calc", {"streamlit", "plotly", "openpyxl", "python_calamine", "workbook", "ui", "figures"}),
    ("workbook", {"streamlit", "plotly", "ui", "figures"}),
    ("figures", {"streamlit", "workbook", "ui"}),
])
def test_layer_imports(package, banned):
    for path in (ROOT / package).rglob("*.py"):
        assert not imports(path) & banned, f"{path} imports {imports(path) & banned}"


def test_pages_are_thin():
    for path in (ROOT / "pages").glob("*.py"):
        assert len(path.read_text("utf-8").splitlines()) <= 150, path


def test_no_module_level_mutable_state_in_ui():
    """Per-user data lives in st.session_state: ui modules define no module-level lists/dicts
    that code could mutate, except the constant i18n catalogue."""
    for path in (ROOT / "ui").glob("*.py"):
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, (ast.List, ast.Set)):
                targets = [getattr(t, "id", "") for t in (node.targets if isinstance(node, ast.Assign) else [node.target])]
                assert all(name.isupper() for name in targets), f"{path}: {targets}"
