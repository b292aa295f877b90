#!/usr/bin/env bash
# deploy/aws/template.yaml: AWS's CloudFormation linter (cfn-lint, with the SAM transform) passes, the
# linter and the fact checker do reject broken copies (so a pass means something), and the policy and
# wiring facts hold (no wildcard actions, ALB is the default front door, LWA paths, PITR, private
# bucket, table schema = DynamoDbTable.cs). Last line "N passed, N failed".
#
# Why not the npm package "cfn-lint": its newest version (1.9.7) carries the 2019 resource
# specification 2.29.0 and rejects resource types that exist today (AWS::Scheduler::ScheduleGroup,
# Lambda Layers on SAM functions...). AWS's own cfn-lint (Python) is preinstalled on these machines.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TEMPLATE="$ROOT/deploy/aws/template.yaml"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
passed=0; failed=0; skipped=0
pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

LINT="$(command -v cfn-lint || true)"
if [ -z "$LINT" ]; then
  if [ "${CI:-}" = "true" ]; then fail "cfn-lint is not installed (CI=true requires it)"
  else echo "skip cfn-lint checks: cfn-lint (AWS, Python) is not installed"; skipped=$((skipped + 3)); fi
else
  echo "# $("$LINT" --version)"
  if "$LINT" "$TEMPLATE" > "$WORK/lint.log" 2>&1; then pass "cfn-lint: template.yaml has no errors or warnings"
  else cat "$WORK/lint.log"; fail "cfn-lint: template.yaml"; fi

  # An unknown runtime and a dangling !Ref must be errors, or the pass above proves nothing
  # (one run for both copies: the linter's start-up is most of its time).
  sed 's/Runtime: provided.al2023/Runtime: provided.al2099/' "$TEMPLATE" > "$WORK/bad-runtime.yaml"
  sed 's/!Ref DataTable$/!Ref MissingTable/' "$TEMPLATE" > "$WORK/bad-ref.yaml"
  "$LINT" "$WORK/bad-runtime.yaml" "$WORK/bad-ref.yaml" > "$WORK/bad.log" 2>&1
  if grep -q "bad-runtime.yaml" "$WORK/bad.log"; then pass "cfn-lint rejects an unknown runtime"
  else fail "cfn-lint accepted an unknown runtime"; fi
  if grep -q "bad-ref.yaml" "$WORK/bad.log"; then pass "cfn-lint rejects a dangling !Ref"
  else fail "cfn-lint accepted a dangling !Ref"; fi
fi

FACTS="$HERE/aws/template_facts.py"
/usr/bin/python3 "$FACTS" "$TEMPLATE" "$ROOT/src/Storage/DynamoDb/DynamoDbTable.cs" > "$WORK/facts.log" 2>&1
while IFS= read -r line; do
  case "$line" in
    PASS\ *) pass "${line#PASS }" ;;
    FAIL\ *) fail "${line#FAIL }" ;;
    *) echo "$line" ;;
  esac
done < "$WORK/facts.log"

# The fact checker must notice a wildcard action and a changed default front door.
/usr/bin/python3 - "$TEMPLATE" "$WORK/loose.yaml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
text = text.replace("Action: [s3:GetObject, s3:PutObject, s3:DeleteObject]", 'Action: "s3:*"', 1)
text = text.replace("    Default: alb\n", "    Default: httpapi\n", 1)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
/usr/bin/python3 "$FACTS" "$WORK/loose.yaml" > "$WORK/loose.log" 2>&1
if grep -q "^FAIL no Allow statement grants a wildcard action" "$WORK/loose.log" \
   && grep -q "^FAIL the front door defaults to the Application Load Balancer" "$WORK/loose.log"; then
  pass "the fact checker catches a wildcard action and an HTTP API default"
else cat "$WORK/loose.log"; fail "the fact checker missed a wildcard action or an HTTP API default"; fi

# The pass-through path agreed in the template is the one the server listens on.
if grep -q 'EventsPath = "/internal/events"' "$ROOT/src/Server/Aws/LambdaEnvironment.cs"; then
  pass "LambdaEnvironment.EventsPath is the template's AWS_LWA_PASS_THROUGH_PATH"
else fail "LambdaEnvironment.EventsPath differs from the template's AWS_LWA_PASS_THROUGH_PATH"; fi

if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
