#!/usr/bin/env bash
# npm run bench: benchmarks on a broker of their own (bench profile, fresh data), printing figures.
# BENCH picks steps (comma list of framework, inbox, origination, monitoring, portfolio; default all):
#   BENCH=portfolio LOANS=300 npm run bench
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/ensure-deps.sh

STEPS=(framework inbox origination monitoring portfolio)
BENCH="${BENCH:-all}"
for step in ${BENCH//,/ }; do
  [[ "$step" == all || " ${STEPS[*]} " == *" $step "* ]] ||
    { echo "BENCH: unknown step '$step' (use all or a comma list of: ${STEPS[*]})" >&2; exit 2; }
done
selected() { [[ "$BENCH" == all || ",$BENCH," == *",$1,"* ]]; }

export DATABASE_URL="${BENCH_DATABASE_URL:-mysql://root@127.0.0.1:3306/loanflow_bench}"
export ZEEBE_GRPC_ADDRESS=127.0.0.1:26700 ZEEBE_MANAGEMENT_URL=http://127.0.0.1:9800
export EXPORTER_STREAM_PREFIX=zeebe-bench LOG_LEVEL=warn
# The benches serve the api in-process: a token signing secret of this run's own.
AUTH_TOKEN_SECRET="$(node -e 'process.stdout.write(require("crypto").randomBytes(48).toString("base64url"))')"
export AUTH_TOKEN_SECRET LOGIN_COUNTER_PREFIX=loanflow:bench:login:

bash deploy/local/stack.sh up --profile bench --fresh
trap 'bash deploy/local/stack.sh down --profile bench' EXIT
npm run -s build
node dist/apps/migrate/src/main.js
used_broker=false
if selected framework; then
  echo "== worker framework overhead"
  node dist/bench/framework-overhead.js
  used_broker=true
fi
if selected inbox; then
  echo "== task inbox"
  node dist/bench/task-inbox.js
  used_broker=true
fi
if selected origination; then
  echo "== origination (application to disbursement)"
  node dist/bench/origination.js
  used_broker=true
fi
if selected monitoring; then
  echo "== monitoring projection (${INSTANCES:-100000} instances)"
  node dist/bench/monitoring.js
fi
if selected portfolio; then
  echo "== portfolio (${LOANS:-1000} loans over ${MONTHS:-12} months)"
  # Its own fresh broker: the clock starts at today and no other bench's loans are serviced on it.
  $used_broker && bash deploy/local/stack.sh up --profile bench --fresh
  BUSINESS_CLOCK=engine node dist/bench/portfolio.js
fi
