#!/usr/bin/env bash
# npm run bench: benchmarks on a broker of their own (bench profile, fresh data), printing figures.
# BENCH picks steps (comma list of framework, inbox, origination, monitoring, figures, portfolio,
# scale, cluster; default all):
#   BENCH=portfolio LOANS=300 npm run bench
# The cluster step benches origination on the single bench broker and then on this checkout's
# three-broker cluster (stack.sh --profile cluster, started fresh and stopped after), same machine,
# same run, same in-process api and workers: only the engine differs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/ensure-deps.sh

STEPS=(framework inbox origination monitoring figures portfolio scale cluster)
BENCH="${BENCH:-all}"
for step in ${BENCH//,/ }; do
  [[ "$step" == all || " ${STEPS[*]} " == *" $step "* ]] ||
    { echo "BENCH: unknown step '$step' (use all or a comma list of: ${STEPS[*]})" >&2; exit 2; }
done
selected() { [[ "$BENCH" == all || ",$BENCH," == *",$1,"* ]]; }

export DATABASE_URL="${BENCH_DATABASE_URL:-mysql://root@127.0.0.1:3306/loanflow_bench}"
# The bench profile's ports (moved by LOANFLOW_PORT_OFFSET like the stack's, for a second checkout).
offset="${LOANFLOW_PORT_OFFSET:-0}"
export ZEEBE_GRPC_ADDRESS="127.0.0.1:$((26700 + offset))" ZEEBE_MANAGEMENT_URL="http://127.0.0.1:$((9800 + offset))"
export EXPORTER_STREAM_PREFIX="${BENCH_STREAM_PREFIX:-zeebe-bench}" LOG_LEVEL=warn
# The benches serve the api in-process: a token signing secret of this run's own.
AUTH_TOKEN_SECRET="$(node -e 'process.stdout.write(require("crypto").randomBytes(48).toString("base64url"))')"
export AUTH_TOKEN_SECRET LOGIN_COUNTER_PREFIX=loanflow:bench:login:

bash deploy/local/stack.sh up --profile bench --fresh
stop_stacks() {
  bash deploy/local/stack.sh down --profile bench
  selected cluster && bash deploy/local/stack.sh down --profile cluster
  return 0
}
trap stop_stacks EXIT
npm run -s build
node dist/apps/migrate/src/main.js
used_broker=false
# Drops and migrates the bench database. A step on a fresh broker needs it: the broker's keys start
# again from the same numbers, and rows an earlier run left under them (instances, tasks) would be
# taken for this run's. Only a database whose name says bench is dropped.
fresh_database() {
  node -e '
    const url = new URL(process.env.DATABASE_URL);
    const name = url.pathname.slice(1);
    if (!/bench/.test(name)) { console.error(`not dropping ${name}: its name does not say bench`); process.exit(1); }
    require("mysql2/promise")
      .createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) })
      .then((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``).then(() => c.end()));
  '
  node dist/apps/migrate/src/main.js >/dev/null
}
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
  $used_broker && bash deploy/local/stack.sh up --profile bench --fresh
  fresh_database
  node dist/bench/origination.js
  used_broker=true
fi
if selected cluster; then
  echo "== origination: one broker against a three-broker cluster (3 partitions, replication 3)"
  echo "-- one broker"
  $used_broker && bash deploy/local/stack.sh up --profile bench --fresh
  fresh_database
  node dist/bench/origination.js
  used_broker=true
  echo "-- three-broker cluster"
  (
    # Its own exporter streams, its gateway and every broker's clock.
    export EXPORTER_STREAM_PREFIX="${BENCH_STREAM_PREFIX:-zeebe-bench}-cluster"
    bash deploy/local/stack.sh up --profile cluster --fresh
    source deploy/local/lib.sh && load_profile cluster
    export ZEEBE_GRPC_ADDRESS="127.0.0.1:$GATEWAY_PORT" ZEEBE_MANAGEMENT_URL="$(cluster_management_urls)"
    fresh_database
    BENCH_ENGINE="3 brokers, 3 partitions, replication 3" node dist/bench/origination.js
  )
  bash deploy/local/stack.sh down --profile cluster
fi
if selected monitoring; then
  echo "== monitoring projection (${INSTANCES:-100000} instances)"
  node dist/bench/monitoring.js
fi
if selected figures; then
  echo "== figures (${LOANS_FIGURES:-100000} loans, 12 installments each)"
  LOANS="${LOANS_FIGURES:-100000}" node dist/bench/figures.js
fi
if selected portfolio; then
  echo "== portfolio (${LOANS:-1000} loans over ${MONTHS:-12} months)"
  # Its own fresh broker: the clock starts at today and no other bench's loans are serviced on it.
  $used_broker && bash deploy/local/stack.sh up --profile bench --fresh
  # And its own fresh database: the daily book rules every disbursed loan on file, and loans of
  # other steps or earlier runs (the figures' 100,000) have no instance on this broker and dates
  # from another clock.
  fresh_database
  node dist/apps/migrate/src/main.js
  # The inbox holds tasks for the whole run (400 days; PORTFOLIO_INBOX_HOLD_MS): the clock jumps a
  # month at a time, past any hold the hold passes could extend, and a bank's clock does not.
  INBOX_HOLD_MS="${PORTFOLIO_INBOX_HOLD_MS:-34560000000}" BUSINESS_CLOCK=engine node dist/bench/portfolio.js
  used_broker=true
fi
if selected scale; then
  echo "== scale: one broker holding ${SCALE_INSTANCES:-100000} servicing instances"
  (
    # Its own exporter streams, emptied first: the scripts are read from them from the start.
    export EXPORTER_STREAM_PREFIX="${BENCH_STREAM_PREFIX:-zeebe-bench}-scale"
    drop_streams() {
      node -e '
        const Redis = require("ioredis");
        const redis = new Redis(process.env.REDIS_URL || "redis://127.0.0.1:6379");
        redis.keys(`${process.env.EXPORTER_STREAM_PREFIX}:*`)
          .then((keys) => (keys.length ? redis.del(...keys) : 0))
          .then(() => redis.quit());
      '
    }
    drop_streams
    bash deploy/local/stack.sh up --profile bench --fresh
    fresh_database
    echo "-- warm-up: the product services ${SCALE_SCRIPT_LOANS:-12} loans for two months (the scripts)"
    LOANS="${SCALE_SCRIPT_LOANS:-12}" MONTHS=2 PORTFOLIO_BASELINE=0 BUSINESS_CLOCK=engine node dist/bench/portfolio.js \
      | grep -E "^(paid out|wall time|jobs completed|incidents)"
    echo "-- the book"
    node dist/bench/scale.js
    # A large book leaves gigabytes of records in Redis (ten minutes' worth): not for the next step.
    bash deploy/local/stack.sh down --profile bench
    drop_streams
  )
  used_broker=true
fi
