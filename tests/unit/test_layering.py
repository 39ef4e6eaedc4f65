"""STYLE.md rule 1: the domain, the models, sync and HQ never import Qt or app.ui."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUARDED = ["app/models", "app/domain", "app/sync", "hq", "app/db.py", "app/logs.py"]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "app.ui")


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # resolve `from ..ui import x` against the file's package
                package = list(path.relative_to(ROOT).parent.parts)
                package = package[:len(package) - (node.level - 1)]
                name = ".".join(package + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def _files() -> list[Path]:
    out = []
    for g in GUARDED:
        p = ROOT / g
        out += [p] if p.is_file() else sorted(p.rglob("*.py"))
    return out


def test_guarded_code_exists():
    assert len(_files()) > 10


def test_no_qt_or_ui_import_outside_the_gui():
    leaks = []
    for path in _files():
        for line, name in _imports(path):
            if name.startswith(FORBIDDEN):
                leaks.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert not leaks, "Qt or app.ui imported where it must not be:\n" + "\n".join(leaks)
