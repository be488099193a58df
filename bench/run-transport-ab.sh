#!/usr/bin/env bash
# A/B of the two stream transports (dashboard.sse.transport) in one session on one machine.
# Both are started fresh side by side (ports PORT and PORT+1, idle while the other is measured)
# and measured in turns, so that whatever else the machine does hits both alike: a pass right
# after start (the harness's 15 s ingest warm-up, nothing before it), then two passes on warm
# servers. Then, on a fresh server each, idle-stream capacity. One JSON per transport and pass.
#
#   bench/run-transport-ab.sh [out-dir]      env: CAPACITY (10000 streams), PORT (18090)
set -euo pipefail
# the server's admin password, which the bench signs in with for the stream and the read API
export DASHBOARD_AUTH_ADMIN_PASSWORD=${DASHBOARD_AUTH_ADMIN_PASSWORD:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$here/results/transport-ab}
base_port=${PORT:-18090}
capacity=${CAPACITY:-10000}
transports=(servlet jaxrs)
mkdir -p "$out"
[ -f "$root/target/livekit-dashboard.war" ] || (cd "$root" && mvn -q -B package -DskipTests)
[ -f "$here/target/lkdash-bench.jar" ] || mvn -q -B -f "$here/pom.xml" package

key=benchkey
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
declare -A pid port
stop_all() {
  for t in "${!pid[@]}"; do
    kill "${pid[$t]}" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "${pid[$t]}" 2>/dev/null || break; sleep 1; done
    kill -9 "${pid[$t]}" 2>/dev/null || true
    unset "pid[$t]"
  done
}
trap stop_all EXIT

start_server() { # transport port
  local data; data=$(mktemp -d "${TMPDIR:-/tmp}/lkdash-ab.XXXXXX")
  LIVEKIT_API_KEY=$key LIVEKIT_API_SECRET=$secret PORT=$2 DASHBOARD_DATA_DIR="$data" \
    DASHBOARD_SSE_TRANSPORT="$1" DASHBOARD_SSE_HEARTBEAT_SECONDS=5 DASHBOARD_SSE_MAX_CONNECTIONS=19900 \
    DASHBOARD_SSE_MAX_CONNECTIONS_PER_ADDRESS=0 DASHBOARD_HTTP_RATE_LIMIT_PER_SECOND=0 \
    "$root/server-config/run-dashboard.sh" >>"$out/server-$1.log" 2>&1 &
  pid[$1]=$!
  port[$1]=$2
}

wait_ready() { # transport
  for _ in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$1]}/health/ready" || true)" = 200 ] && return 0
    sleep 1
  done
  echo "server ($1) not ready" >&2; exit 1
}

bench() { # transport label extra-args...
  local t=$1 label=$2; shift 2
  echo "== $t $label"
  java -jar "$here/target/lkdash-bench.jar" --url "http://127.0.0.1:${port[$t]}" --key "$key" --secret "$secret" \
    --server-pid "${pid[$t]}" --label "$t-$label" --out "$out/$t-$label.json" "$@"
}

i=0
for t in "${transports[@]}"; do start_server "$t" $((base_port + i)); i=$((i + 1)); done
for t in "${transports[@]}"; do wait_ready "$t"; done
for pass in started warm1 warm2; do
  warmup=5; [ "$pass" = started ] && warmup=15
  for t in "${transports[@]}"; do
    bench "$t" "$pass" --scenario ingest,fanout,slow --warmup-seconds "$warmup" \
      --ingest-streams 0,100 --ingest-concurrency 16 \
      --fanout-streams 100 --fanout-rates 100,1000 \
      --slow-others 100 --slow-rate 1000 --slow-seconds 20
  done
done
stop_all
for t in "${transports[@]}"; do
  start_server "$t" "$base_port"; wait_ready "$t"
  bench "$t" capacity --scenario capacity --capacity-streams "$capacity"
  stop_all
done
