#!/usr/bin/env bash
# A/B of the webhook path of two builds in one session on one machine. Each build is a folder
# holding target/livekit-dashboard.war, target/payara-micro.jar and server-config/ (a worktree
# after `mvn -B package -DskipTests`). Both start fresh side by side (ports PORT and PORT+1, one
# idle while the other is measured) and are measured in turns (A first in odd passes, B first in
# even ones), so that whatever else the machine does hits both alike: a pass right after start (the
# harness's 15 s warm-up, nothing before it), then PASSES-1 passes on warm servers (5 s warm-up each). `ingest` at 16 in flight without
# streams (STREAMS to change), webhooks in room order as LiveKit sends them (ORDER=any: any order).
# One JSON per build and pass; compare the ratios within a pass, not passes with each other.
#
#   bench/run-ingest-ab.sh A-folder B-folder [out-dir]
#   env: PORT (18910), PASSES (4), STREAMS (0), ORDER (rooms), DB (h2 | postgres: a schema of each
#   build's own in the PostgreSQL on 127.0.0.1:5432, dropped at the end), A_ENV / B_ENV (extra
#   settings of one server, e.g. B_ENV=DASHBOARD_AUTH_ENABLED=false: two settings of one build)
set -euo pipefail
export DASHBOARD_AUTH_ADMIN_PASSWORD=${DASHBOARD_AUTH_ADMIN_PASSWORD:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { sed -n 2,15p "$0" >&2; exit 2; }
declare -A root=([A]=$(cd "$1" && pwd) [B]=$(cd "$2" && pwd))
out=${3:-$here/results/ingest-ab}
base_port=${PORT:-18910}
passes=${PASSES:-4}
db=${DB:-h2}
mkdir -p "$out"
[ -f "$here/target/lkdash-bench.jar" ] || mvn -q -B -f "$here/pom.xml" package

key=benchkey
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
declare -A pid port
stop_all() {
  for b in "${!pid[@]}"; do
    kill "${pid[$b]}" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "${pid[$b]}" 2>/dev/null || break; sleep 1; done
    kill -9 "${pid[$b]}" 2>/dev/null || true
    unset "pid[$b]"
  done
  if [ "$db" = postgres ]; then
    for b in A B; do psql -q -h 127.0.0.1 -U postgres test -c "DROP SCHEMA IF EXISTS lkdash_ab_${b,,} CASCADE" || true; done
  fi
}
trap stop_all EXIT

start_server() { # build port
  local data; data=$(mktemp -d "${TMPDIR:-/tmp}/lkdash-ab.XXXXXX")
  local database=()
  if [ "$db" = postgres ]; then
    local schema=lkdash_ab_${1,,}
    psql -q -h 127.0.0.1 -U postgres test -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
    database=("DASHBOARD_DB_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$schema")
  fi
  local extra=()
  [ "$1" = A ] && read -ra extra <<<"${A_ENV:-}"
  [ "$1" = B ] && read -ra extra <<<"${B_ENV:-}"
  env "${database[@]}" "${extra[@]}" LIVEKIT_API_KEY=$key LIVEKIT_API_SECRET=$secret PORT=$2 DASHBOARD_DATA_DIR="$data" \
    DASHBOARD_SSE_MAX_CONNECTIONS_PER_ADDRESS=0 DASHBOARD_HTTP_RATE_LIMIT_PER_SECOND=0 \
    "${root[$1]}/server-config/run-dashboard.sh" >>"$out/server-$1.log" 2>&1 &
  pid[$1]=$!
  port[$1]=$2
}

wait_ready() { # build
  for _ in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$1]}/health/ready" || true)" = 200 ] && return 0
    sleep 1
  done
  echo "server ($1) not ready" >&2; exit 1
}

start_server A "$base_port"
start_server B $((base_port + 1))
wait_ready A
wait_ready B
for pass in $(seq 1 "$passes"); do
  label=warm$((pass - 1)); warmup=5
  [ "$pass" = 1 ] && { label=started; warmup=15; }
  order="A B"; [ $((pass % 2)) = 0 ] && order="B A" # a server keeps compiling after its pass: alternate who follows
  for b in $order; do
    echo "== $b $label"
    java -jar "$here/target/lkdash-bench.jar" --url "http://127.0.0.1:${port[$b]}" --key "$key" --secret "$secret" \
      --server-pid "${pid[$b]}" --label "$b-$label" --out "$out/$b-$label.json" --scenario ingest \
      --warmup-seconds "$warmup" --phase-seconds 10 --ingest-streams "${STREAMS:-0}" --ingest-concurrency 16 \
      --ingest-order "${ORDER:-rooms}" | grep -E '^ +[0-9]+ +16 ' || true
  done
done
