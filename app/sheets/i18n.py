"""Regenerate the translations: `python -m app.sheets.i18n` (the command docs/sheets.md gave).

The sheet's labels no longer regenerate alone: the sheet shares the vocabulary catalogue with the
window and HQ, so one script, scripts/update_translations.sh, runs pyside6-lupdate over the window,
the sheet and the catalogue, then pyside6-lrelease over every .ts (docs/vocabulary.md). This module
runs that script, so the older command keeps working. Developer tool; not used at run time.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update_translations.sh"


def main() -> int:
    # The script finds pyside6-lupdate in $VENV/bin; point it at the interpreter running us.
    env = dict(os.environ, VENV=os.environ.get("VENV", str(Path(sys.executable).parent.parent)))
    return subprocess.run(["sh", str(SCRIPT)], cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
