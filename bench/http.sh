#!/usr/bin/env bash
# HTTP benchmark on loopback, side by side in one run: GET /health/live, POST
# /v2/auth/generate_token (ES256, the README's user with 3 grants), the routes that read such a
# token, POST /v2/auth/verify_token, POST /v2/auth/check_access, POST /oauth2/introspect, and POST
# /oauth2/token (token exchange down to one document), against one local tokenmint on
# the embedded H2 default, with wrk. Prints requests/s of both and their ratio, errors, p99 at half
# the measured maximum rate, cold start to the first minted token next to the JDK's bare HTTP
# server's, and peak resident memory. tokenmint runs through bin/tokenmint, the README's launcher
# (its JVM flags and the class-data archive or AOT cache it makes for the benchmark's JDK).
#
#   bench/http.sh                    # JDK 25 if installed, else `java`
#   JAVA=/path/to/bin/java DURATION=20 ROUNDS=3 bench/http.sh
#
# Each round measures /health/live, generate_token, verify_token, check_access, introspection
# then exchange, so all see the
# same machine state; the ratios are taken per round. Every number printed comes from this run only.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/java.sh
RESTARTS=${RESTARTS:-3}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-32}
JAR="$PWD/bootstrap/target/tokenmint.jar"

require_http_tools
. bench/build.sh

work=$(mktemp -d)
pid=""
cleanup() {
  # A stopped server's status (143) must not end the clean-up before the work directory goes.
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export APIKEY=tmk_bench_http
export AUTHTOKEN=tmat_bench_http_0123456789abcdefghijklmnop
BODY='{"data":{"userId":"user123","userProperties":{"isAdmin":false,"name":"John Doe","email":"john@example.com"},"permissions":{"resources":[{"type":"organization","id":"org_123","accessRole":"viewer"},{"type":"folder","id":"folder_001","organizationId":"org_123","accessRole":"editor"},{"type":"document","id":"doc_456","organizationId":"org_123","accessRole":"editor","expiresAt":1640995200}]}}}'
export BODY

cat > "$work/mint.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-velt-api-key"] = os.getenv("APIKEY")
wrk.headers["x-velt-auth-token"] = os.getenv("AUTHTOKEN")
wrk.body = os.getenv("BODY")
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
if pause > 0 then
  function delay() return pause end
end
LUA

# verify_token and check_access read the token generate_token made (VERIFY_BODY and CHECK_BODY are
# set once it is made); the document grant in it has expired, so check_access walks document, then
# folder (which decides), as a verifier would.
cat > "$work/verify.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-velt-api-key"] = os.getenv("APIKEY")
wrk.headers["x-velt-auth-token"] = os.getenv("AUTHTOKEN")
wrk.body = os.getenv("VERIFY_BODY")
LUA
cat > "$work/check.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-velt-api-key"] = os.getenv("APIKEY")
wrk.headers["x-velt-auth-token"] = os.getenv("AUTHTOKEN")
wrk.body = os.getenv("CHECK_BODY")
LUA

# The OAuth routes read forms: introspection with HTTP Basic (TOKEN is set once the server runs),
# exchange with no credential, narrowing the token's organization grant to one document.
cat > "$work/introspect.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BASIC")
wrk.body = "token=" .. os.getenv("TOKEN")
LUA
cat > "$work/exchange.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
  .. "&subject_token=" .. os.getenv("TOKEN")
  .. "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt"
  .. "&authorization_details=%5B%7B%22type%22%3A%22document%22%2C%22id%22%3A%22doc_9%22%2C"
  .. "%22organizationId%22%3A%22org_123%22%2C%22accessRole%22%3A%22viewer%22%7D%5D"
LUA
BASIC=$(printf '%s:%s' "$APIKEY" "$AUTHTOKEN" | base64 -w0)
export BASIC

now_ms() { date +%s%3N; }

