#!/usr/bin/env bash
# Run the whole test suite (the first run sets up .venv with the HQ and test extras).
# PostgreSQL tests run when SAFELAND_TEST_PG_URL is set (CI sets it). Arguments go to pytest.
set -euo pipefail
SAFELAND_EXTRAS="desktop,hq,test" source "$(dirname "$0")/scripts/bootstrap.sh"
export QT_QPA_PLATFORM=offscreen
cd "$root"
exec "$venv/bin/python" -m pytest "$@"
