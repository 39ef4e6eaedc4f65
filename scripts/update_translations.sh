#!/bin/sh
# Refresh the Qt Linguist sources from app/ui, then compile every .ts to .qm.
# Run from anywhere; translate new strings in app/i18n/ui_km.ts (Qt Linguist: pyside6-linguist).
set -eu
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
SOURCES=$(find app/ui -name '*.py' -o -name '*.ui' | sort)
# shellcheck disable=SC2086
"$BIN/pyside6-lupdate" -no-obsolete $SOURCES -ts app/i18n/ui_km.ts
# English is the source language; its .ts carries only the plural forms of "%n" strings.
# shellcheck disable=SC2086
"$BIN/pyside6-lupdate" -no-obsolete -pluralonly $SOURCES -ts app/i18n/ui_en.ts
for ts in app/i18n/*.ts; do
    "$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
