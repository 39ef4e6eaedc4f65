"""The import rules of docs/architecture.md, checked on the source (STYLE.md rule 1).

- safeland_core imports neither Qt, nor SQLAlchemy's ORM, nor the desktop app, nor HQ;
- hq imports neither the desktop app nor Qt;
- the desktop app's data layer (models, store, domain, sync, db) imports neither Qt nor app.ui
  nor HQ.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")

RULES: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "core": (["safeland_core"], QT + ("sqlalchemy.orm", "app", "hq", "fastapi", "httpx")),
    "hq": (["hq"], QT + ("app",)),
    "field data layer": (["app/models", "app/store", "app/domain", "app/sync", "app/db.py",
                          "app/logs.py", "app/paths.py"], QT + ("app.ui", "app.sheets", "hq")),
}


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, relative imports resolved against its package."""
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


def files(places: list[str]) -> list[Path]:
    out: list[Path] = []
    for g in places:
        p = ROOT / g
        if p.is_file():
            out.append(p)
        elif p.is_dir():
            out += sorted(p.rglob("*.py"))
    return out


def _matches(name: str, forbidden: tuple[str, ...]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_import_rule(rule):
    places, forbidden = RULES[rule]
    found = files(places)
    assert len(found) >= 3, f"{rule}: no code found under {places}"
    leaks = [f"{path.relative_to(ROOT)}:{line} imports {name}"
             for path in found for line, name in imports(path) if _matches(name, forbidden)]
    assert not leaks, f"{rule} imports what docs/architecture.md forbids:\n" + "\n".join(leaks)


def test_the_rule_catches_a_forbidden_import(tmp_path, monkeypatch):
    """The checker itself: an ORM import in a core-like file is found, a Core import is not."""
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    pkg = tmp_path / "app" / "sync"
    pkg.mkdir(parents=True)
    (pkg / "bad.py").write_text("from sqlalchemy.orm import Session\nfrom sqlalchemy import select\n"
                                "from ..ui import x\n")
    names = [n for _, n in imports(pkg / "bad.py")]
    assert names[2] == "app.ui" and _matches(names[2], RULES["field data layer"][1])
    assert _matches(names[0], RULES["core"][1])
    assert not _matches(names[1], RULES["core"][1])
    assert not _matches("application", ("app",))
