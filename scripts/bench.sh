#!/usr/bin/env bash
# npm run bench: benchmarks on a broker of their own (bench profile, fresh data), printing figures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/ensure-deps.sh

export DATABASE_URL="${BENCH_DATABASE_URL:-mysql://root@127.0.0.1:3306/loanflow_bench}"
export ZEEBE_GRPC_ADDRESS=127.0.0.1:26700 ZEEBE_MANAGEMENT_URL=http://127.0.0.1:9800
export EXPORTER_STREAM_PREFIX=zeebe-bench LOG_LEVEL=warn

bash deploy/local/stack.sh up --profile bench --fresh
trap 'bash deploy/local/stack.sh down --profile bench' EXIT
npm run -s build
node dist/apps/migrate/src/main.js
echo "== worker framework overhead"
node dist/bench/framework-overhead.js
echo "== task inbox"
node dist/bench/task-inbox.js
echo "== origination (application to disbursement)"
node dist/bench/origination.js
