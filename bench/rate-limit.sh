#!/usr/bin/env bash
# What rate limiting costs POST /v2/auth/generate_token, side by side in one run: four tokenmint
# servers on the embedded H2 default, alike but for their limits, measured in short interleaved
# wrk runs on loopback (the order rotates every round, so drift on a shared machine spreads evenly):
#
#   off        TOKENMINT_RATE_LIMIT=0 (the default) and TOKENMINT_AUTH_FAILURE_LIMIT=0
#   control    the same as off: the spread between off and control is the noise of the run
#   default    TOKENMINT_RATE_LIMIT=0, failed authentications limited (20 a second, the default)
#   limited    TOKENMINT_RATE_LIMIT=1000000 (a bucket per credential, never empty) and the default
#
# Prints each run, then the median requests/s, p50, p99 and server CPU per request of each
# configuration and the ratios to `off`.
#
#   bench/rate-limit.sh                      # JDK 25 if installed, else `java`
#   JAVA=/path/to/bin/java DURATION=5 ROUNDS=8 WARMUP=10 CONNECTIONS=32 bench/rate-limit.sh
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/java.sh
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-10}
ROUNDS=${ROUNDS:-8}
CONNECTIONS=${CONNECTIONS:-32}
JAR="$PWD/bootstrap/target/tokenmint.jar"

require_http_tools
. bench/build.sh

work=$(mktemp -d)
declare -A pids ports
cleanup() {
  for name in "${!pids[@]}"; do
    kill "${pids[$name]}" 2>/dev/null || true
    wait "${pids[$name]}" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

export APIKEY=tmk_bench_rate_limit
export AUTHTOKEN=tmat_bench_rate_limit_0123456789abcdefghij
BODY='{"data":{"userId":"user123","userProperties":{"isAdmin":false,"name":"John Doe","email":"john@example.com"},"permissions":{"resources":[{"type":"organization","id":"org_123","accessRole":"viewer"},{"type":"folder","id":"folder_001","organizationId":"org_123","accessRole":"editor"},{"type":"document","id":"doc_456","organizationId":"org_123","accessRole":"editor","expiresAt":1640995200}]}}}'
export BODY

cat > "$work/mint.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-velt-api-key"] = os.getenv("APIKEY")
wrk.headers["x-velt-auth-token"] = os.getenv("AUTHTOKEN")
wrk.body = os.getenv("BODY")
LUA

# Starts server $1 with the extra environment $2 on its own data directory; sets pids and ports.
start() {
  local name=$1 log="$work/server-$1.log"
  mkdir -p "$work/$name"
  (cd "$work/$name" && exec env $2 TOKENMINT_DATA_DIR="$work/$name/data" TOKENMINT_PORT=0 \
    TOKENMINT_API_KEY=$APIKEY TOKENMINT_AUTH_TOKEN=$AUTHTOKEN JAVA_HOME="$JDK_HOME" \
    "$LAUNCHER" serve >"$log" 2>&1) &
  pids[$name]=$!
  local port=""
  until [ -n "$port" ]; do
    kill -0 "${pids[$name]}" 2>/dev/null || { cat "$log" >&2; echo "tokenmint $name did not start" >&2; exit 1; }
    port=$(sed -n 's#.*serving on http://[^:]*:\([0-9]*\).*#\1#p' "$log" | head -1)
    [ -n "$port" ] || sleep 0.05
  done
  ports[$name]=$port
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v2/auth/generate_token" \
    -H 'Content-Type: application/json' -H "x-velt-api-key: $APIKEY" \
    -H "x-velt-auth-token: $AUTHTOKEN" -d "$BODY" || { cat "$log" >&2; exit 1; }
}

ticks() { awk '{print $14 + $15}' "/proc/${pids[$1]}/stat"; }

to_ms() { # wrk prints 812.00us, 1.23ms or 1.01s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else { sub(/s$/, "", v); printf "%.3f", v * 1000 } }'
}

# Prints: requests/s, non-2xx + socket errors, p50 ms, p99 ms, server CPU us per request.
measure() { # $1 = server, $2 = seconds
  local out before after
  before=$(ticks "$1")
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$2"s --latency -s "$work/mint.lua" \
    "http://127.0.0.1:${ports[$1]}/v2/auth/generate_token")
  after=$(ticks "$1")
  local rps errors socket p50 p99 requests cpu
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  socket=$(echo "$out" | awk -F'[ ,]+' '/Socket errors/ {print $5 + $7 + $9 + $11}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  cpu=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%.1f", (n > 0) ? t / hz * 1e6 / n : 0}')
  echo "$rps $(( ${errors:-0} + ${socket:-0} )) $(to_ms "$p50") $(to_ms "$p99") $cpu"
}

names=(off control default limited)
start off "TOKENMINT_RATE_LIMIT=0 TOKENMINT_AUTH_FAILURE_LIMIT=0"
start control "TOKENMINT_RATE_LIMIT=0 TOKENMINT_AUTH_FAILURE_LIMIT=0"
start default "TOKENMINT_RATE_LIMIT=0"
start limited "TOKENMINT_RATE_LIMIT=1000000"

echo "JDK: $("$JAVA" -version 2>&1 | head -1)"
echo "launcher: bin/tokenmint, JAVA_HOME=$JDK_HOME"
echo "wrk: -t1 -c$CONNECTIONS -d${DURATION}s per run, $ROUNDS rounds, loopback, $(nproc) cores"

# Two warm-up passes, interleaved too: the JIT settles on each server before anything counts.
for pass in 1 2; do
  for name in "${names[@]}"; do
    measure "$name" "$WARMUP" >/dev/null
  done
done

declare -A results
errors=0
for round in $(seq 1 "$ROUNDS"); do
  # rotate the order: off control default limited, control default limited off, ...
  for i in 0 1 2 3; do
    name=${names[$(( (round - 1 + i) % 4 ))]}
    read -r rps err p50 p99 cpu < <(measure "$name" "$DURATION")
    errors=$((errors + err))
    results[$name]+="$rps $p50 $p99 $cpu"$'\n'
    printf 'round %d %-8s %8.0f req/s  p50 %6s ms  p99 %6s ms  server CPU %6s us/req  errors %d\n' \
      "$round" "$name" "$rps" "$p50" "$p99" "$cpu" "$err"
  done
done

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
declare -A med
echo
printf '%-8s %12s %10s %10s %16s %14s\n' config "median req/s" "p50 ms" "p99 ms" "CPU us/req" "req/s ÷ off"
for name in "${names[@]}"; do
  rps=$(echo -n "${results[$name]}" | awk '{print $1}' | median)
  p50=$(echo -n "${results[$name]}" | awk '{print $2}' | median)
  p99=$(echo -n "${results[$name]}" | awk '{print $3}' | median)
  cpu=$(echo -n "${results[$name]}" | awk '{print $4}' | median)
  med[$name]=$rps
  printf '%-8s %12.0f %10.3f %10.3f %16.1f %14.3f\n' "$name" "$rps" "$p50" "$p99" "$cpu" \
    "$(awk -v a="$rps" -v b="${med[off]}" 'BEGIN {print a / b}')"
done
echo "errors in all measured runs: $errors"