# Starts tokenmint on a free port over data directory $1; sets pid and port.
start() {
  local log="$work/server-$2.log"
  (cd "$work" && TOKENMINT_DATA_DIR="$1" TOKENMINT_PORT=0 TOKENMINT_API_KEY=$APIKEY \
    TOKENMINT_AUTH_TOKEN=$AUTHTOKEN JAVA_HOME=$JDK_HOME exec "$LAUNCHER" serve >"$log" 2>&1) &
  pid=$!
  port=""
  until [ -n "$port" ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "tokenmint did not start" >&2; exit 1; }
    port=$(sed -n 's#.*serving on http://[^:]*:\([0-9]*\).*#\1#p' "$log" | head -1)
    [ -n "$port" ] || sleep 0.005
  done
}

mint_once() {
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v2/auth/generate_token" \
    -H 'Content-Type: application/json' -H "x-velt-api-key: $APIKEY" \
    -H "x-velt-auth-token: $AUTHTOKEN" -d "$BODY"
}

# Sets elapsed: milliseconds from launching the JVM to the first 200 from generate_token, on data
# directory $1 (not in a subshell: start sets pid and port for what follows).
cold_start() {
  local t0
  t0=$(now_ms)
  start "$1" "$2"
  until mint_once; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/server-$2.log" >&2; echo "tokenmint died" >&2; exit 1; }
    sleep 0.005
  done
  elapsed=$(( $(now_ms) - t0 ))
}

stop() {
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
}

# CPU time the server has used so far, in clock ticks (user + system).
server_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

# wrk output fields: requests/s, non-2xx count (+ socket errors), p50 and p99 in ms, and the
# server's CPU time per request in microseconds.
measure() { # $1 = health|mint, $2 = seconds, $3 = connections
  local out before after
  before=$(server_ticks)
  case "$1" in
    health) out=$(wrk -t1 -c"$3" -d"$2"s --latency "http://127.0.0.1:$port/health/live") ;;
    mint) out=$(wrk -t1 -c"$3" -d"$2"s --latency -s "$work/mint.lua" "http://127.0.0.1:$port/v2/auth/generate_token") ;;
    verify) out=$(wrk -t1 -c"$3" -d"$2"s --latency -s "$work/verify.lua" "http://127.0.0.1:$port/v2/auth/verify_token") ;;
    check) out=$(wrk -t1 -c"$3" -d"$2"s --latency -s "$work/check.lua" "http://127.0.0.1:$port/v2/auth/check_access") ;;
    introspect) out=$(wrk -t1 -c"$3" -d"$2"s --latency -s "$work/introspect.lua" "http://127.0.0.1:$port/oauth2/introspect") ;;
    exchange) out=$(wrk -t1 -c"$3" -d"$2"s --latency -s "$work/exchange.lua" "http://127.0.0.1:$port/oauth2/token") ;;
  esac
  after=$(server_ticks)
  echo "$out" >>"$work/wrk.log"
  local rps errors socket p50 p99 requests cpu_us
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  # "  Socket errors: connect 0, read 0, write 0, timeout 0" (leading spaces: $1 is empty)
  socket=$(echo "$out" | awk -F'[ ,]+' '/Socket errors/ {print $5 + $7 + $9 + $11}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  cpu_us=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%.0f", (n > 0) ? t / hz * 1e6 / n : 0}')
  echo "$rps ${errors:-0} ${socket:-0} $(to_ms "$p50") $(to_ms "$p99") $cpu_us"
}

to_ms() { # wrk prints 812.00us, 1.23ms or 1.01s
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else { sub(/s$/, "", v); printf "%.3f", v * 1000 } }'
}

# The JDK's bare HTTP server, started the same way on the same JDK: launch to its first 200.
"$JDK_HOME/bin/javac" -d "$work" bench/BareHttpServer.java
bare_start() {
  local t0 log="$work/bare.log"
  t0=$(now_ms)
  "$JAVA" -Xms112m -Xmx112m -XX:+UseSerialGC -cp "$work" BareHttpServer >"$log" 2>&1 &
  local bare=$! bare_port=""
  until [ -n "$bare_port" ] && curl -sf -o /dev/null "http://127.0.0.1:$bare_port/"; do
    bare_port=$(sed -n 's#.*serving on http://[^:]*:\([0-9]*\).*#\1#p' "$log" | head -1)
    sleep 0.005
  done
  elapsed=$(( $(now_ms) - t0 ))
  kill "$bare"
  wait "$bare" 2>/dev/null || true
}
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

