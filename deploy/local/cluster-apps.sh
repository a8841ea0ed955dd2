#!/usr/bin/env bash
# The product against the local cluster (stack.sh up --profile cluster): two workers processes and
# two api processes from the built dist/, sharing the work. Every workers process runs every job
# type, the projector and the inbox intake: the broker hands each job to one of them and the Redis
# consumer groups hand each exported record to one of them.
#
#   cluster-apps.sh up [--build]    migrate, deploy the models, seed the demo bank, start the four
#   cluster-apps.sh down            stops them
#   cluster-apps.sh status
#   cluster-apps.sh start NAME      (re)starts one of api-1 api-2 workers-1 workers-2, no wait
#
# Ports (moved by LOANFLOW_PORT_OFFSET): api-1 3800, api-2 3801, workers-1 3810, workers-2 3811.
# CLUSTER_DATABASE_URL (default mysql://root@127.0.0.1:3306/loanflow_cluster) and REDIS_URL pick the
# database and Redis; the exporter stream prefix is the cluster's (EXPORTER_STREAM_PREFIX).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_profile cluster

APPS_DIR="$VAR_DIR/apps"
mkdir -p "$APPS_DIR" "$VAR_DIR/log"
export DATABASE_URL="${CLUSTER_DATABASE_URL:-mysql://root@127.0.0.1:3306/loanflow_cluster}"
export REDIS_URL ZEEBE_GRPC_ADDRESS="127.0.0.1:$GATEWAY_PORT"
ZEEBE_MANAGEMENT_URL="$(cluster_management_urls)"
export ZEEBE_MANAGEMENT_URL EXPORTER_STREAM_PREFIX="$STREAM_PREFIX" LOG_LEVEL="${LOG_LEVEL:-warn}"
API_NAMES=(api-1 api-2); WORKER_NAMES=(workers-1 workers-2)

app_port() { # app_port NAME
  case "$1" in
    api-1) echo $((3800 + PORT_OFFSET)) ;; api-2) echo $((3801 + PORT_OFFSET)) ;;
    workers-1) echo $((3810 + PORT_OFFSET)) ;; workers-2) echo $((3811 + PORT_OFFSET)) ;;
    *) die "unknown app $1 (api-1 api-2 workers-1 workers-2)" ;;
  esac
}
app_pid() {
  [[ -f "$APPS_DIR/$1.pid" ]] || return 1
  local pid; pid="$(cat "$APPS_DIR/$1.pid")"; kill -0 "$pid" 2>/dev/null || return 1; echo "$pid"
}

# The api's token signing secret: made once per cluster folder, readable by this user only.
token_secret() {
  local file="$VAR_DIR/secrets/auth-token-secret"
  if [[ ! -s "$file" ]]; then
    (umask 077 && mkdir -p "$(dirname "$file")" &&
      node -e 'process.stdout.write(require("crypto").randomBytes(48).toString("base64url"))' >"$file")
  fi
  cat "$file"
}

start_app() { # start_app NAME
  local name="$1" port; port="$(app_port "$name")"
  app_pid "$name" >/dev/null && { log "$name already runs"; return; }
  if [[ "$name" == api-* ]]; then
    (API_PORT="$port" AUTH_TOKEN_SECRET="$(token_secret)" nohup node "$ROOT/dist/apps/api/src/main.js" \
      >>"$VAR_DIR/log/$name.log" 2>&1 </dev/null & echo $! >"$APPS_DIR/$name.pid")
  else
    (WORKERS_PORT="$port" nohup node "$ROOT/dist/apps/workers/src/main.js" \
      >>"$VAR_DIR/log/$name.log" 2>&1 </dev/null & echo $! >"$APPS_DIR/$name.pid")
  fi
}

wait_app() { # wait_app NAME SECONDS
  local port; port="$(app_port "$1")"
  for _ in $(seq 1 "$2"); do
    curl -fsS -m 2 "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    app_pid "$1" >/dev/null || { tail -20 "$VAR_DIR/log/$1.log" >&2; die "$1 exited; see $VAR_DIR/log/$1.log"; }
    sleep 1
  done
  die "$1 did not become healthy in $2 s; see $VAR_DIR/log/$1.log"
}

stop_app() {
  local pid; pid="$(app_pid "$1")" || { rm -f "$APPS_DIR/$1.pid"; return 0; }
  kill -TERM "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$APPS_DIR/$1.pid"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  up)
    cluster_complete || die "the cluster is not up: bash deploy/local/stack.sh up --profile cluster"
    cd "$ROOT"
    [[ "${1:-}" == --build || ! -f dist/apps/api/src/main.js ]] && npm run -s build
    node dist/apps/migrate/src/main.js
    # A cluster just formed may time out a first command between gateway and broker: asked again.
    for attempt in 1 2 3 4 5; do
      node dist/apps/cli/src/main.js deploy >/dev/null && break
      (( attempt == 5 )) && die "the models could not be deployed"
      log "model deployment failed (attempt $attempt); again in 5 s"; sleep 5
    done
    node dist/apps/cli/src/main.js seed
    for name in "${WORKER_NAMES[@]}" "${API_NAMES[@]}"; do start_app "$name"; done
    for name in "${WORKER_NAMES[@]}" "${API_NAMES[@]}"; do wait_app "$name" 120; done
    log "apps up: api http://127.0.0.1:$(app_port api-1) and :$(app_port api-2), workers :$(app_port workers-1) and :$(app_port workers-2) (logs $VAR_DIR/log)" ;;
  down) for name in "${API_NAMES[@]}" "${WORKER_NAMES[@]}"; do stop_app "$name"; done ;;
  start) start_app "${1:?start needs an app name}" ;;
  status)
    for name in "${WORKER_NAMES[@]}" "${API_NAMES[@]}"; do
      if pid="$(app_pid "$name")"; then
        curl -fsS -m 2 "http://127.0.0.1:$(app_port "$name")/health" >/dev/null 2>&1 &&
          echo "$name: running, healthy (pid $pid)" || echo "$name: running, NOT healthy (pid $pid)"
      else echo "$name: stopped"; fi
    done ;;
  *) die "usage: cluster-apps.sh up [--build]|down|status|start NAME" ;;
esac
