#!/usr/bin/env bash
# Browser tests of the web page (tests/Browser): Debian's chromium driven by playwright-core against a
# real `aurora serve` on a free loopback port with a temp data folder. Screenshots land in
# .test-output/browser/. Without chromium or the npm packages the tests skip, or fail when CI=true.
# Last line "N passed, N failed[, N skipped]".
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TESTS="$ROOT/tests/Browser"
source "$HERE/lib/servers.sh"
WORK="$(mktemp -d)"
trap 'stop_servers; rm -rf "$WORK"' EXIT

missing() { # reason
  if [ "${CI:-}" = "true" ]; then echo "FAIL $1 (required under CI=true)"; echo "0 passed, 1 failed"; exit 1; fi
  echo "SKIP browser tests: $1"; echo "0 passed, 0 failed, 1 skipped"; exit 0
}
[ -x /usr/bin/chromium ] || missing "/usr/bin/chromium is not installed (apt-get install chromium)"
command -v node >/dev/null || missing "node is not installed"
if [ ! -d "$TESTS/node_modules/playwright-core" ]; then
  (cd "$TESTS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) || missing "npm ci in tests/Browser failed"
fi

dotnet build "$ROOT/src/Server" -c Release -nologo -v q > "$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log"; echo "0 passed, 1 failed"; exit 1; }
PORT="$(free_port)"
USER_NAME="walker"; PASSWORD="walker-$RANDOM-$RANDOM-pw"
# Feed links must point at this server, not the https://localhost default.
export AURORA_PublicBaseUrl="http://127.0.0.1:$PORT"
start_aurora "$PORT" "$WORK/aurora" "$USER_NAME" "$PASSWORD" || { echo "0 passed, 1 failed"; exit 1; }

SHOTS="$ROOT/.test-output/browser"
mkdir -p "$SHOTS"
(cd "$TESTS" && AURORA_URL="http://127.0.0.1:$PORT" AURORA_USER="$USER_NAME" AURORA_PASSWORD="$PASSWORD" SCREENSHOT_DIR="$SHOTS" \
  timeout 300 node --test --test-concurrency=1 --test-reporter=tap ./*.test.mjs) > "$WORK/tap.log" 2>&1
rc=$?
grep -E '^(not )?ok |^# (Subtest|fail|pass)|^    (error|expected|actual|message|stack):|^ +at |^      ' "$WORK/tap.log" | grep -v '^      \[' | head -n 200
pass="$(grep -E '^# pass [0-9]+' "$WORK/tap.log" | tail -n1 | grep -oE '[0-9]+')"
fail="$(grep -E '^# fail [0-9]+' "$WORK/tap.log" | tail -n1 | grep -oE '[0-9]+')"
if [ -z "$pass" ] || [ -z "$fail" ]; then tail -n 40 "$WORK/tap.log"; echo "0 passed, 1 failed"; exit 1; fi
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
[ "$fail" -gt 0 ] && tail -n 20 "$WORK/aurora/log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
