#!/usr/bin/env bash
# Set everything up (system packages when root, .venv, translations) and run every check:
# ruff, the import-linter layer contracts, mypy --strict on the pure rules, the whole pytest suite
# (slow tests included), then the date-sensitive suites again with the clock shifted
# (scripts/shifted-clock-tests.sh). Arguments go to pytest and run only what they name, without the
# shifted passes.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh --test
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check . >/dev/null || { .venv/bin/ruff format --diff . | head -50; exit 1; }
echo "== import-linter (layer contracts)"
.venv/bin/lint-imports --no-cache
echo "== mypy --strict (the shared rules and the kiosk's domain)"
.venv/bin/mypy --strict loyalty_rules kiosk/domain
echo "== pytest"
if [ $# -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
.venv/bin/python -m pytest --durations=40  # the slowest, so CI time stays watched
bash scripts/shifted-clock-tests.sh
