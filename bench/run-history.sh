#!/usr/bin/env bash
# The `history` measurement of issue 10, per database: an empty instance (boot-to-ready, heap after
# a full GC, reads), then N generated LiveKit webhooks stored by the product's own code (the bulk
# import: SessionTraffic | WebhookImport -> RoomState.record, as the webhook endpoint stores them),
# the server started on them (boot-to-ready), and the `history` scenario of lkdash-bench against
# it (read p50/p95/p99, heap after a full GC compared with the empty instance, sessions stored).
#
#   bench/run-history.sh N [h2|postgres ...]      (default: 1000000 h2 postgres)
#
# env: PORT (default: a free one), JAVA_OPTS for the server (run-dashboard.sh's default otherwise),
#      PG_URL (jdbc:postgresql://127.0.0.1:5432/test, user postgres, trust auth),
#      PG_SCHEMA (lkdash_history_<N>; created, loaded and dropped by this script),
#      KEEP_DATA=1 keeps the loaded H2 dir / PostgreSQL schema for another run (a run finding them
#      loaded skips the import), HISTORY_ARGS extra lkdash-bench options.
# Results: bench/results/history-<db>-<N>.json and history-<db>-empty.json; logs in target/history/.
set -euo pipefail
# the server's admin password, which the bench signs in with for the stream and the read API
export DASHBOARD_AUTH_ADMIN_PASSWORD=${DASHBOARD_AUTH_ADMIN_PASSWORD:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
events=${1:-1000000}
shift || true
databases=("$@")
[ ${#databases[@]} -gt 0 ] || databases=(h2 postgres)
work="$root/target/history"
pg_url=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
pg_schema=${PG_SCHEMA:-lkdash_history_$events}
key=historykey
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
mkdir -p "$work" "$here/results"

# --- what it runs: the WAR, the bench, and the import on the test class path with Payara's own H2
# (the server must open what the import wrote with the same H2 version)
if [ ! -f "$root/target/livekit-dashboard.war" ] || [ ! -f "$root/target/payara-micro.jar" ]; then
  mkdir -p "$root/target/frontend-dist"
  (cd "$root" && mvn -q -B package -DskipTests -Dfrontend.skip=true)
fi
mvn -q -B -f "$here/pom.xml" package
(cd "$root" && mvn -q -B test-compile -Dfrontend.skip=true \
  && mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/maven.classpath")
unzip -o -q -j "$root/target/payara-micro.jar" MICRO-INF/runtime/h2.jar -d "$work"
import_cp="$work/h2.jar:$root/target/classes:$root/target/test-classes:$(tr ':' '\n' <"$work/maven.classpath" | grep -v '/h2-' | paste -sd:)"

psql_() { PGOPTIONS=--client-min-messages=warning psql -h 127.0.0.1 -p 5432 -U postgres -d test -qAtc "$1"; }
h2_count() {
  java -cp "$work/h2.jar" org.h2.tools.Shell -url "jdbc:h2:file:$1/events" -user "" -sql "SELECT COUNT(*) FROM webhook_event" \
    | grep -E '^[0-9]+$' | head -n 1
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${PORT:-}
if [ -z "$port" ]; then
  for candidate in $(seq 18280 18380); do
    if port_free "$candidate"; then port=$candidate; break; fi
  done
fi
url="http://127.0.0.1:$port"

server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
empty_schema=
cleanup() {
  stop_server
  [ -z "$empty_schema" ] || psql_ "DROP SCHEMA IF EXISTS $empty_schema CASCADE" || true
}
trap cleanup EXIT

# start_server LOG ENV...: starts the dashboard, sets server_pid and ready_ms (launch to /health/ready 200)
start_server() {
  local log=$1; shift
  local began; began=$(date +%s%N)
  # the load generator is one address: the per-address limits would measure themselves
  env LIVEKIT_API_KEY=$key LIVEKIT_API_SECRET=$secret PORT=$port \
    DASHBOARD_SSE_MAX_CONNECTIONS_PER_ADDRESS=0 DASHBOARD_HTTP_RATE_LIMIT_PER_SECOND=0 "$@" \
    "$root/server-config/run-dashboard.sh" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 1800); do
    kill -0 "$server_pid" 2>/dev/null || { echo "the server exited during start:" >&2; tail -30 "$log" >&2; exit 1; }
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready" || true)" = 200 ]; then
      ready_ms=$(( ($(date +%s%N) - began) / 1000000 ))
      return
    fi
    sleep 0.1
  done
  echo "the server was not ready after 180 s" >&2; exit 1
}

bench() {
  java -jar "$here/target/lkdash-bench.jar" --url "$url" --key "$key" --secret "$secret" \
    --server-pid "$server_pid" --scenario history ${HISTORY_ARGS:-} "$@"
}

heap_kb_of() { # the heap after a full GC recorded in a results file, in KiB
  grep -o '"heapAfterFullGcMiB": [0-9.]*' "$1" | head -n 1 | awk '{ printf "%d", $2 * 1024 }'
}

for db in "${databases[@]}"; do
  echo "=== $db: empty instance"
  case $db in
    h2)
      rm -rf "$work/h2-empty"
      start_server "$work/h2-empty.log" DASHBOARD_DATA_DIR="$work/h2-empty" ;;
    postgres)
      empty_schema=lkdash_history_empty_$$
      psql_ "CREATE SCHEMA $empty_schema"
      start_server "$work/postgres-empty.log" DASHBOARD_DATA_DIR="$work/postgres-data" \
        DASHBOARD_DB_URL="$pg_url?currentSchema=$empty_schema" DASHBOARD_DB_USER=postgres ;;
    *) echo "unknown database $db (h2 or postgres)" >&2; exit 2 ;;
  esac
  echo "ready in $ready_ms ms"
  bench --label "$db empty" --history-ready-ms "$ready_ms" --out "$here/results/history-$db-empty.json"
  empty_heap_kb=$(heap_kb_of "$here/results/history-$db-empty.json")
  stop_server
  if [ -n "$empty_schema" ]; then psql_ "DROP SCHEMA $empty_schema CASCADE"; empty_schema=; fi

  echo "=== $db: $events events"
  generate=(java -cp "$here/target/lkdash-bench.jar" dev.lkdash.bench.SessionTraffic --events "$events")
  case $db in
    h2)
      data="$work/h2-$events"
      if [ ! -f "$data/imported" ]; then
        rm -rf "$data"
        "${generate[@]}" | nice java -Xmx1g -cp "$import_cp" dev.lkdash.tools.WebhookImport --data-dir "$data" \
          2>&1 | tee "$work/h2-$events.import.log" | grep -v '^INFO\|^[A-Z][a-z][a-z] [0-9]'
        touch "$data/imported"
      fi
      stored=$(h2_count "$data")
      db_env=(DASHBOARD_DATA_DIR="$data") ;;
    postgres)
      if [ "$(psql_ "SELECT COUNT(*) FROM pg_tables WHERE schemaname = '$pg_schema' AND tablename = 'webhook_event'")" = 0 ]; then
        psql_ "CREATE SCHEMA IF NOT EXISTS $pg_schema"
        # the import's commits need not wait for the disk: the server's own commits do
        "${generate[@]}" | nice java -Xmx1g -cp "$import_cp" dev.lkdash.tools.WebhookImport \
          --db-url "$pg_url?currentSchema=$pg_schema&options=-c%20synchronous_commit%3Doff" --db-user postgres \
          2>&1 | tee "$work/postgres-$events.import.log" | grep -v '^INFO\|^[A-Z][a-z][a-z] [0-9]'
      fi
      stored=$(psql_ "SELECT COUNT(*) FROM $pg_schema.webhook_event")
      db_env=(DASHBOARD_DATA_DIR="$work/postgres-data" DASHBOARD_DB_URL="$pg_url?currentSchema=$pg_schema" DASHBOARD_DB_USER=postgres) ;;
  esac
  echo "$stored events stored; starting the server on them"
  start_server "$work/$db-$events.log" "${db_env[@]}"
  echo "ready in $ready_ms ms"
  bench --label "$db $events" --history-stored-events "$stored" --history-ready-ms "$ready_ms" \
    --history-empty-heap-kb "$empty_heap_kb" --out "$here/results/history-$db-$events.json"
  stop_server
  if [ "${KEEP_DATA:-0}" != 1 ]; then
    case $db in
      h2) rm -rf "$data" ;;
      postgres) psql_ "DROP SCHEMA $pg_schema CASCADE" ;;
    esac
  fi
done
