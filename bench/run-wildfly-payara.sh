#!/usr/bin/env bash
# Payara Micro and WildFly side by side on this machine, in turns (issue 13): start-up to
# /health/ready with the application answering (RUNS starts each, default 3), then the webhook ->
# stream client latency under one small load (the bench's fanout scenario: 1 stream, 20 signed
# webhooks/s for 10 s = 200 webhooks) on one more start of each. Prints a summary; the bench's
# JSON goes to bench/results/side-by-side/.
#
# Needs what `mvn -B verify -Dserver=wildfly ...` leaves in target/ (the WAR, payara-micro.jar,
# the WildFly it unpacked and configured). Each WildFly start gets a fresh copy of its standalone/
# folder, so the test server is not touched.
#   bench/run-wildfly-payara.sh      (env: RUNS, HTTP_PORT (default 18781), MGMT_PORT (default 18791))
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
jboss=$(ls -d "$root"/target/wildfly-*/ 2>/dev/null | head -n 1)
for file in "$root/target/livekit-dashboard.war" "$root/target/payara-micro.jar" "${jboss}bin/standalone.sh"; do
  [ -f "$file" ] || { echo "missing $file: run mvn -B verify -Dserver=wildfly (see README) first" >&2; exit 1; }
done
if [ ! -f "$here/target/lkdash-bench.jar" ]; then
  mvn -q -B -f "$here/pom.xml" package
fi
runs=${RUNS:-3}
port=${HTTP_PORT:-18781}
mgmt=${MGMT_PORT:-18791}
out="$here/results/side-by-side"
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/lkdash-sbs.XXXXXX")
export LIVEKIT_API_KEY=sbskey
export LIVEKIT_API_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export DASHBOARD_AUTH_ADMIN_PASSWORD=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
export DASHBOARD_SSE_MAX_CONNECTIONS_PER_ADDRESS=0 DASHBOARD_HTTP_RATE_LIMIT_PER_SECOND=0
server_pid=
started_ms=
stop() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap 'stop; rm -rf "$work"' EXIT

# start <payara|wildfly> <n>: starts a fresh server (new data dir), waits until it is ready and
# sets started_ms (not run in a subshell: server_pid must reach stop)
start() {
  local server=$1 n=$2 health
  export DASHBOARD_DATA_DIR="$work/data-$server-$n"
  if [ "$server" = payara ]; then
    PORT=$port JAVA_OPTS="-Xms512m -Xmx2g -XX:+UseG1GC" "$root/server-config/run-dashboard.sh" >"$work/$server-$n.log" 2>&1 &
    health="http://127.0.0.1:$port/health/ready"
  else
    rm -rf "$work/wf" && cp -r "${jboss}standalone" "$work/wf" && cp "$root/target/livekit-dashboard.war" "$work/wf/deployments/"
    # system properties, not the environment: WildFly lists DASHBOARD_AUTH_ADMIN_PASSWORD as
    # dashboard.auth.admin.password, which the configuration check refuses as unknown
    env -u DASHBOARD_AUTH_ADMIN_PASSWORD -u DASHBOARD_SSE_MAX_CONNECTIONS_PER_ADDRESS -u DASHBOARD_HTTP_RATE_LIMIT_PER_SECOND \
      -u DASHBOARD_DATA_DIR \
      JAVA_OPTS="-Xms512m -Xmx2g -XX:+UseG1GC -Ddashboard.auth.admin-password=$DASHBOARD_AUTH_ADMIN_PASSWORD \
        -Ddashboard.sse.max-connections-per-address=0 -Ddashboard.http.rate-limit-per-second=0 -Ddashboard.data-dir=$DASHBOARD_DATA_DIR" \
      LAUNCH_JBOSS_IN_BACKGROUND=1 "${jboss}bin/standalone.sh" --stability=community \
      -Djboss.server.base.dir="$work/wf" -Djboss.http.port=$port -Djboss.management.http.port=$mgmt \
      >"$work/$server-$n.log" 2>&1 &
    health="http://127.0.0.1:$mgmt/health/ready"
  fi
  server_pid=$!
  local began=$(date +%s%N)
  for _ in $(seq 1 1800); do
    kill -0 "$server_pid" 2>/dev/null || { echo "$server exited during start" >&2; tail -40 "$work/$server-$n.log" >&2; exit 1; }
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$health" || true)" = 200 ] \
        && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/auth/mode" || true)" = 200 ]; then
      started_ms=$(( ($(date +%s%N) - began) / 1000000 ))
      return
    fi
    sleep 0.1
  done
  echo "$server not ready in time" >&2; exit 1
}

echo "load before: $(uptime)"
for n in $(seq 1 "$runs"); do
  for server in payara wildfly; do
    start "$server" "$n"
    echo "start $server #$n: $started_ms ms to /health/ready (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    stop
  done
done
for server in payara wildfly; do
  start "$server" latency
  echo "start $server (latency run): $started_ms ms to /health/ready (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  sleep 5 # past the first seconds' class loading
  java -jar "$here/target/lkdash-bench.jar" --url "http://127.0.0.1:$port" --key "$LIVEKIT_API_KEY" \
    --secret "$LIVEKIT_API_SECRET" --password "$DASHBOARD_AUTH_ADMIN_PASSWORD" --scenario fanout \
    --fanout-streams 1 --fanout-rates 20 --phase-seconds 10 --label "$server" --out "$out/$server.json" \
    | tee "$work/bench-$server.txt" | grep -i -E "p50|p95|fanout" || true
  echo "latency $server done (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  stop
done
echo "load after: $(uptime)"
