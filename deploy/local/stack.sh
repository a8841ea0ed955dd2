#!/usr/bin/env bash
# The local stack: a Zeebe broker (embedded gateway, Redis exporter) started from the pinned
# distribution, plus checks that MySQL/MariaDB and Redis answer (starting the OS packages' servers
# when they are installed but stopped).
#
#   stack.sh up     [--profile dev|test|bench] [--fresh]   returns when healthy; harmless when already up
#   stack.sh down   [--profile dev|test|bench]            stops the broker, leaves no process behind
#   stack.sh status [--profile dev|test|bench]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cmd="${1:-}"; shift || true
profile="${LOANFLOW_PROFILE:-dev}"; fresh=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --fresh) fresh=true; shift ;;
    *) die "unknown option $1" ;;
  esac
done
load_profile "$profile"

ensure_mysql() {
  read -r host port < <(url_host_port "$DATABASE_URL" 3306)
  tcp_open "$host" "$port" && return
  if [[ "$host" == 127.0.0.1 || "$host" == localhost ]]; then
    local server; server="$(command -v mariadbd || command -v mysqld || true)"
    [[ -x /usr/sbin/mariadbd ]] && server=/usr/sbin/mariadbd
    if [[ -n "$server" ]]; then
      log "MySQL/MariaDB is not answering on $host:$port; starting $server"
      start-stop-daemon --start --oknodo --background --exec "$server" || true
      for _ in $(seq 1 60); do tcp_open "$host" "$port" && return; sleep 1; done
    fi
  fi
  die "no MySQL/MariaDB on $host:$port (DATABASE_URL). Install and start one: apt-get install -y mariadb-server && start-stop-daemon --start --background --exec /usr/sbin/mariadbd"
}

ensure_redis() {
  read -r host port < <(url_host_port "$REDIS_URL" 6379)
  tcp_open "$host" "$port" && return
  if [[ "$host" == 127.0.0.1 || "$host" == localhost ]] && command -v redis-server >/dev/null; then
    log "Redis is not answering on $host:$port; starting redis-server"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no >/dev/null
    for _ in $(seq 1 30); do tcp_open "$host" "$port" && return; sleep 1; done
  fi
  die "no Redis on $host:$port (REDIS_URL). Install and start one: apt-get install -y redis-server && redis-server --daemonize yes"
}

start_broker() {
  local java_home; java_home="$(find_java)"
  for port in "$GATEWAY_PORT" "$COMMAND_PORT" "$INTERNAL_PORT" "$MANAGEMENT_PORT" "$REST_PORT"; do
    tcp_open 127.0.0.1 "$port" || continue
    stop_stray_throwaway_broker "$port" && continue
    die "port $port is taken by another process; the $PROFILE broker needs it (see 'ss -ltnp | grep $port')."
  done
  $fresh && rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR" "$(dirname "$LOG_FILE")"
  log "starting Zeebe $ZEEBE_VERSION ($PROFILE profile, Java $(java_major "$java_home/bin/java") at $java_home, clock controlled: $CLOCK_CONTROLLED)"
  (
    cd "$ZEEBE_HOME"
    export JAVA_HOME="$java_home"
    export JAVA_OPTS="${ZEEBE_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseParallelGC}"
    export ZEEBE_BROKER_NETWORK_HOST=127.0.0.1
    export ZEEBE_BROKER_GATEWAY_ENABLE=true
    export ZEEBE_BROKER_GATEWAY_NETWORK_HOST=127.0.0.1
    export ZEEBE_BROKER_GATEWAY_NETWORK_PORT="$GATEWAY_PORT"
    export ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT="$COMMAND_PORT"
    export ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT="$INTERNAL_PORT"
    export ZEEBE_BROKER_DATA_DIRECTORY="$DATA_DIR"
    export SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$REST_PORT"
    export MANAGEMENT_SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT="$MANAGEMENT_PORT"
    export ZEEBE_CLOCK_CONTROLLED="$CLOCK_CONTROLLED"
    export ZEEBE_BROKER_EXPORTERS_REDIS_CLASSNAME=io.zeebe.redis.exporter.RedisExporter
    export ZEEBE_BROKER_EXPORTERS_REDIS_JARPATH="$EXPORTER_JAR"
    export ZEEBE_REDIS_REMOTE_ADDRESS="$REDIS_URL"
    export ZEEBE_REDIS_FORMAT=json
    export ZEEBE_REDIS_NAME="$STREAM_PREFIX"
    export ZEEBE_REDIS_TIME_TO_LIVE_IN_SECONDS="$STREAM_TTL"
    nohup bin/broker >>"$LOG_FILE" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
  )
  local pid; pid="$(cat "$PID_FILE")"
  for _ in $(seq 1 180); do
    broker_healthy && { log "broker ready: gateway 127.0.0.1:$GATEWAY_PORT, management http://127.0.0.1:$MANAGEMENT_PORT (pid $pid, log $LOG_FILE)"; return; }
    kill -0 "$pid" 2>/dev/null || { tail -40 "$LOG_FILE" >&2; die "the broker exited during start; its log is $LOG_FILE"; }
    sleep 1
  done
  die "the broker did not become healthy in 180 s; see $LOG_FILE"
}

# A test or bench broker left running by another checkout (a CI clone, an interrupted run) holds
# this profile's ports. Those brokers are throwaway by design, so stop it; a dev broker never is.
stop_stray_throwaway_broker() {
  [[ "$PROFILE" == test || "$PROFILE" == bench ]] || return 1
  local pid
  pid="$(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)"
  [[ -n "$pid" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'camunda-zeebe' || return 1
  log "port $1 is held by a leftover $PROFILE broker (pid $pid) from another checkout; stopping it"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid"
}

stop_broker() {
  local pid
  if ! pid="$(broker_pid)"; then rm -f "$PID_FILE"; log "$PROFILE broker is not running"; return; fi
  log "stopping $PROFILE broker (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "broker did not stop in 30 s; killing it"; kill -KILL "$pid"; fi
  rm -f "$PID_FILE"
}

case "$cmd" in
  up)
    ensure_mysql
    ensure_redis
    if pid="$(broker_pid)"; then
      if $fresh; then stop_broker
      else
        for _ in $(seq 1 120); do broker_healthy && { log "$PROFILE broker already running and healthy (pid $pid)"; exit 0; }; sleep 1; done
        die "$PROFILE broker (pid $pid) runs but is not healthy; see $LOG_FILE or run stack:down"
      fi
    fi
    bash "$ROOT/deploy/local/fetch.sh"
    start_broker
    log "MySQL ($DATABASE_URL) and Redis ($REDIS_URL) answer"
    ;;
  down) stop_broker ;;
  status)
    if pid="$(broker_pid)"; then
      broker_healthy && echo "$PROFILE broker: running, healthy (pid $pid)" || echo "$PROFILE broker: running, NOT healthy (pid $pid)"
    else echo "$PROFILE broker: stopped"; fi ;;
  *) die "usage: stack.sh up|down|status [--profile dev|test] [--fresh]" ;;
esac
