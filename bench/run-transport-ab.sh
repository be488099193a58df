#!/usr/bin/env bash
# A/B of the two stream transports (dashboard.sse.transport) in one session on one machine.
# For each transport: a fresh server; a pass right after start (the harness's 15 s ingest
# warm-up, nothing before it), then two more passes on the now warm server; then, on another
# fresh server, idle-stream capacity. Results: one JSON per transport and pass.
#
#   bench/run-transport-ab.sh [out-dir]      env: CAPACITY (10000 streams), PORT (18090)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$here/results/transport-ab}
port=${PORT:-18090}
capacity=${CAPACITY:-10000}
mkdir -p "$out"
[ -f "$root/target/livekit-dashboard.war" ] || (cd "$root" && mvn -q -B package -DskipTests)
[ -f "$here/target/lkdash-bench.jar" ] || mvn -q -B -f "$here/pom.xml" package

key=benchkey
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"; for _ in $(seq 1 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap stop_server EXIT

start_server() { # transport
  local data; data=$(mktemp -d "${TMPDIR:-/tmp}/lkdash-ab.XXXXXX")
  LIVEKIT_API_KEY=$key LIVEKIT_API_SECRET=$secret PORT=$port DASHBOARD_DATA_DIR="$data" \
    DASHBOARD_SSE_TRANSPORT="$1" DASHBOARD_SSE_HEARTBEAT_SECONDS=5 DASHBOARD_SSE_MAX_CONNECTIONS=19900 \
    "$root/server-config/run-dashboard.sh" >"$out/server-$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)" = 200 ] && return 0
    sleep 1
  done
  echo "server ($1) not ready" >&2; exit 1
}

bench() { # label out-file extra-args...
  local label=$1 file=$2; shift 2
  java -jar "$here/target/lkdash-bench.jar" --url "http://127.0.0.1:$port" --key "$key" --secret "$secret" \
    --server-pid "$server_pid" --label "$label" --out "$file" "$@"
}

for transport in ${TRANSPORTS:-servlet jaxrs}; do
  start_server "$transport"
  for pass in started warm1 warm2; do
    echo "== $transport $pass"
    bench "$transport-$pass" "$out/$transport-$pass.json" --scenario ingest,fanout,slow \
      --warmup-seconds 15 --ingest-streams 0,100 --ingest-concurrency 1,16 \
      --fanout-streams 100,1000 --fanout-rates 100,1000 --slow-others 100 --slow-rate 1000 --slow-seconds 20
  done
  stop_server
  start_server "$transport"
  echo "== $transport capacity"
  bench "$transport-capacity" "$out/$transport-capacity.json" --scenario capacity --capacity-streams "$capacity"
  stop_server
done
