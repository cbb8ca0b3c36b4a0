#!/usr/bin/env bash
# What JSON logs and the access log cost on POST /v2/auth/generate_token, side by side in one run:
# two tokenmint servers on the embedded H2 default, one with the defaults (TOKENMINT_LOG_FORMAT=text,
# no access log), one with TOKENMINT_LOG_FORMAT=json and TOKENMINT_ACCESS_LOG=true, each writing
# its standard output to a file (not /dev/null: the lines are really formatted and written). Both
# are warmed up, then measured in turn with wrk, ROUNDS times, so both see the same machine state.
#
#   bench/logging.sh                 # JDK 25 if installed, else `java`
#   JAVA=/path/to/bin/java DURATION=10 ROUNDS=2 bench/logging.sh
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/java.sh
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-30}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-32}
JAR="$PWD/bootstrap/target/tokenmint.jar"

require_http_tools
. bench/build.sh

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true # 143 after SIGTERM: not a failure of the script
  done
  rm -rf "$work"
}
trap cleanup EXIT

export APIKEY=tmk_bench_logging
export AUTHTOKEN=tmat_bench_logging_0123456789abcdefghijk
BODY='{"data":{"userId":"user123","userProperties":{"isAdmin":false,"name":"John Doe","email":"john@example.com"},"permissions":{"resources":[{"type":"organization","id":"org_123","accessRole":"viewer"},{"type":"folder","id":"folder_001","organizationId":"org_123","accessRole":"editor"},{"type":"document","id":"doc_456","organizationId":"org_123","accessRole":"editor","expiresAt":1640995200}]}}}'
export BODY
cat > "$work/mint.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-velt-api-key"] = os.getenv("APIKEY")
wrk.headers["x-velt-auth-token"] = os.getenv("AUTHTOKEN")
wrk.body = os.getenv("BODY")
LUA

declare -A port pid log
# Starts the server named $1 with the extra environment $2 ("" for the defaults).
start() {
  log[$1]="$work/$1.log"
  mkdir -p "$work/$1"
  (cd "$work/$1" && exec env TOKENMINT_DATA_DIR="$work/$1/data" TOKENMINT_PORT=0 \
    TOKENMINT_API_KEY=$APIKEY TOKENMINT_AUTH_TOKEN=$AUTHTOKEN $2 JAVA_HOME="$JDK_HOME" \
    "$LAUNCHER" serve >"${log[$1]}" 2>&1) &
  pid[$1]=$!
  pids+=("${pid[$1]}")
  port[$1]=""
  until [ -n "${port[$1]}" ]; do
    kill -0 "${pid[$1]}" 2>/dev/null || { cat "${log[$1]}" >&2; echo "tokenmint did not start" >&2; exit 1; }
    port[$1]=$(sed -n 's#.*serving on http://[^:]*:\([0-9]*\).*#\1#p' "${log[$1]}" | head -1)
    [ -n "${port[$1]}" ] || sleep 0.05
  done
}

to_ms() { # wrk prints 812.00us, 1.23ms or 1.01s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else { sub(/s$/, "", v); printf "%.2f", v * 1000 } }'
}

# generate_token on server $1 for $2 seconds: requests/s, p50 ms, p99 ms, non-2xx + socket
# errors, server CPU us/request, log bytes/request.
measure() {
  local out before after bytes_before bytes_after
  before=$(awk '{print $14 + $15}' "/proc/${pid[$1]}/stat")
  bytes_before=$(stat -c %s "${log[$1]}")
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$2"s --latency -s "$work/mint.lua" \
    "http://127.0.0.1:${port[$1]}/v2/auth/generate_token")
  after=$(awk '{print $14 + $15}' "/proc/${pid[$1]}/stat")
  bytes_after=$(stat -c %s "${log[$1]}")
  local rps p50 p99 errors socket requests
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  socket=$(echo "$out" | awk -F'[ ,]+' '/Socket errors/ {print $5 + $7 + $9 + $11}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  awk -v rps="$rps" -v p50="$(to_ms "$p50")" -v p99="$(to_ms "$p99")" \
    -v err=$(( ${errors:-0} + ${socket:-0} )) -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    -v n="$requests" -v b=$((bytes_after - bytes_before)) \
    'BEGIN {printf "%8.0f req/s  p50 %6s ms  p99 %6s ms  errors %d  server CPU %4.0f us/req  log %5.1f B/req\n",
      rps, p50, p99, err, t / hz * 1e6 / n, b / n}'
}

echo "JDK: $("$JAVA" -version 2>&1 | head -1)"
echo "launcher: bin/tokenmint, JAVA_HOME=$JDK_HOME"
echo "wrk: -t1 -c$CONNECTIONS -d${DURATION}s, loopback, $(nproc) cores; server stdout to a file"

start text ""
start json "TOKENMINT_LOG_FORMAT=json TOKENMINT_ACCESS_LOG=true"
measure text "$WARMUP" >/dev/null
measure json "$WARMUP" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round  text, no access log:  $(measure text "$DURATION")"
  echo "round $round  json + access log:    $(measure json "$DURATION")"
done
echo "a JSON access log line: $(grep -m1 '"tokenmint.access"' "${log[json]}")"
