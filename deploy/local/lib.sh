# Shared helpers for the local stack scripts. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=versions.env
source "$ROOT/deploy/local/versions.env"
CACHE_DIR="${LOANFLOW_CACHE_DIR:-$HOME/.cache/loanflow}"
ZEEBE_HOME="$CACHE_DIR/camunda-zeebe-$ZEEBE_VERSION"
EXPORTER_JAR="$CACHE_DIR/zeebe-redis-exporter-$REDIS_EXPORTER_VERSION-jar-with-dependencies.jar"

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

# tcp_open HOST PORT: true when something listens there.
tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# url_host_port URL DEFAULT_PORT: prints "host port" of a mysql:// or redis:// URL.
url_host_port() {
  local rest="${1#*://}"
  rest="${rest#*@}"
  rest="${rest%%/*}"
  local host="${rest%%:*}" port="$2"
  [[ "$rest" == *:* ]] && port="${rest##*:}"
  printf '%s %s\n' "$host" "$port"
}

# java_major PATH_TO_JAVA: the feature version (17, 21, 25...).
java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

# find_java: a Java 21+ runtime, from JAVA_HOME first, else the newest under /usr/lib/jvm.
find_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_major "$JAVA_HOME/bin/java") >= 21 )); then
    echo "$JAVA_HOME"; return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [[ -x "$dir/bin/java" && ! -L "$dir" ]] || continue
    major="$(java_major "$dir/bin/java")"
    if (( major >= 21 && major > best_major )); then best="$dir"; best_major="$major"; fi
  done
  [[ -n "$best" ]] || die "Zeebe $ZEEBE_VERSION needs Java 21 or newer; none found in JAVA_HOME or /usr/lib/jvm (the default Java here may be 17). Install a JDK 21+ (e.g. Temurin) and set JAVA_HOME."
  echo "$best"
}

# Profiles keep a development broker, a test broker and a bench broker apart on one machine. The
# test and bench brokers have a controlled clock (it runs like the system clock until moved): the
# portfolio bench moves it month by month.
load_profile() {
  PROFILE="${1:-dev}"
  case "$PROFILE" in
    dev)
      GATEWAY_PORT=26500; COMMAND_PORT=26501; INTERNAL_PORT=26502; MANAGEMENT_PORT=9600; REST_PORT=8088
      CLOCK_CONTROLLED=false; STREAM_PREFIX="${EXPORTER_STREAM_PREFIX:-zeebe}"; STREAM_TTL=86400
      DEFAULT_DATABASE_URL="mysql://root@127.0.0.1:3306/loanflow" ;;
    test)
      GATEWAY_PORT=26600; COMMAND_PORT=26601; INTERNAL_PORT=26602; MANAGEMENT_PORT=9700; REST_PORT=8188
      CLOCK_CONTROLLED=true; STREAM_PREFIX="${EXPORTER_STREAM_PREFIX:-zeebe-test}"; STREAM_TTL=3600
      DEFAULT_DATABASE_URL="mysql://root@127.0.0.1:3306/loanflow_test" ;;
    bench)
      GATEWAY_PORT=26700; COMMAND_PORT=26701; INTERNAL_PORT=26702; MANAGEMENT_PORT=9800; REST_PORT=8288
      CLOCK_CONTROLLED=true; STREAM_PREFIX="${EXPORTER_STREAM_PREFIX:-zeebe-bench}"; STREAM_TTL=600
      DEFAULT_DATABASE_URL="mysql://root@127.0.0.1:3306/loanflow_bench" ;;
    cluster)
      # Three brokers behind one standalone gateway (see docs/operations/cluster.md): GATEWAY_PORT,
      # REST_PORT and MANAGEMENT_PORT are the gateway's; each broker's ports come from cluster_broker_ports.
      GATEWAY_PORT=26800; COMMAND_PORT=26801; INTERNAL_PORT=26802; MANAGEMENT_PORT=9900; REST_PORT=8388
      CLOCK_CONTROLLED=true; STREAM_PREFIX="${EXPORTER_STREAM_PREFIX:-zeebe-cluster}"; STREAM_TTL=3600
      DEFAULT_DATABASE_URL="mysql://root@127.0.0.1:3306/loanflow_cluster" ;;
    *) die "unknown profile '$PROFILE' (use dev, test, bench or cluster)" ;;
  esac
  # A second checkout can run its own broker beside this one: LOANFLOW_PORT_OFFSET=1000 moves every
  # port (its var/ folder is its own already); point the tests at it with ZEEBE_GRPC_ADDRESS and
  # ZEEBE_MANAGEMENT_URL, and give it its own EXPORTER_STREAM_PREFIX and DATABASE_URL.
  local offset="${LOANFLOW_PORT_OFFSET:-0}"
  GATEWAY_PORT=$((GATEWAY_PORT + offset)); COMMAND_PORT=$((COMMAND_PORT + offset))
  INTERNAL_PORT=$((INTERNAL_PORT + offset)); MANAGEMENT_PORT=$((MANAGEMENT_PORT + offset))
  REST_PORT=$((REST_PORT + offset))
  VAR_DIR="$ROOT/var/$PROFILE"
  # The fault suite runs its own cluster beside this checkout's (its own folder and port offset).
  [[ "$PROFILE" == cluster && -n "${CLUSTER_VAR_DIR:-}" ]] && VAR_DIR="$CLUSTER_VAR_DIR"
  PID_FILE="$VAR_DIR/zeebe.pid"
  LOG_FILE="$VAR_DIR/log/zeebe.log"
  DATA_DIR="$VAR_DIR/zeebe-data"
  DATABASE_URL="${DATABASE_URL:-$DEFAULT_DATABASE_URL}"
  REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
  CLUSTER_SIZE=3; PARTITIONS=3; REPLICATION=3
  PORT_OFFSET="$offset"
}