JAVA_HOME=$JDK_HOME "$LAUNCHER" --make-archive >&2

echo "JDK: $("$JAVA" -version 2>&1 | head -1)"
echo "launcher: bin/tokenmint ($(sed -n 's/^flags="\(.*\)"$/\1/p' "$LAUNCHER" | head -1), $(ls bootstrap/target/tokenmint.aot bootstrap/target/tokenmint.jsa 2>/dev/null | xargs -n1 basename | tr '\n' ' '))"
echo "wrk: -t1 -c$CONNECTIONS -d${DURATION}s, loopback, $(nproc) cores"

# Cold starts: a first start (schema, master key and signing key created) and restarts on the
# data directory it made (an instance added or restarted), each next to the bare JDK server's.
data="$work/data"
cold_start "$data" first
first=$elapsed
stop
restarts=""
bares=""
for i in $(seq 1 "$RESTARTS"); do
  cold_start "$data" restart
  restarts="$restarts $elapsed"
  stop
  bare_start
  bares="$bares $elapsed"
done
restart=$(echo $restarts | median)
bare=$(echo $bares | median)
cold_start "$data" restart
echo "signing providers: $(grep -o 'signing providers: .*' "$work/server-restart.log" | head -1 | cut -d' ' -f3-)"
echo "cold start to first minted token: first start ${first} ms; restart ${restart} ms (median of:${restarts}) vs the bare JDK server ${bare} ms (median of:${bares}): $(awk -v r="$restart" -v b="$bare" 'BEGIN {printf "%.2f", r / b}')x (limit 3x)"

TOKEN=$(curl -sf -X POST "http://127.0.0.1:$port/v2/auth/generate_token" \
  -H 'Content-Type: application/json' -H "x-velt-api-key: $APIKEY" \
  -H "x-velt-auth-token: $AUTHTOKEN" -d "$BODY" | sed 's/.*"token":"\([^"]*\)".*/\1/')
export TOKEN
# The verification routes read that token; they must measure a token that passes, not a refusal.
VERIFY_BODY='{"data":{"token":"'$TOKEN'"}}'
CHECK_BODY='{"data":{"token":"'$TOKEN'","type":"document","id":"doc_456","organizationId":"org_123","folderId":"folder_001"}}'
export VERIFY_BODY CHECK_BODY
for route in verify_token:$VERIFY_BODY check_access:$CHECK_BODY; do
  answer=$(curl -s -X POST "http://127.0.0.1:$port/v2/auth/${route%%:*}" -H 'Content-Type: application/json' \
    -H "x-velt-api-key: $APIKEY" -H "x-velt-auth-token: $AUTHTOKEN" --data-binary "${route#*:}")
  case $answer in
    *'"valid":true'*) ;;
    *) echo "${route%%:*} refused the benchmark's token: $answer" >&2; exit 1 ;;
  esac
done

measure mint "$WARMUP" "$CONNECTIONS" >/dev/null
measure health "$((WARMUP / 2))" "$CONNECTIONS" >/dev/null
measure verify "$((WARMUP / 2))" "$CONNECTIONS" >/dev/null
measure check "$((WARMUP / 2))" "$CONNECTIONS" >/dev/null
measure introspect "$((WARMUP / 2))" "$CONNECTIONS" >/dev/null
measure exchange "$((WARMUP / 2))" "$CONNECTIONS" >/dev/null

