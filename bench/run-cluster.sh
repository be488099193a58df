#!/usr/bin/env bash
# Several instances (issue 14): two dashboards on dashboard.bus=redis behind nginx with the shipped
# server-config/nginx/lkdash.conf, beside one dashboard on dashboard.bus=local, both on PostgreSQL,
# started side by side and measured in turns: a pass right after start (the harness's 15 s ingest
# warm-up, nothing before it), then two warm passes. Webhooks and streams go through nginx, so
# streams are spread over both instances and each webhook reaches streams on the instance that did
# not take it: the delivery latency is across instances. One JSON per setup and pass.
#
#   bench/run-cluster.sh [out-dir]     env: PORT (18700), PG_URL, REDIS_URL (redis://127.0.0.1:6379)
set -euo pipefail
export DASHBOARD_AUTH_ADMIN_PASSWORD=${DASHBOARD_AUTH_ADMIN_PASSWORD:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$here/results/cluster}
port=${PORT:-18700}
pg_url=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
run=$$
schema_cluster=lkdash_cluster_$run
schema_single=lkdash_single_$run
stream=lkdash-bench:$run
mkdir -p "$out"
[ -f "$root/target/livekit-dashboard.war" ] || (cd "$root" && mvn -q -B package -DskipTests)
[ -f "$here/target/lkdash-bench.jar" ] || mvn -q -B -f "$here/pom.xml" package
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is needed (apt-get install nginx)" >&2; exit 1; }
psql_() { psql -h 127.0.0.1 -U postgres -d test -qc "$1"; }

key=benchkey
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
work=$(mktemp -d "${TMPDIR:-/tmp}/lkdash-cluster.XXXXXX")
pids=()
stop_all() {
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 1; done; done
  psql_ "DROP SCHEMA IF EXISTS $schema_cluster CASCADE; DROP SCHEMA IF EXISTS $schema_single CASCADE" || true
  redis-cli -u "$redis_url" DEL "$stream" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop_all EXIT
psql_ "CREATE SCHEMA $schema_cluster; CREATE SCHEMA $schema_single"

start_server() { # name port schema bus
  local env=(LIVEKIT_API_KEY=$key LIVEKIT_API_SECRET=$secret PORT=$2 DASHBOARD_DATA_DIR="$work/$1"
    DASHBOARD_DB_URL="$pg_url?currentSchema=$3" DASHBOARD_DB_USER=postgres DASHBOARD_BUS=$4
    DASHBOARD_SSE_MAX_CONNECTIONS_PER_ADDRESS=0 DASHBOARD_HTTP_RATE_LIMIT_PER_SECOND=0
    DASHBOARD_HTTP_TRUSTED_PROXIES=127.0.0.1/32)
  [ "$4" = redis ] && env+=(DASHBOARD_REDIS_URL="$redis_url" DASHBOARD_REDIS_STREAM="$stream")
  env "${env[@]}" "$root/server-config/run-dashboard.sh" >"$out/server-$1.log" 2>&1 &
  pids+=($!)
}

wait_ready() { # port
  for _ in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health/ready" || true)" = 200 ] && return 0
    sleep 1
  done
  echo "the server on port $1 is not ready" >&2; exit 1
}

start_server a "$port" "$schema_cluster" redis
start_server b $((port + 1)) "$schema_cluster" redis
start_server single $((port + 3)) "$schema_single" local
mkdir -p "$work/nginx"
sed -e "s/server 127.0.0.1:8080/server 127.0.0.1:$port/" -e "s/server 127.0.0.1:8081/server 127.0.0.1:$((port + 1))/" \
    -e "s/listen 80;/listen 127.0.0.1:$((port + 2));/" "$root/server-config/nginx/lkdash.conf" >"$work/nginx/site.conf"
cat >"$work/nginx/nginx.conf" <<CONF
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
worker_rlimit_nofile 20000;
events { worker_connections 10000; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  include $work/nginx/site.conf;
}
CONF
for p in "$port" $((port + 1)) $((port + 3)); do wait_ready "$p"; done
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
wait_ready $((port + 2))

bench() { # setup pass port ids extra...
  local setup=$1 pass=$2 target=$3 ids=$4; shift 4
  echo "== $setup $pass ($(uptime | sed 's/.*load/load/'))"
  java -jar "$here/target/lkdash-bench.jar" --url "http://127.0.0.1:$target" --key "$key" --secret "$secret" \
    --ids "$ids" --label "$setup-$pass" --out "$out/$setup-$pass.json" \
    --scenario ingest,fanout --ingest-streams 0,100 --ingest-concurrency 16 \
    --fanout-streams 100 --fanout-rates 100 "$@"
}
for pass in started warm1 warm2; do
  warmup=5; [ "$pass" = started ] && warmup=15
  bench two-behind-nginx "$pass" $((port + 2)) stream-entry --warmup-seconds "$warmup" --server-pid "${pids[0]}"
  bench one-local "$pass" $((port + 3)) consecutive --warmup-seconds "$warmup" --server-pid "${pids[2]}"
done