# cluster_broker_ports N: sets B_COMMAND_PORT B_INTERNAL_PORT B_MANAGEMENT_PORT B_SERVER_PORT of
# cluster broker N (0..2), moved by LOANFLOW_PORT_OFFSET like every other port.
cluster_broker_ports() {
  B_COMMAND_PORT=$((26811 + 10 * $1 + PORT_OFFSET)); B_INTERNAL_PORT=$((26812 + 10 * $1 + PORT_OFFSET))
  B_MANAGEMENT_PORT=$((9910 + $1 + PORT_OFFSET)); B_SERVER_PORT=$((8390 + $1 + PORT_OFFSET))
}

# The brokers' internal (cluster) addresses, the contact points every member starts from.
cluster_contact_points() {
  local points=() n
  for ((n = 0; n < CLUSTER_SIZE; n++)); do cluster_broker_ports "$n"; points+=("127.0.0.1:$B_INTERNAL_PORT"); done
  (IFS=,; echo "${points[*]}")
}

# cluster_management_urls: every broker's management URL, comma separated (the clock moves on each).
cluster_management_urls() {
  local urls=() n
  for ((n = 0; n < CLUSTER_SIZE; n++)); do cluster_broker_ports "$n"; urls+=("http://127.0.0.1:$B_MANAGEMENT_PORT"); done
  (IFS=,; echo "${urls[*]}")
}

# cluster_complete: the gateway's topology shows every partition with one leader and
# REPLICATION-1 followers. (Partition health is not asked, as for broker_healthy: a moved clock
# makes partitions report unhealthy for a minute while they serve.)
cluster_complete() {
  local topo
  topo="$(curl -fsS -m 3 "http://127.0.0.1:$REST_PORT/v1/topology" 2>/dev/null)" || return 1
  TOPOLOGY="$topo" PARTITIONS="$PARTITIONS" REPLICATION="$REPLICATION" node -e '
    const topo = JSON.parse(process.env.TOPOLOGY);
    const roles = new Map();
    for (const broker of topo.brokers ?? [])
      for (const p of broker.partitions ?? []) {
        const r = roles.get(p.partitionId) ?? { leader: 0, follower: 0 };
        r[p.role] = (r[p.role] ?? 0) + 1;
        roles.set(p.partitionId, r);
      }
    const want = Number(process.env.PARTITIONS), followers = Number(process.env.REPLICATION) - 1;
    let ok = roles.size === want;
    for (const r of roles.values()) ok = ok && r.leader === 1 && r.follower === followers;
    process.exit(ok ? 0 : 1);'
}

broker_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# broker_healthy: the broker is ready and the gateway sees a leader for its partition. (Overall
# health is not asked: a test broker whose clock was moved reports DOWN for a minute while it serves.)
broker_healthy() {
  local ready topo
  ready="$(curl -fsS -m 3 "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness" 2>/dev/null)" || return 1
  [[ "$ready" == *'"status":"UP"'* ]] || return 1
  topo="$(curl -fsS -m 3 "http://127.0.0.1:$REST_PORT/v1/topology" 2>/dev/null)" || return 1
  [[ "$topo" == *'"role":"leader"'* ]]
}
