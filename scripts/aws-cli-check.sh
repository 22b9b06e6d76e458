#!/usr/bin/env bash
# Drives `sfini local` with the AWS CLI (v2 from Debian: apt-get install awscli): create an
# activity and a state machine, start an execution, take and answer its task, read the history.
# Exits non-zero at the first step that does not answer as AWS would.
#   bash scripts/aws-cli-check.sh [path-to-aws]
set -euo pipefail
cd "$(dirname "$0")/.."
AWS=${1:-aws}
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
log=$(mktemp)

# Port 0: the engine takes a free port and prints its endpoint.
node_modules/.bin/tsx src/cli/bin.ts local --port 0 > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
ENDPOINT=""
for _ in $(seq 200); do
  ENDPOINT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/listening on //') && [ -n "$ENDPOINT" ] && break
  sleep 0.1
done
[ -n "$ENDPOINT" ] || { echo "sfini local did not start:"; cat "$log"; exit 1; }
E="--endpoint-url $ENDPOINT"

$AWS --version
ACT=$($AWS stepfunctions create-activity --name add $E --query activityArn --output text)
SM=$($AWS stepfunctions create-state-machine --name adder --role-arn arn:aws:iam::123456789012:role/sfiniGenerated \
  --definition "{\"StartAt\":\"add\",\"States\":{\"add\":{\"Type\":\"Task\",\"Resource\":\"$ACT\",\"End\":true}}}" \
  $E --query stateMachineArn --output text)
EX=$($AWS stepfunctions start-execution --state-machine-arn "$SM" --name run1 --input '{"a":3,"b":42}' $E --query executionArn --output text)
TASK=$($AWS stepfunctions get-activity-task --activity-arn "$ACT" --worker-name cli $E --output json)
TOKEN=$(node -e 'const t=JSON.parse(process.argv[1]); if (JSON.parse(t.input).b !== 42) process.exit(1); console.log(t.taskToken)' "$TASK")
$AWS stepfunctions send-task-success --task-token "$TOKEN" --task-output 45 $E
for _ in $(seq 50); do
  STATUS=$($AWS stepfunctions describe-execution --execution-arn "$EX" $E --query status --output text)
  [ "$STATUS" != RUNNING ] && break; sleep 0.1
done
OUT=$($AWS stepfunctions describe-execution --execution-arn "$EX" $E --query output --output text)
TYPES=$($AWS stepfunctions get-execution-history --execution-arn "$EX" $E --query 'events[].type' --output text | tr '\t' ' ')
echo "status=$STATUS output=$OUT"
echo "history: $TYPES"
[ "$STATUS" = SUCCEEDED ] && [ "$OUT" = 45 ]
[ "$TYPES" = "ExecutionStarted TaskStateEntered ActivityScheduled ActivityStarted ActivitySucceeded TaskStateExited ExecutionSucceeded" ]
if ERR=$($AWS stepfunctions describe-activity --activity-arn "${ACT%:add}:nope" $E 2>&1); then exit 1; fi
grep -q ActivityDoesNotExist <<<"$ERR"
echo "AWS CLI check passed"
