"""Regenerate the sheet's translations: `python -m app.sheets.i18n`.

Runs pyside6-lupdate over app/sheets (new labels appear in app/i18n/sheets_km.ts as unfinished;
translate them in Qt Linguist, `pyside6-linguist app/i18n/sheets_km.ts`), then pyside6-lrelease
to compile app/i18n/sheets_km.qm. Commit both files. Developer tool; not used at run time.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "app" / "i18n" / "sheets_km.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "sheets").glob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-target-language", "km_KH", "-no-obsolete",
                    "-ts", str(TS.relative_to(ROOT))], cwd=ROOT, check=True)
    subprocess.run([_tool("pyside6-lrelease"), str(TS.relative_to(ROOT)), "-qm",
                    str(QM.relative_to(ROOT))], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
