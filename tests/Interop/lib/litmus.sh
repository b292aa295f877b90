# Shared by the litmus runners: run litmus suites one by one against a URL and add up litmus's own
# per-suite summaries, so both runners report and judge results the same way.
# Usage: run_litmus_suites WORKDIR URL [USER PASSWORD]
#   Runs each suite in LITMUS_SUITES (log in WORKDIR/<suite>.log, also printed), then prints the
#   last line "N passed, N failed"; returns non-zero when a test failed, a suite gave no summary,
#   or nothing passed. The locks suite is not in the list: DAV class 2 is not advertised.

LITMUS_SUITES=(basic copymove props http)

run_litmus_suites() {
  local work="$1"; shift
  local passed=0 failed=0 suite summary
  for suite in "${LITMUS_SUITES[@]}"; do
    echo "== litmus $suite"
    (cd "$work" && TESTS="$suite" timeout 300 litmus -k "$@") > "$work/$suite.log" 2>&1
    cat "$work/$suite.log"
    # litmus ends each suite with: "<- summary for `basic': of 16 tests run: 16 passed, 0 failed. 100.0%"
    summary="$(grep -E 'summary for .*tests run: [0-9]+ passed, [0-9]+ failed' "$work/$suite.log" | tail -n1)"
    if [ -z "$summary" ]; then
      echo "no summary from suite $suite"; failed=$((failed + 1)); continue
    fi
    passed=$((passed + $(echo "$summary" | sed -E 's/.*run: ([0-9]+) passed.*/\1/')))
    failed=$((failed + $(echo "$summary" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
  done

  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
