#!/usr/bin/env bash
# Lint and types (docs/lint.md): `ruff check .` and `mypy`, both configured in pyproject.toml.
# Runs both, then exits non-zero if either found anything. Sets up .venv first, with the same
# extras as ./test.sh (the test extra brings ruff and mypy), so CI needs nothing installed by hand.
# Arguments go to ruff (e.g. `scripts/lint.sh --fix` to apply its safe fixes).
set -euo pipefail
SAFELAND_EXTRAS="desktop,hq,test" source "$(dirname "$0")/bootstrap.sh"
cd "$root"
status=0
echo "ruff check ." >&2
"$venv/bin/ruff" check "$@" . || status=1
echo "mypy" >&2
"$venv/bin/mypy" || status=1
exit "$status"
