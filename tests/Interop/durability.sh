#!/usr/bin/env bash
# Acknowledged writes survive kill -9 (issue 8 item 5). Starts AuroraTime (Release) on a free
# loopback port, PUTs from 8 concurrent clients (durability/put_writer.py: creations and If-Match
# updates, each acknowledged write logged with its ETag), kills the server with SIGKILL in the
# middle of the stream, restarts it on the same data folder and checks that every acknowledged
# write is there with its ETag (durability/check_ledger.py). Three rounds on the same folder, so
# later rounds also re-check earlier ones; at the end SQLite's integrity_check of the database.
# Why it holds: every write commits its SQLite transaction (WAL, synchronous=NORMAL) before the
# response is sent; a commit in the WAL survives the death of the process (not a power cut).
# Last line: "N passed, N failed"; exit status non-zero on any failure.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
source "$HERE/lib/servers.sh"
WORK="$(mktemp -d)"
trap 'stop_servers; rm -rf "$WORK"' EXIT
USER_NAME=durable; PASSWORD="durable-$RANDOM-$RANDOM"
CALENDAR="/calendars/$USER_NAME/crash/"
BIN="$ROOT/src/Server/bin/Release/net10.0/aurora"
ROUNDS=3
PASSED=0; FAILED=0
pass() { echo "ok: $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAILED: $1"; FAILED=$((FAILED + 1)); }
finish() { echo "(start, $ROUNDS crash rounds and checks took $((SECONDS - ${ROUNDS_STARTED:-0})) s; the build before is not counted)"; echo "$PASSED passed, $FAILED failed"; [ "$FAILED" = 0 ]; exit; }

echo "== build AuroraTime (Release)"
dotnet build "$ROOT/src/Server" -c Release -nologo -v q > "$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log"; fail "build"; finish; }

restart_aurora() { # port: serve the existing data folder again
  "$BIN" serve --urls "http://127.0.0.1:$1" --data "$WORK/aurora" >> "$WORK/aurora/log" 2>&1 &
  SERVER_PID=$!; STARTED_PIDS+=("$SERVER_PID")
  wait_http "http://127.0.0.1:$1/healthz"
}

ROUNDS_STARTED=$SECONDS
acks() { local count; count="$(grep -c '^ack ' "$WORK/ledger" 2>/dev/null)"; echo "${count:-0}"; }

PORT="$(free_port)"
start_aurora "$PORT" "$WORK/aurora" "$USER_NAME" "$PASSWORD" || { cat "$WORK/aurora/log"; fail "first start"; finish; }
status="$(curl -s -o /dev/null -w '%{http_code}' -u "$USER_NAME:$PASSWORD" -X MKCALENDAR "http://127.0.0.1:$PORT$CALENDAR")"
[ "$status" = 201 ] || { fail "MKCALENDAR answered $status"; finish; }
: > "$WORK/ledger"

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round: 8 writers, then kill -9"
  before="$(acks)"
  /usr/bin/python3 "$HERE/durability/put_writer.py" --port "$PORT" --calendar "$CALENDAR" --user "$USER_NAME" \
    --password "$PASSWORD" --prefix "r$round" --ledger "$WORK/ledger" --seconds 30 &
  writer=$!
  # Kill once this round has a few dozen acknowledged writes, at a moment that varies by round. The
  # wait ends with the writer (it writes for 30 s), not after a fixed 10 s: on a loaded machine
  # (load 40) the writers can need most of their time to start. 3 minutes only guard against a hang.
  for _ in $(seq 1 1800); do
    kill -0 "$writer" 2>/dev/null || break
    (( $(acks) - before >= 40 + 25 * round )) && break
    sleep 0.1
  done
  kill -9 "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null
  wait "$writer"
  written=$(( $(acks) - before ))
  ((written > 0)) && pass "round $round: $written writes acknowledged before the kill" || fail "round $round: no write was acknowledged before the kill"

  PORT="$(free_port)"
  if restart_aurora "$PORT"; then
    pass "round $round: the server restarts on the killed data folder"
  else
    tail -n 20 "$WORK/aurora/log"; fail "round $round: no restart after kill -9"; finish
  fi
  if /usr/bin/python3 "$HERE/durability/check_ledger.py" "$PORT" "$USER_NAME" "$PASSWORD" "$WORK/ledger"; then
    pass "round $round: every acknowledged PUT so far is there with its ETag"
  else
    fail "round $round: acknowledged PUTs lost or wrong after kill -9"
  fi
done

stop_servers
check="$(/usr/bin/python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$WORK/aurora/aurora.db" 2>&1)"
[ "$check" = ok ] && pass "SQLite integrity_check after $ROUNDS kills: ok" || fail "SQLite integrity_check: $check"
finish
