#!/usr/bin/env bash
# npm run chaos: the fault suite (chaos/run.ts) on a local cluster of its own (stack.sh --profile
# cluster in var/chaos/cluster, every port 500 past this checkout's LOANFLOW_PORT_OFFSET, so a dev
# cluster can run beside it), with a MariaDB and a Redis of its own (var/chaos; ports 3390 and 6390
# plus that offset) so that killing them never touches the machine's shared servers. Everything it
# started is stopped at the end, whatever happens.
#   npm run chaos                      the full run (16 loans, two faults of each kind)
#   bash scripts/chaos.sh --short      the test command's tier (3 loans, one fault of each kind)
#   CHAOS_SEED=N repeats a run; CHAOS_SKIP_BUILD=1 uses the dist/ already built.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/ensure-deps.sh

if [[ "${1:-}" == --short ]]; then
  export CHAOS_LOANS="${CHAOS_LOANS:-2}" CHAOS_ROUNDS="${CHAOS_ROUNDS:-1}" CHAOS_SERVICING="${CHAOS_SERVICING:-1}" CHAOS_CONCURRENCY="${CHAOS_CONCURRENCY:-2}" CHAOS_STAGE_TIMEOUT_MS="${CHAOS_STAGE_TIMEOUT_MS:-180000}"
fi
# The inbox's hold pass every 30 s (not 10 minutes): a task whose ending the exporter lost in a
# Redis kill is ended within the suite's settling time.
export INBOX_HOLD_PASS_MS="${INBOX_HOLD_PASS_MS:-30000}"
# The suite's own streams on its own Redis; the cluster profile's ports and folders.
export EXPORTER_STREAM_PREFIX=zeebe-chaos CLUSTER_VAR_DIR="$ROOT/var/chaos/cluster"
export LOANFLOW_PORT_OFFSET=$(( ${LOANFLOW_PORT_OFFSET:-0} + 500 ))
unset DATABASE_URL REDIS_URL

cleanup() {
  bash deploy/local/cluster-apps.sh down >/dev/null 2>&1
  bash deploy/local/stack.sh down --profile cluster >/dev/null 2>&1
  for file in var/chaos/pids/*.pid; do
    [[ -f "$file" ]] || continue
    pid="$(cat "$file")"
    kill -KILL "$pid" 2>/dev/null
    rm -f "$file"
  done
  # By what they serve too: a pid file can be stale after a restart raced the trap.
  pkill -KILL -f -- "--datadir=$ROOT/var/chaos/mysql" 2>/dev/null
  pkill -KILL -f "^redis-server 127.0.0.1:$(( 6390 + LOANFLOW_PORT_OFFSET ))\$" 2>/dev/null
  pkill -KILL -f "^redis-server unixsocket:$ROOT/var/chaos/redis-loading.sock\$" 2>/dev/null
  return 0
}
trap cleanup EXIT INT TERM

# A cluster left from another run of this checkout would hold the ports: stopped first.
cleanup
rm -rf var/chaos && mkdir -p var/chaos/cluster
if [[ "${CHAOS_SKIP_BUILD:-}" != 1 ]]; then
  npx tsc -p tsconfig.build.json && npx tsc-alias -p tsconfig.build.json || { echo "the build failed"; exit 1; }
fi
node dist/chaos/run.js
