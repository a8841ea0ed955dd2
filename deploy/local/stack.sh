#!/usr/bin/env bash
# The local stack: a Zeebe broker (embedded gateway, Redis exporter) started from the pinned
# distribution, plus checks that MySQL/MariaDB and Redis answer (starting the OS packages' servers
# when they are installed but stopped).
#
#   stack.sh up     [--profile dev|test|bench|cluster] [--fresh]   returns when healthy; harmless when already up
#   stack.sh down   [--profile dev|test|bench|cluster]            stops the broker(s), leaves no process behind
#   stack.sh status [--profile dev|test|bench|cluster]
#   stack.sh start-member N|gateway --profile cluster             (re)starts one cluster member, no wait
# The cluster profile: three brokers (3 partitions, replication factor 3) and a standalone gateway.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cmd="${1:-}"; shift || true
profile="${LOANFLOW_PROFILE:-dev}"; fresh=false; member=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --fresh) fresh=true; shift ;;
    [0-9]|gateway) [[ "$cmd" == start-member ]] || die "unknown option $1"; member="$1"; shift ;;
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

# ---- cluster profile: three brokers + one standalone gateway -------------------------------------

member_pid() { # member_pid NAME: pid of a running cluster member (broker-N or gateway)
  local file="$VAR_DIR/$1.pid"
  [[ -f "$file" ]] || return 1
  local pid; pid="$(cat "$file")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# launch_member N|gateway: starts one member in the background (its pid in var/cluster/NAME.pid).
launch_member() {
  local name java_home; java_home="$(find_java)"
  if [[ "$1" == gateway ]]; then name=gateway; else name="broker-$1"; fi
  if member_pid "$name" >/dev/null; then log "$name already runs"; return; fi
  mkdir -p "$VAR_DIR/log"
  (
    cd "$ZEEBE_HOME"
    export JAVA_HOME="$java_home"
    export ZEEBE_CLOCK_CONTROLLED="$CLOCK_CONTROLLED"
    if [[ "$name" == gateway ]]; then
      # The gateway holds no partitions: a small heap does.
      export JAVA_OPTS="${ZEEBE_GATEWAY_JAVA_OPTS:--Xms128m -Xmx384m -XX:+UseParallelGC}"
      export ZEEBE_GATEWAY_NETWORK_HOST=127.0.0.1 ZEEBE_GATEWAY_NETWORK_PORT="$GATEWAY_PORT"
      export ZEEBE_GATEWAY_CLUSTER_HOST=127.0.0.1 ZEEBE_GATEWAY_CLUSTER_PORT="$INTERNAL_PORT"
      export ZEEBE_GATEWAY_CLUSTER_MEMBERID=gateway
      export ZEEBE_GATEWAY_CLUSTER_INITIALCONTACTPOINTS="$(cluster_contact_points)"
      export SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$REST_PORT"
      export MANAGEMENT_SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT="$MANAGEMENT_PORT"
      nohup bin/gateway >>"$VAR_DIR/log/gateway.log" 2>&1 </dev/null &
    else
      cluster_broker_ports "$1"
      export JAVA_OPTS="${ZEEBE_JAVA_OPTS:--Xms256m -Xmx768m -XX:+UseParallelGC}"
      export ZEEBE_BROKER_CLUSTER_NODEID="$1"
      export ZEEBE_BROKER_CLUSTER_CLUSTERSIZE="$CLUSTER_SIZE"
      export ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT="$PARTITIONS"
      export ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR="$REPLICATION"
      export ZEEBE_BROKER_CLUSTER_INITIALCONTACTPOINTS="$(cluster_contact_points)"
      export ZEEBE_BROKER_NETWORK_HOST=127.0.0.1
      export ZEEBE_BROKER_GATEWAY_ENABLE=false
      export ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT="$B_COMMAND_PORT"
      export ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT="$B_INTERNAL_PORT"
      export ZEEBE_BROKER_DATA_DIRECTORY="$VAR_DIR/$name/data"
      export SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$B_SERVER_PORT"
      export MANAGEMENT_SERVER_ADDRESS=127.0.0.1 MANAGEMENT_SERVER_PORT="$B_MANAGEMENT_PORT"
      # The same exporter settings as every other profile, on every broker: each exports the
      # partitions it leads.
      export ZEEBE_BROKER_EXPORTERS_REDIS_CLASSNAME=io.zeebe.redis.exporter.RedisExporter
      export ZEEBE_BROKER_EXPORTERS_REDIS_JARPATH="$EXPORTER_JAR"
      export ZEEBE_REDIS_REMOTE_ADDRESS="$REDIS_URL"
      export ZEEBE_REDIS_FORMAT=json
      export ZEEBE_REDIS_NAME="$STREAM_PREFIX"
      export ZEEBE_REDIS_TIME_TO_LIVE_IN_SECONDS="$STREAM_TTL"
      mkdir -p "$ZEEBE_BROKER_DATA_DIRECTORY"
      nohup bin/broker >>"$VAR_DIR/log/$name.log" 2>&1 </dev/null &
    fi
    echo $! >"$VAR_DIR/$name.pid"
  )
}

cluster_members() { local n; for ((n = 0; n < CLUSTER_SIZE; n++)); do echo "broker-$n"; done; echo gateway; }

start_cluster() {
  local port n
  for port in "$GATEWAY_PORT" "$INTERNAL_PORT" "$MANAGEMENT_PORT" "$REST_PORT"; do
    tcp_open 127.0.0.1 "$port" && die "port $port is taken by another process; the cluster gateway needs it (see 'ss -ltnp | grep $port')."
  done
  for ((n = 0; n < CLUSTER_SIZE; n++)); do
    cluster_broker_ports "$n"
    for port in "$B_COMMAND_PORT" "$B_INTERNAL_PORT" "$B_MANAGEMENT_PORT" "$B_SERVER_PORT"; do
      tcp_open 127.0.0.1 "$port" && die "port $port is taken by another process; cluster broker $n needs it."
    done
  done
  $fresh && for ((n = 0; n < CLUSTER_SIZE; n++)); do rm -rf "$VAR_DIR/broker-$n"; done
  log "starting a Zeebe $ZEEBE_VERSION cluster: $CLUSTER_SIZE brokers, $PARTITIONS partitions, replication $REPLICATION, standalone gateway; exporter streams '$STREAM_PREFIX' on $REDIS_URL"
  for ((n = 0; n < CLUSTER_SIZE; n++)); do launch_member "$n"; done
  launch_member gateway
  wait_cluster 300 || die "the cluster did not form in 300 s; see $VAR_DIR/log/"
  log "cluster ready: gateway 127.0.0.1:$GATEWAY_PORT (REST http://127.0.0.1:$REST_PORT), broker clocks $(cluster_management_urls)"
}

# brokers_ready: every broker's readiness is UP (its partitions installed, not only elected).
brokers_ready() {
  local n ready
  for ((n = 0; n < CLUSTER_SIZE; n++)); do
    cluster_broker_ports "$n"
    ready="$(curl -fsS -m 3 "http://127.0.0.1:$B_MANAGEMENT_PORT/actuator/health/readiness" 2>/dev/null)" || return 1
    [[ "$ready" == *'"status":"UP"'* ]] || return 1
  done
}

# wait_cluster SECONDS: every member alive, every broker ready and the topology complete.
wait_cluster() {
  local name
  for _ in $(seq 1 "$1"); do
    cluster_complete && brokers_ready && return 0
    for name in $(cluster_members); do
      member_pid "$name" >/dev/null || { tail -30 "$VAR_DIR/log/$name.log" >&2; die "$name exited during start; see $VAR_DIR/log/$name.log"; }
    done
    sleep 1
  done
  return 1
}

stop_cluster() {
  local name pid
  for name in $(cluster_members); do
    pid="$(member_pid "$name")" || { rm -f "$VAR_DIR/$name.pid"; continue; }
    log "stopping cluster $name (pid $pid)"
    kill -TERM "$pid"
  done
  for name in $(cluster_members); do
    pid="$(member_pid "$name")" || continue
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "$name did not stop in 30 s; killing it"; kill -KILL "$pid"; }
    rm -f "$VAR_DIR/$name.pid"
  done
}

