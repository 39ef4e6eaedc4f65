#!/bin/sh
# Regenerate every translation of Safeland, then compile every .ts to .qm. Run from anywhere.
#   window   app/ui/**            -> app/i18n/ui_km.ts (+ ui_en.ts: English plural forms only)
#   sheet    app/sheets/*.py      -> app/i18n/sheets_km.ts
#   values   safeland_core/labels.py (the vocabulary catalogue) -> safeland_core/i18n/vocab_km.ts
# New strings appear as unfinished: translate them in Qt Linguist (pyside6-linguist FILE.ts), run
# this again, and commit the .ts and .qm files together. See docs/vocabulary.md.
set -eu
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
LUPDATE="$BIN/pyside6-lupdate -no-obsolete -target-language km_KH"

UI_SOURCES=$(find app/ui -name '*.py' -o -name '*.ui' | sort)
# shellcheck disable=SC2086
$LUPDATE $UI_SOURCES -ts app/i18n/ui_km.ts
# English is the source language; its .ts carries only the plural forms of "%n" strings.
# shellcheck disable=SC2086
"$BIN/pyside6-lupdate" -no-obsolete -pluralonly $UI_SOURCES -ts app/i18n/ui_en.ts

SHEET_SOURCES=$(find app/sheets -name '*.py' | sort)
# shellcheck disable=SC2086
$LUPDATE $SHEET_SOURCES -ts app/i18n/sheets_km.ts

$LUPDATE safeland_core/labels.py -ts safeland_core/i18n/vocab_km.ts

for ts in app/i18n/*.ts safeland_core/i18n/*.ts; do
    "$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
