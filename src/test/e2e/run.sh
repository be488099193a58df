#!/usr/bin/env bash
# Runs the end-to-end test (dashboard.e2e.mjs) in headless Chromium against the built WAR on
# Payara Micro. Build first: mvn -B package -DskipTests (also installs playwright-core through
# npm ci). Installs Debian's chromium when /usr/bin/chromium is missing; never downloads a
# browser of its own. Screenshots and server logs: target/e2e/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)

if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f "$root/src/main/frontend/node_modules/playwright-core/package.json" ]; then
  echo "e2e: installing the frontend's packages (npm ci) for playwright-core" >&2
  (cd "$root/src/main/frontend" && npm ci --no-audit --no-fund)
fi
exec node "$here/dashboard.e2e.mjs" "$@"
