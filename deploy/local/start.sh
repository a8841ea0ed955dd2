#!/usr/bin/env bash
# npm start: the whole product on this machine with demo data.
# Stack up (dev profile) -> build -> migrate -> deploy models -> demo data -> api + workers -> self-check.
# Ctrl-C stops api and workers; `npm run stack:down` stops the broker.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source scripts/ensure-deps.sh

export DATABASE_URL="${DATABASE_URL:-mysql://root@127.0.0.1:3306/loanflow}"
export API_PORT="${API_PORT:-3000}" WORKERS_PORT="${WORKERS_PORT:-3001}"
LOG_DIR="$ROOT/var/dev/log"
mkdir -p "$LOG_DIR"

# The api's token signing secret: made at random on the first run, kept for the next ones in a
# folder and file only this user can read. An AUTH_TOKEN_SECRET already set wins.
SECRETS_DIR="$ROOT/var/dev/secrets"
SECRET_FILE="$SECRETS_DIR/auth-token-secret"
if [[ -z "${AUTH_TOKEN_SECRET:-}" ]]; then
  (umask 077 && mkdir -p "$SECRETS_DIR")
  chmod 700 "$SECRETS_DIR"
  if [[ ! -s "$SECRET_FILE" ]]; then
    (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(48).toString("base64url"))' >"$SECRET_FILE.tmp")
    mv "$SECRET_FILE.tmp" "$SECRET_FILE"
    echo "[start] made a token signing secret in $SECRET_FILE"
  fi
  chmod 600 "$SECRET_FILE"
  AUTH_TOKEN_SECRET="$(<"$SECRET_FILE")"
fi

bash deploy/local/stack.sh up --profile dev
echo "[start] building"
npm run -s build
node dist/apps/migrate/src/main.js
node dist/apps/cli/src/main.js deploy
node dist/apps/cli/src/main.js seed

# The api and workers run Node as deployed (deploy/node-runtime.env); a value already set wins.
runtime_env() { # prints NAME=value for each setting of deploy/node-runtime.env not already set
  grep -E '^[A-Z_]+=' deploy/node-runtime.env | while IFS='=' read -r name value; do
    [[ -n "${!name:-}" ]] && echo "$name=${!name}" || echo "$name=$value"
  done
}
mapfile -t RUNTIME_ENV < <(runtime_env)

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
trap stop EXIT INT TERM
# Only the api signs and verifies tokens: only it gets the secret.
env "${RUNTIME_ENV[@]}" AUTH_TOKEN_SECRET="$AUTH_TOKEN_SECRET" node dist/apps/api/src/main.js >>"$LOG_DIR/api.log" 2>&1 & pids+=($!)
env "${RUNTIME_ENV[@]}" node dist/apps/workers/src/main.js >>"$LOG_DIR/workers.log" 2>&1 & pids+=($!)

wait_healthy() { # wait_healthy NAME URL
  for _ in $(seq 1 60); do
    curl -fsS -m 2 "$2" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "[start] $1 did not become healthy; see $LOG_DIR/$1.log" >&2
  exit 1
}
wait_healthy api "http://127.0.0.1:$API_PORT/health"
wait_healthy workers "http://127.0.0.1:$WORKERS_PORT/health"
node dist/apps/cli/src/main.js selfcheck
node dist/apps/cli/src/main.js demo-loans --api "http://127.0.0.1:$API_PORT"

cat <<MSG

LoanFlow is up.
  Console       http://127.0.0.1:$API_PORT/      (sign in as a demo user, password LoanFlow#2026)
  API           http://127.0.0.1:$API_PORT/api   (OpenAPI: http://127.0.0.1:$API_PORT/docs)
  API health    http://127.0.0.1:$API_PORT/health      metrics: http://127.0.0.1:$API_PORT/metrics
  Workers       http://127.0.0.1:$WORKERS_PORT/health  metrics: http://127.0.0.1:$WORKERS_PORT/metrics
  Broker        gateway 127.0.0.1:26500, management http://127.0.0.1:9600
  Logs          $LOG_DIR
Ctrl-C stops api and workers; 'npm run stack:down' stops the broker.
MSG
wait "${pids[@]}"
