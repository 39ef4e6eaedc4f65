#!/usr/bin/env bash
# Open Safeland on your local database (the first run sets up .venv; the window offers demo data).
# Any arguments go to the `safeland` command, e.g. ./safeland.sh --db my.db status
set -euo pipefail
SAFELAND_EXTRAS="desktop" source "$(dirname "$0")/scripts/bootstrap.sh"
# Only the window needs Qt's desktop libraries (not status, sync, sheet... run from cron); any
# command line that opens it gets them, `--db FILE` or not (scripts/opens_window.sh).
source "$(dirname "$0")/scripts/opens_window.sh"
if opens_window "$@" && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  ensure_qt_desktop_libs
fi
exec "$venv/bin/safeland" "$@"