if [[ "$PROFILE" == cluster ]]; then
  case "$cmd" in
    up)
      ensure_mysql
      ensure_redis
      if member_pid gateway >/dev/null; then
        if $fresh; then stop_cluster
        else
          for name in $(cluster_members); do member_pid "$name" >/dev/null || launch_member "${name#broker-}"; done
          wait_cluster 180 || die "the cluster runs but its topology is not complete; see $VAR_DIR/log/ or run stack:down"
          log "cluster already running and complete"; exit 0
        fi
      fi
      bash "$ROOT/deploy/local/fetch.sh"
      start_cluster ;;
    down) stop_cluster ;;
    start-member) [[ -n "$member" ]] || die "start-member needs N or gateway"; launch_member "$member" ;;
    status)
      for name in $(cluster_members); do
        if pid="$(member_pid "$name")"; then echo "cluster $name: running (pid $pid)"; else echo "cluster $name: stopped"; fi
      done
      topo="$(curl -fsS -m 3 "http://127.0.0.1:$REST_PORT/v1/topology" 2>/dev/null)" || { echo "topology: gateway not answering"; exit 0; }
      TOPOLOGY="$topo" node -e '
        for (const b of JSON.parse(process.env.TOPOLOGY).brokers ?? [])
          console.log(`  broker ${b.nodeId} ${b.host}:${b.port}: ` + (b.partitions ?? []).sort((x, y) => x.partitionId - y.partitionId).map((p) => `p${p.partitionId} ${p.role}`).join(", "))'
      cluster_complete && echo "topology: complete (every partition: 1 leader, $((REPLICATION - 1)) followers)" || echo "topology: INCOMPLETE" ;;
    *) die "usage: stack.sh up|down|status|start-member N --profile cluster [--fresh]" ;;
  esac
  exit 0
fi

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
