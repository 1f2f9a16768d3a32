#!/bin/sh
# PUTs every connectors/*.json into Connect (create or update), each config merged with its entry in overrides.json:
# the files carry the local stack's addresses, the overrides the compose network's. Run once by compose.
set -eu

CONNECT_URL="${CONNECT_URL:?set CONNECT_URL, e.g. http://connect-1:8083}"
CONNECTORS_DIR="${CONNECTORS_DIR:-/connectors}"
OVERRIDES="${OVERRIDES:-/overrides.json}"
WAIT_SECONDS="${WAIT_SECONDS:-300}"

deadline=$(( $(date +%s) + WAIT_SECONDS ))

wait_or_fail() {
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "gave up after ${WAIT_SECONDS}s: $1" >&2
    exit 1
  fi
  sleep 2
}

for file in "$CONNECTORS_DIR"/*.json; do
  name=$(jq -er .name "$file")
  class=$(jq -er '.config["connector.class"]' "$file")
  config=$(jq -c --slurpfile overrides "$OVERRIDES" '.config + ($overrides[0][.name] // {})' "$file")

  # The worker answers before it has joined its group and loaded the plugins: wait for the connector's class.
  until curl -fsS "$CONNECT_URL/connector-plugins?connectorsOnly=true" 2>/dev/null | jq -e --arg c "$class" \
      'any(.[]; .class == $c)' >/dev/null; do
    wait_or_fail "$class not offered by $CONNECT_URL"
  done

  # 409 while the group rebalances, no answer while the worker restarts: try again.
  while :; do
    status=$(printf '%s' "$config" | curl -sS -o /tmp/answer -w '%{http_code}' -X PUT \
        -H 'Content-Type: application/json' --data @- "$CONNECT_URL/connectors/$name/config" || true)
    case "$status" in
      200|201) break ;;
    esac
    echo "PUT $name: HTTP ${status:-none} $(cat /tmp/answer 2>/dev/null || true)" >&2
    wait_or_fail "$name not accepted"
  done
  echo "deployed $name ($class), HTTP $status"
done