best_mint=0
total_errors=0
for round in $(seq 1 "$ROUNDS"); do
  read -r h_rps h_err h_sock h_p50 h_p99 h_cpu < <(measure health "$DURATION" "$CONNECTIONS")
  read -r m_rps m_err m_sock m_p50 m_p99 m_cpu < <(measure mint "$DURATION" "$CONNECTIONS")
  ratio=$(awk -v m="$m_rps" -v h="$h_rps" 'BEGIN {printf "%.3f", m / h}')
  total_errors=$((total_errors + m_err + m_sock + h_err + h_sock))
  printf 'round %d: /health/live %8.0f req/s (p99 %s ms, server CPU %s us/req) | generate_token %8.0f req/s (p50 %s ms, p99 %s ms, server CPU %s us/req, errors %d) | ratio %s (limit >= 0.50)\n' \
    "$round" "$h_rps" "$h_p99" "$h_cpu" "$m_rps" "$m_p50" "$m_p99" "$m_cpu" "$((m_err + m_sock))" "$ratio"
  read -r v_rps v_err v_sock v_p50 v_p99 v_cpu < <(measure verify "$DURATION" "$CONNECTIONS")
  read -r c_rps c_err c_sock c_p50 c_p99 c_cpu < <(measure check "$DURATION" "$CONNECTIONS")
  total_errors=$((total_errors + v_err + v_sock + c_err + c_sock))
  printf 'round %d: verify_token %8.0f req/s (p50 %s ms, p99 %s ms, server CPU %s us/req, errors %d) | check_access %8.0f req/s (p50 %s ms, p99 %s ms, server CPU %s us/req, errors %d) | vs /health/live %s and %s\n' \
    "$round" "$v_rps" "$v_p50" "$v_p99" "$v_cpu" "$((v_err + v_sock))" "$c_rps" "$c_p50" "$c_p99" "$c_cpu" "$((c_err + c_sock))" \
    "$(awk -v a="$v_rps" -v h="$h_rps" 'BEGIN {printf "%.3f", a / h}')" "$(awk -v a="$c_rps" -v h="$h_rps" 'BEGIN {printf "%.3f", a / h}')"
  read -r i_rps i_err i_sock i_p50 i_p99 i_cpu < <(measure introspect "$DURATION" "$CONNECTIONS")
  read -r x_rps x_err x_sock x_p50 x_p99 x_cpu < <(measure exchange "$DURATION" "$CONNECTIONS")
  total_errors=$((total_errors + i_err + i_sock + x_err + x_sock))
  printf 'round %d: introspect %8.0f req/s (p50 %s ms, p99 %s ms, server CPU %s us/req, errors %d) | exchange %8.0f req/s (p50 %s ms, p99 %s ms, server CPU %s us/req, errors %d) | introspect vs /health/live %s; both vs generate_token %s and %s\n' \
    "$round" "$i_rps" "$i_p50" "$i_p99" "$i_cpu" "$((i_err + i_sock))" "$x_rps" "$x_p50" "$x_p99" "$x_cpu" "$((x_err + x_sock))" \
    "$(awk -v a="$i_rps" -v h="$h_rps" 'BEGIN {printf "%.3f", a / h}')" \
    "$(awk -v a="$i_rps" -v m="$m_rps" 'BEGIN {printf "%.2f", a / m}')" "$(awk -v a="$x_rps" -v m="$m_rps" 'BEGIN {printf "%.2f", a / m}')"
  best_mint=$(awk -v a="$best_mint" -v b="$m_rps" 'BEGIN {print (b > a) ? b : a}')
done

# Half the maximum rate: each connection pauses PAUSE_MS after each answer (wrk is closed-loop), so
# the rate follows the number of connections; a short probe calibrates that number to the target.
target=$(awk -v r="$best_mint" 'BEGIN {printf "%d", r / 2}')
pause=2
half_connections=$(awk -v t="$target" -v p="$pause" 'BEGIN {c = int(t * (p + 0.5) / 1000 + 0.5); print (c < 1) ? 1 : c}')
for probe in 1 2; do
  read -r q_rps _ _ _ _ _ < <(PAUSE_MS=$pause measure mint 5 "$half_connections")
  half_connections=$(awk -v c="$half_connections" -v t="$target" -v a="$q_rps" 'BEGIN {n = int(c * t / a + 0.5); print (n < 1) ? 1 : n}')
