#!/usr/bin/env bash
# CI smoke run of every benchmark scenario (a few seconds each, tiny sizes, no thresholds):
# builds the WAR and the bench if needed, starts the dashboard on a free port with a temporary
# data dir, runs `lkdash-bench --smoke`, stops the server. Exits non-zero when the harness failed.
#
#   bench/run-smoke.sh            (env: PORT to pin the port, JAVA_OPTS for the server, KEEP_LOG=1)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

if [ ! -f "$root/target/livekit-dashboard.war" ] || [ ! -f "$root/target/payara-micro.jar" ]; then
  echo "building the WAR (mvn package -DskipTests)"
  (cd "$root" && mvn -q -B package -DskipTests)
fi
if [ ! -f "$here/target/lkdash-bench.jar" ] || [ -n "$(find "$here/src" "$here/pom.xml" -newer "$here/target/lkdash-bench.jar" -print -quit)" ]; then
  echo "building the bench"
  mvn -q -B -f "$here/pom.xml" package
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${PORT:-}
if [ -z "$port" ]; then
  for candidate in $(seq 8080 8090) $(seq 18080 18180); do
    if port_free "$candidate"; then port=$candidate; break; fi
  done
fi
[ -n "$port" ] || { echo "no free port found" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/lkdash-smoke.XXXXXX")
key=smokekey
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  if [ "${KEEP_LOG:-0}" = 1 ]; then echo "server log: $work/server.log"; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "starting the dashboard on port $port (data in $work)"
LIVEKIT_API_KEY=$key LIVEKIT_API_SECRET=$secret PORT=$port DASHBOARD_AUTH_ADMIN_PASSWORD=$password \
  DASHBOARD_DATA_DIR="$work/data" DASHBOARD_SSE_HEARTBEAT_SECONDS=1 \
  DASHBOARD_SSE_MAX_CONNECTIONS_PER_ADDRESS=0 DASHBOARD_HTTP_RATE_LIMIT_PER_SECOND=0 \
  JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseG1GC}" \
  "$root/server-config/run-dashboard.sh" >"$work/server.log" 2>&1 &
server_pid=$!

ready=0
for _ in $(seq 1 180); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server exited during start:" >&2; tail -50 "$work/server.log" >&2; exit 1
  fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)" = 200 ]; then
    ready=1; break
  fi
  sleep 1
done
[ "$ready" = 1 ] || { echo "the server was not ready after 180 s:" >&2; tail -50 "$work/server.log" >&2; exit 1; }

mkdir -p "$here/results"
status=0
DASHBOARD_AUTH_ADMIN_PASSWORD=$password java -jar "$here/target/lkdash-bench.jar" --url "http://127.0.0.1:$port" --key "$key" --secret "$secret" \
  --server-pid "$server_pid" --scenario ingest,fanout,capacity,slow,persistence,history --label smoke --smoke \
  --out "$here/results/smoke.json" || status=$?
if [ "$status" != 0 ]; then
  echo "benchmark smoke run FAILED (exit $status); last server log lines:" >&2
  tail -30 "$work/server.log" >&2
fi
exit "$status"
