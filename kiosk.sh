#!/usr/bin/env bash
# Set everything up and open the kiosk on the demo shop (local SQLite in ./demo-data, no cloud).
# Sign in with the demo PINs: owner 1234, manager 2345, cashier 1111.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec .venv/bin/loyalty-kiosk --demo --data-dir "${LOYALTY_KIOSK_DATA_DIR:-demo-data}" "$@"
