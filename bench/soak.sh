#!/usr/bin/env bash
# Soak: paced load at about half the measured maximum for a while, one line per minute with the
# requests, errors, p99 and resident memory of that minute; PASS when no request failed and the
# resident memory after the first minute grew by at most 10 %.
#
#   bench/soak.sh                 # 10 minutes on the embedded H2 default
#   MINUTES=1 bench/soak.sh       # shorter
#
# The load is a mix of what a backend sends: of every 10 requests, 8 generate_token, 1
# verify_token and 1 users/add (over a fixed set of 1 000 users, so the data stays the same size).
# The maximum is measured with the same mix (wrk, -c$CONNECTIONS, after a warm-up); the soak then
# runs wrk with each connection pausing between requests, the number of connections calibrated to
# half that maximum (wrk is closed-loop, so pausing is how it paces). tokenmint runs through
# bin/tokenmint, its launcher. Needs wrk, curl and the JDK (bench/java.sh); installs nothing; stops
# the server and removes its data on exit, Ctrl-C included.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/java.sh
MINUTES=${MINUTES:-10}
MEASURE=${MEASURE:-15}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-32}
GROWTH_LIMIT=${GROWTH_LIMIT:-10}

require_http_tools
. bench/build.sh
while read -r name; do unset "$name"; done < <(compgen -e | grep '^TOKENMINT_' || true)

work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export APIKEY=tmk_bench_soak
export AUTHTOKEN=tmat_bench_soak_0123456789abcdefghijklmnop
(cd "$work" && TOKENMINT_DATA_DIR="$work/data" TOKENMINT_PORT=0 TOKENMINT_API_KEY=$APIKEY \
  TOKENMINT_AUTH_TOKEN=$AUTHTOKEN JAVA_HOME=$JDK_HOME exec "$LAUNCHER" serve >"$work/server.log" 2>&1) &
pid=$!
port=""
deadline=$(( $(date +%s) + 60 ))
until [ -n "$port" ] && curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; do
  kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -le "$deadline" ] ||
    { cat "$work/server.log" >&2; echo "tokenmint did not start" >&2; exit 1; }
  port=$(sed -n 's#.*serving on http://[^:]*:\([0-9]*\).*#\1#p' "$work/server.log" | head -1)
  sleep 0.05
done

# A token for verify_token, minted once.
export TOKEN
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$port/v2/auth/generate_token" -H 'Content-Type: application/json' \
  -H "x-velt-api-key: $APIKEY" -H "x-velt-auth-token: $AUTHTOKEN" -d '{"userId":"soak"}' |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "minting the verify_token token failed" >&2; exit 1; }

cat >"$work/mix.lua" <<'LUA'
local headers = {
  ["Content-Type"] = "application/json",
  ["x-velt-api-key"] = os.getenv("APIKEY"),
  ["x-velt-auth-token"] = os.getenv("AUTHTOKEN"),
}
local mint = '{"data":{"userId":"user123","userProperties":{"name":"John Doe","email":"john@example.com"},'
  .. '"permissions":{"resources":[{"type":"organization","id":"org_123","accessRole":"viewer"},'
  .. '{"type":"document","id":"doc_456","organizationId":"org_123","accessRole":"editor"}]}}}'
local verify = '{"token":"' .. os.getenv("TOKEN") .. '"}'
local n = 0
request = function()
  n = n + 1
  local slot = n % 10
  if slot == 8 then
    return wrk.format("POST", "/v2/auth/verify_token", headers, verify)
  elseif slot == 9 then
    local user = '{"organizationId":"org_123","users":[{"userId":"u' .. (n % 1000)
      .. '","name":"Soak","email":"soak@example.com","accessRole":"viewer"}]}'
    return wrk.format("POST", "/v2/users/add", headers, user)
  end
  return wrk.format("POST", "/v2/auth/generate_token", headers, mint)
end
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
if pause > 0 then
  function delay() return pause end
end
LUA

to_ms() { # wrk prints 812.00us, 1.23ms or 1.01s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.1f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.1f", v }
    else { sub(/s$/, "", v); printf "%.1f", v * 1000 } }'
}

# One wrk run of $1 seconds on $2 connections: requests/s, requests, errors, p99 in ms.
run() {
  local out
  out=$(wrk -t1 -c"$2" -d"$1"s --latency -s "$work/mix.lua" "http://127.0.0.1:$port")
  echo "$out" >>"$work/wrk.log"
  local rps requests errors socket p99
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  socket=$(awk -F'[ ,]+' '/Socket errors/ {print $5 + $7 + $9 + $11}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $requests $(( ${errors:-0} + ${socket:-0} )) $(to_ms "$p99")"
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
data_mb() { du -sm "$work/data" | cut -f1; }

echo "JDK: $("$JAVA" -version 2>&1 | head -1); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
run "$WARMUP" "$CONNECTIONS" >/dev/null
read -r max _ max_errors _ < <(run "$MEASURE" "$CONNECTIONS")
target=$(( max / 2 ))
# Each connection pauses PAUSE_MS after each answer; two short probes calibrate the connections.
export PAUSE_MS=2
connections=$(awk -v t="$target" -v p="$PAUSE_MS" 'BEGIN {c = int(t * (p + 0.5) / 1000 + 0.5); print (c < 1) ? 1 : c}')
for probe in 1 2; do
  read -r rate _ _ _ < <(run 5 "$connections")
  connections=$(awk -v c="$connections" -v t="$target" -v a="$rate" 'BEGIN {n = int(c * t / a + 0.5); print (n < 1) ? 1 : n}')
done
echo "maximum: $max req/s (wrk -c$CONNECTIONS, ${MEASURE} s, $max_errors errors); soak target $target req/s: $connections connections pausing $PAUSE_MS ms"

total_errors=0
first_rss=""
peak_rss=0
for minute in $(seq 1 "$MINUTES"); do
  read -r rate requests errors p99 < <(run 60 "$connections")
  rss=$(rss_mb)
  total_errors=$((total_errors + errors))
  [ -n "$first_rss" ] || first_rss=$rss
  [ "$minute" = 1 ] || [ "$rss" -le "$peak_rss" ] || peak_rss=$rss
  printf 'minute %2d: %6d requests (%5d req/s), %d errors, p99 %6s ms, resident memory %4d MB, data %3d MB\n' \
    "$minute" "$requests" "$rate" "$errors" "$p99" "$rss" "$(data_mb)"
done
[ "$peak_rss" -gt 0 ] || peak_rss=$first_rss
growth=$(awk -v a="$first_rss" -v b="$peak_rss" 'BEGIN {printf "%.1f", (b - a) * 100 / a}')
result=PASS
[ "$total_errors" = 0 ] && awk -v g="$growth" -v l="$GROWTH_LIMIT" 'BEGIN {exit !(g <= l)}' || result=FAIL
grep -qE ' ERROR |^\s+at ' "$work/server.log" && { result=FAIL; grep -E ' ERROR ' "$work/server.log" | head -3 >&2; }
echo "$result soak: $MINUTES min at $target req/s: $total_errors errors; resident memory $first_rss MB after the first minute, at most $peak_rss MB after it (growth $growth %, limit $GROWTH_LIMIT %)"
[ "$result" = PASS ]
