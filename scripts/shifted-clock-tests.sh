#!/usr/bin/env bash
# The date-sensitive suites again, with the whole process tree's clock moved by libfaketime: the
# cloud in its uvicorn subprocess, the private PostgreSQL and Redis, the kiosk CLI all see the same
# shifted world. A test that mixes a fixed date with a real clock fails here even on the day it
# was written. Called by test.sh after the normal run; pass pytest options after the suite list.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { echo "shifted clock: faketime is missing (apt-get install faketime)" >&2; exit 1; }

suites=(tests/faults tests/sync tests/cloud tests/store tests/unit tests/compat)
# monotonic clocks stay real: timeouts and thread waits measure real time, only the date moves
export FAKETIME_DONT_FAKE_MONOTONIC=1
export TZ=Europe/Berlin  # the shop's zone: its local days and daylight-saving changes
# every Python process sleeps around a libfaketime limit (see the sitecustomize module there)
export PYTHONPATH="$PWD/scripts/faketime-python${PYTHONPATH:+:$PYTHONPATH}"

# libfaketime reads an absolute "@date" in the process's own zone, which is ambiguous in the
# autumn hour: give each start as an offset from now to an instant in UTC instead
offset_to() {
  local off=$(( $(date -u -d "$1" +%s) - $(date -u +%s) ))
  if [ "$off" -ge 0 ]; then echo "+$off"; else echo "$off"; fi
}

# The 548-day pass runs the suites above, less what no wall clock can change and costs minutes:
# the API fuzzing, the Chromium pages (Chromium keeps the real clock anyway, its timers stall under
# libfaketime) and the multi-worker rate-limit test.
not_clock_sensitive=(
  --ignore=tests/cloud/test_schemathesis.py
  --ignore=tests/cloud/test_join_browser.py
  --ignore=tests/cloud/test_join_browser_limits.py
  --ignore=tests/cloud/wallet/test_story_browser.py
  --ignore=tests/cloud/wallet/test_google_story.py
  --ignore=tests/cloud/test_ratelimit_workers.py
)
# The two daylight-saving passes run what counts the shop's local days, weeks and months or reads
# its wall clock: the rules and the kiosk's store (reports, analytics, cooldowns, windows), the
# cloud's day counting (analytics, the rules' drifts, the owner's insights, the demo shop's
# weekdays, the sync's days), Google's 24-hour notification rule, and the sync engine's clock.
dst_suites=(
  tests/unit tests/store
  tests/cloud/test_analytics.py tests/cloud/test_rules_drifts.py tests/cloud/test_insights_api.py
  tests/cloud/test_demo_shop.py tests/cloud/test_sync.py tests/cloud/wallet/test_google_updates.py
  tests/sync/test_engine.py
)

run() {
  local what=$1 spec=$2
  shift 2
  echo "== pytest, clock shifted: $what (faketime '$spec', TZ=$TZ)"
  faketime -f "$spec" .venv/bin/python -c 'import datetime; print("   the tests start at", datetime.datetime.now().astimezone())'
  faketime -f "$spec" .venv/bin/python -m pytest -q -p no:cacheprovider --durations=10 "$@"
}

# a year and a half ahead of today, whatever today is
run "548 days ahead" "+548d" "${suites[@]}" "${not_clock_sensitive[@]}" "$@"
# spring forward: 02:00 CET jumps to 03:00 CEST; start a minute before, the run crosses it
run "into summer time, 2027-03-28 01:59 CET" "$(offset_to '2027-03-28 00:59:00 UTC')" "${dst_suites[@]}" "$@"
# fall back: 03:00 CEST returns to 02:00 CET; 02:30 happens twice
run "out of summer time, 2027-10-31 02:30 CEST" "$(offset_to '2027-10-31 00:30:00 UTC')" "${dst_suites[@]}" "$@"
