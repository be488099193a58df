#!/usr/bin/env bash
# Sends a LiveKit webhook body to the dashboard, signed exactly as a LiveKit server signs it:
# Authorization: an HS256 JWT with iss = API key, nbf/iat = now, exp = now + 5 min and
# sha256 = base64(SHA-256 of the body bytes).
#
#   server-config/send-webhook.sh src/test/resources/fixtures/livekit/room_started.json
#
# Environment: LIVEKIT_API_KEY and LIVEKIT_API_SECRET (the dashboard's), DASHBOARD_URL
# (default http://localhost:8080). FRESH_ID=1 (default) gives the event a new id so that the
# dashboard does not take it for a retry of one it has seen.
set -euo pipefail
file=${1:?usage: send-webhook.sh <webhook.json>}
key=${LIVEKIT_API_KEY:?set LIVEKIT_API_KEY}
secret=${LIVEKIT_API_SECRET:?set LIVEKIT_API_SECRET}
url=${DASHBOARD_URL:-http://localhost:8080}

body=$(cat "$file")
if [ "${FRESH_ID:-1}" = 1 ]; then
  body=$(printf '%s' "$body" | sed -E "s/\"id\": *\"EV_[A-Za-z0-9]+\"/\"id\": \"EV_$(date +%s%N | tail -c 13)\"/")
fi

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
digest=$(printf '%s' "$body" | openssl dgst -sha256 -binary | openssl base64 -A)
claims=$(printf '{"iss":"%s","nbf":%d,"iat":%d,"exp":%d,"sha256":"%s"}' "$key" "$now" "$now" $((now + 300)) "$digest" | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -hmac "$secret" -binary | b64url)

printf '%s' "$body" | curl -sS -X POST "$url/api/webhooks/livekit" \
  -H 'Content-Type: application/webhook+json' \
  -H "Authorization: $header.$claims.$signature" \
  --data-binary @- -w '\n'
