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
# CDS_ARCHIVE=<file> (optional) starts faster from a class-data archive: the first run writes it
# when it stops, later runs map it. Payara's runtime then unpacks to a fixed folder beside it, so
# that the archived classes are found at the same paths.
cds=()
if [ -n "${CDS_ARCHIVE:-}" ]; then
  if [ -f "$CDS_ARCHIVE" ]; then
    cds=(-XX:SharedArchiveFile="$CDS_ARCHIVE")
  else
    cds=(-XX:ArchiveClassesAtExit="$CDS_ARCHIVE")
  fi
  cds+=(-Xlog:cds=off -Xlog:cds+dynamic=off)
  set -- --rootdir "$CDS_ARCHIVE.payara" "$@"
fi
exec java ${JAVA_OPTS:--Xms512m -Xmx2g -XX:+UseG1GC} "${cds[@]}" -jar "$target/payara-micro.jar" \
  --nocluster \
  --port "${PORT:-8080}" \
  --contextroot / \
  --prebootcommandfile "$here/pre-boot-commands.asadmin" \
  --postbootcommandfile "$here/post-boot-commands.asadmin" \
  --deploy "$target/livekit-dashboard.war" "$@"