done
read -r q_rps q_err q_sock q_p50 q_p99 _ < <(PAUSE_MS=$pause measure mint "$DURATION" "$half_connections")
total_errors=$((total_errors + q_err + q_sock))
printf 'half rate: target %d req/s, achieved %.0f req/s with %d connections pausing %d ms: p50 %s ms, p99 %s ms (limit 10 ms), errors %d\n' \
  "$target" "$q_rps" "$half_connections" "$pause" "$q_p50" "$q_p99" "$((q_err + q_sock))"

rss=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
echo "peak resident memory (VmHWM) after the load: ${rss} MB (limit 300 MB)"
echo "errors in all measured runs: $total_errors"

# Two instances on one PostgreSQL, no balancer: each loaded by its own wrk at the same time, their
# tokens/s together against one instance alone (same database, same duration, just before). On a
# machine with fewer cores than two servers and two wrk need, the pair shares the same cores.
BENCH_PG=${BENCH_PG-127.0.0.1:5432}
if [ -z "$BENCH_PG" ]; then
  echo "two instances on PostgreSQL: skipped (BENCH_PG is empty)"
  exit 0
fi
if ! command -v psql >/dev/null || ! psql -h "${BENCH_PG%:*}" -p "${BENCH_PG#*:}" -U postgres -d postgres -qAtc 'SELECT 1' >/dev/null 2>&1; then
  echo "two instances on PostgreSQL: skipped (no PostgreSQL answers at $BENCH_PG as postgres; BENCH_PG=host:port)"
  exit 0
fi
stop
pg_db="tokenmint_bench_$$"
pg_sql() { PGOPTIONS='-c client_min_messages=warning' psql -h "${BENCH_PG%:*}" -p "${BENCH_PG#*:}" -U postgres -d postgres -qAtc "$1" >/dev/null; }
pg_sql "DROP DATABASE IF EXISTS $pg_db"
pg_sql "CREATE DATABASE $pg_db"
pids=()
cluster_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  pg_sql "DROP DATABASE IF EXISTS $pg_db" || true
  cleanup
}
trap cluster_cleanup EXIT
export TOKENMINT_DB_URL="jdbc:postgresql://${BENCH_PG}/$pg_db" TOKENMINT_DB_USER=postgres
# The master key must be shared (keys are sealed under it): one generated for this run.
TOKENMINT_MASTER_KEY=$(head -c 32 /dev/urandom | base64 -w0)
export TOKENMINT_MASTER_KEY
start "$work/pg-a" pg-a
pids+=("$pid")
port_a=$port
start "$work/pg-b" pg-b
pids+=("$pid")
port_b=$port
wrk_mint() { wrk -t1 -c"$CONNECTIONS" -d"$1"s -s "$work/mint.lua" "http://127.0.0.1:$2/v2/auth/generate_token"; }
rate_of() { awk '/Requests\/sec/ {print $2}'; }
errors_of() { awk -F'[ ,]+' '/Non-2xx/ {n += $5} /Socket errors/ {n += $5 + $7 + $9 + $11} END {print n + 0}'; }
wrk_mint "$WARMUP" "$port_a" >/dev/null
wrk_mint "$WARMUP" "$port_b" >/dev/null
alone=$(wrk_mint "$DURATION" "$port_a")
wrk_mint "$DURATION" "$port_a" >"$work/pair-a.txt" &
pair_a=$!
wrk_mint "$DURATION" "$port_b" >"$work/pair-b.txt" &
pair_b=$!
wait "$pair_a" "$pair_b"
one=$(echo "$alone" | rate_of)
a=$(rate_of <"$work/pair-a.txt")
b=$(rate_of <"$work/pair-b.txt")
pg_errors=$(( $(echo "$alone" | errors_of) + $(errors_of <"$work/pair-a.txt") + $(errors_of <"$work/pair-b.txt") ))
printf 'two instances on one PostgreSQL (%s): one alone %.0f tokens/s; both at once %.0f + %.0f = %.0f tokens/s (%s x one alone) on %d cores; errors %d\n' \
  "$BENCH_PG" "$one" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {print a + b}')" \
  "$(awk -v a="$a" -v b="$b" -v o="$one" 'BEGIN {printf "%.2f", (a + b) / o}')" "$(nproc)" "$pg_errors"
