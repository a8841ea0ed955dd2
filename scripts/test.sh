#!/usr/bin/env bash
# Everything the tests need, then every tier, then one summary line.
#   1. the test stack: a broker of its own (controlled clock, own ports), MySQL and Redis checked
#   2. static checks: type check, ESLint, dependency rules
#   3. unit specs, then integration + end-to-end specs, then the specs that move the broker clock,
#      then the web console in headless Chromium (its build first)
#   4. the fault suite's short tier (scripts/chaos.sh --short; CHAOS_TIER=0 leaves it out): a
#      cluster of its own, one fault of each kind; each invariant counts as one passed or failed test
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DATABASE_URL="${TEST_DATABASE_URL:-mysql://root@127.0.0.1:3306/loanflow_test}"
# A token signing secret of this run's own (never one written in the source), and no rotation.
AUTH_TOKEN_SECRET="$(node -e 'process.stdout.write(require("crypto").randomBytes(48).toString("base64url"))')"
export AUTH_TOKEN_SECRET
unset AUTH_TOKEN_PREVIOUS_SECRET
RESULTS="$ROOT/var/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

source scripts/ensure-deps.sh
# The browser tier drives Debian's Chromium (playwright cannot download browsers here), with a CJK
# font for the screenshots: installed quietly when missing.
if [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [[ "$(id -u)" != "0" ]] && SUDO="sudo -n"
  echo "installing chromium for the browser specs (apt-get)"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-microhei; } >/dev/null 2>&1 \
    || echo "could not install chromium: the browser specs will fail"
fi
bash deploy/local/stack.sh up --profile test --fresh || { echo "the test stack did not start"; echo "0 passed, 1 failed"; exit 1; }

check() { # check NAME COMMAND...: runs a static check and records its status
  local name="$1"; shift
  echo "== $name"
  if "$@"; then echo passed >"$RESULTS/check-$name.status"; else echo failed >"$RESULTS/check-$name.status"; fi
}
check typecheck npx tsc -p tsconfig.json --noEmit
check typecheck-build npx tsc -p tsconfig.build.json --noEmit
check console-typecheck npx tsc -p apps/console/tsconfig.json --noEmit
check eslint npx eslint .
check prettier npx prettier --check --log-level warn .
check dependency-rules npx depcruise --config .dependency-cruiser.js apps libs

tier() { # tier NAME CONFIG [jest args]
  local name="$1" config="$2"; shift 2
  echo "== $name specs"
  # A bound in time: a spec that leaves a handle open must fail the run, never hang CI.
  timeout --kill-after=30 "${TEST_TIER_TIMEOUT:-1200}" npx jest -c "$config" --json --outputFile="$RESULTS/$name.json" "$@" \
    || [[ -s "$RESULTS/$name.json" ]] || echo "{\"numPassedTests\":0,\"numFailedTests\":1,\"numPendingTests\":0,\"numTodoTests\":0,\"numTotalTests\":1,\"success\":false,\"testResults\":[]}" >"$RESULTS/$name.json"
}
# The clock tier starts on a fresh broker and a fresh test database: the loans the integration tier
# left in servicing are on the daily book, and a clock spec's jump would make the broker rule them
# all before its own (the integration tier too starts on a fresh database: nothing from earlier runs).
# (The browser tier goes on on the same broker: the monitor's diagrams are of the versions deployed.)
fresh_broker() {
  bash deploy/local/stack.sh down --profile test >/dev/null 2>&1 || true
  bash deploy/local/stack.sh up --profile test --fresh >/dev/null || echo "the test broker did not restart"
}
tier unit jest.unit.config.js
TEST_FRESH_DATABASE=1 tier integration jest.integration.config.js --maxWorkers=2
fresh_broker
TEST_FRESH_DATABASE=1 tier clock jest.clock.config.js --runInBand
echo "== console build"
npm run -s build:console || echo "the console did not build"
tier browser jest.browser.config.js --runInBand
# The fault suite's short tier: its own cluster, MariaDB and Redis, one fault of each of the seven
# kinds; the test broker is stopped first (the suite needs neither it nor its memory). CHAOS_TIER=0
# leaves it out (a quick local run).
if [[ "${CHAOS_TIER:-1}" == 1 ]]; then
  [[ "${KEEP_TEST_STACK:-}" == 1 ]] || bash deploy/local/stack.sh down --profile test >/dev/null 2>&1 || true
  echo "== chaos (short): one fault of each kind on a cluster of its own"
  CHAOS_RESULTS="$RESULTS/chaos.json" timeout --kill-after=60 "${CHAOS_TIER_TIMEOUT:-1200}" bash scripts/chaos.sh --short \
    || [[ -s "$RESULTS/chaos.json" ]] || echo '{"numPassedTests":0,"numFailedTests":1,"numPendingTests":0,"numTodoTests":0,"numTotalTests":1,"success":false,"testResults":[]}' >"$RESULTS/chaos.json"
fi

status=0
node scripts/summarize-jest.js "$RESULTS" || status=1
if [[ "${KEEP_TEST_STACK:-}" != "1" ]]; then bash deploy/local/stack.sh down --profile test >/dev/null 2>&1 || true; fi
exit $status
