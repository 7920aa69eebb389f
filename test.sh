#!/usr/bin/env bash
# Set everything up (system packages when root, .venv, translations) and run every check:
# ruff, the import-linter layer contracts, then the whole pytest suite (slow tests included).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh --test
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check . >/dev/null || { .venv/bin/ruff format --diff . | head -50; exit 1; }
echo "== import-linter (layer contracts)"
.venv/bin/lint-imports --no-cache
echo "== pytest"
exec .venv/bin/python -m pytest "$@"
