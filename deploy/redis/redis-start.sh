#!/bin/sh
# Starts redis-server so that no client reaches it over TCP before its data is loaded.
#
# Why: a restarted Redis accepts connections while it loads its append-only file and answers
# every write with "LOADING". The broker's Redis exporter (0.9.0) reconnects at once, its HELLO
# succeeds, the records it buffered while Redis was down are refused with LOADING, and its
# position moves past them with the next record that succeeds: those records never reach the
# streams (seen in the fault suite after a Redis kill). So Redis starts listening on a local
# socket only, and opens its TCP ports (--port, --tls-port as given) once PING answers PONG.
#
#   redis-start.sh --port 6379 --appendonly yes ...   (the same arguments as redis-server)
# REDIS_LOADING_SOCKET moves the socket used while loading (default /tmp/redis-loading.sock).
set -eu
sock="${REDIS_LOADING_SOCKET:-/tmp/redis-loading.sock}"
port=6379
tls_port=""
args=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --tls-port) tls_port="$2"; shift 2 ;;
    *) args="$args $(printf '%s' "$1" | sed "s/'/'\\\\''/g; s/^/'/; s/\$/'/")"; shift ;;
  esac
done
rm -f "$sock"
eval "set -- $args"
redis-server "$@" --port 0 ${tls_port:+--tls-port 0} --unixsocket "$sock" --unixsocketperm 700 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
until [ "$(redis-cli -s "$sock" ping 2>/dev/null)" = PONG ]; do
  kill -0 "$pid" 2>/dev/null || { wait "$pid"; exit $?; }
  sleep 0.1
done
redis-cli -s "$sock" config set port "$port" >/dev/null
[ -z "$tls_port" ] || redis-cli -s "$sock" config set tls-port "$tls_port" >/dev/null
echo "redis-start: data loaded; listening on port $port${tls_port:+ and TLS port $tls_port}"
wait "$pid"
