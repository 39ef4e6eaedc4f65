#!/usr/bin/env bash
# Open Safeland on your local database (the first run sets up .venv; the window offers demo data).
# Any arguments go to the `safeland` command, e.g. ./safeland.sh --db my.db status
set -euo pipefail
SAFELAND_EXTRAS="" source "$(dirname "$0")/scripts/bootstrap.sh"
ensure_qt_desktop_libs
exec "$venv/bin/safeland" "$@"
