#!/usr/bin/env bash
# Starts the dashboard on Payara Micro with this folder's settings, at http://localhost:${PORT:-8080}/.
# Build first: mvn -B package -DskipTests (puts the WAR and Payara Micro in target/).
# Configuration comes from the environment (LIVEKIT_API_KEY, LIVEKIT_API_SECRET, DASHBOARD_*; see README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target="$here/../target"
for file in "$target/payara-micro.jar" "$target/livekit-dashboard.war"; do
  [ -f "$file" ] || { echo "missing $file: run 'mvn -B package -DskipTests' first" >&2; exit 1; }
done
exec java ${JAVA_OPTS:--Xms512m -Xmx2g -XX:+UseG1GC} -jar "$target/payara-micro.jar" \
  --nocluster \
  --port "${PORT:-8080}" \
  --contextroot / \
  --prebootcommandfile "$here/pre-boot-commands.asadmin" \
  --postbootcommandfile "$here/post-boot-commands.asadmin" \
  --deploy "$target/livekit-dashboard.war" "$@"
