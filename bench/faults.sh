#!/usr/bin/env bash
# Fault scenarios against real tokenmint processes on loopback, each ending in one verdict line
# (PASS or FAIL and the figures behind it); docs/reliability.md explains what each shows.
#
#   bench/faults.sh                          # every scenario, the defaults below
#   bench/faults.sh crash-h2 malformed       # some of them
#   KILLS=3 SLOW_CLIENTS=100 bench/faults.sh # shorter
#
# Scenarios:
#   crash-h2, crash-postgres   kill -9 at random moments while minting and rotating keys, KILLS
#                              times; after each restart: no key lost, every answered token
#                              verifies, one active key, a clean start
#   outage                     two instances on one PostgreSQL, which is stopped (fast, then
#                              immediate) and started under load: only 200 and 503, no request
#                              past the client's timeout, both recover, no audit record lost
#   slow-clients               SLOW_CLIENTS connections sending their heads a byte at a time
#                              beside normal requests, whose latency and errors are measured
#   malformed                  malformed and oversized request heads: 4xx, never 5xx, still serving
#   flood                      idle connections up to the server's file-descriptor limit
#                              (FLOOD_FDS, set on the server with ulimit -n): a new caller that
#                              comes once the flood fills the server is served within 10 s, it
#                              stays live and recovers
#
# PostgreSQL: the scenarios that need it (crash-postgres, outage) run their OWN throwaway cluster
# (initdb into a temporary directory, pg_ctl on a free loopback port, as the postgres user when run
# as root), stop and start only that one, and remove it at the end: never a server anyone else
# uses. PG_BIN names the PostgreSQL binaries (default: the newest /usr/lib/postgresql/*/bin, else
# the directory of `initdb` on the PATH). Without them those scenarios are skipped, saying so.
#
# Needs: the JDK (bench/java.sh), curl; PostgreSQL's server binaries for two scenarios. Installs
# nothing. Everything it starts (servers, the cluster, clients) is stopped and removed on exit,
# Ctrl-C included. Bounded: each scenario has a fixed length or iteration count, and every wait a
# timeout.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/java.sh
KILLS=${KILLS:-20}
OUTAGE_SECONDS=${OUTAGE_SECONDS:-5}
CLIENT_TIMEOUT=${CLIENT_TIMEOUT:-10}
SLOW_CLIENTS=${SLOW_CLIENTS:-500}
SLOW_SECONDS=${SLOW_SECONDS:-30}
FLOOD_FDS=${FLOOD_FDS:-1024}
START_TIMEOUT=${START_TIMEOUT:-60}
SCENARIOS=("$@")
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(crash-h2 crash-postgres outage slow-clients malformed flood)

command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 2; }
[[ -x "$JAVA" || "$JAVA" == java ]] || { echo "no JDK at $JAVA" >&2; exit 2; }
for scenario in "${SCENARIOS[@]}"; do
  case $scenario in
    crash-h2 | crash-postgres | outage | slow-clients | malformed | flood) ;;
    *) echo "unknown scenario $scenario" >&2; exit 2 ;;
  esac
done
. bench/build.sh

# No setting of the caller's may leak into the servers started here.
while read -r name; do unset "$name"; done < <(compgen -e | grep '^TOKENMINT_' || true)

work=$(mktemp -d)
chmod 755 "$work"
declare -A pids=() ports=()
pg_data=""
cleanup() {
  local name
  for name in "${!pids[@]}"; do
    kill -9 "${pids[$name]}" 2>/dev/null || true
    wait "${pids[$name]}" 2>/dev/null || true
  done
  pg_stop_cluster
  [ -n "${KEEP_WORK:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DRIVER=("$JAVA" -Xmx256m -cp "$PWD/bench/target/benchmarks.jar" dev.tokenmint.bench.faults.Faults)
APIKEY=tmk_faults
AUTHTOKEN=tmat_faults_0123456789abcdefghijklmnopqr
MASTER_KEY=$(head -c 32 /dev/urandom | base64)
verdicts=()

now_ms() { date +%s%3N; }
say() { echo "[faults] $*" >&2; }
verdict() { # $1 = PASS|FAIL, $2 = scenario, $3... = the figures
  local line="$1 $2: ${*:3}"
  verdicts+=("$line")
  echo "$line"
}

# Starts `tokenmint serve` as NAME with the VAR=value settings that follow (besides the common
# ones), waits until /health/ready answers 200; sets ports[NAME]. With server_fds set, the server
# may hold that many file descriptors (ulimit -n). The log is $work/NAME.log
# (appended: a restart keeps the earlier lines).
start_server() {
  local name=$1 log="$work/$1.log" from deadline port=""
  shift
  from=0
  [ ! -f "$log" ] || from=$(wc -l <"$log")
  (cd "$work" && { [ -z "${server_fds:-}" ] || ulimit -n "$server_fds"; } && exec env TOKENMINT_PORT=0 TOKENMINT_API_KEY=$APIKEY TOKENMINT_AUTH_TOKEN=$AUTHTOKEN \
    TOKENMINT_MASTER_KEY="$MASTER_KEY" "$@" JAVA_HOME="$JDK_HOME" "$LAUNCHER" serve >>"$log" 2>&1) &
  pids[$name]=$!
  deadline=$(( $(date +%s) + START_TIMEOUT ))
  until [ -n "$port" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do
    if ! kill -0 "${pids[$name]}" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
      tail -n 30 "$log" >&2
      echo "tokenmint ($name) did not become ready within $START_TIMEOUT s" >&2
      return 1
    fi
    port=$(tail -n +"$((from + 1))" "$log" | sed -n 's#.*serving on http://[^:]*:\([0-9]*\).*#\1#p' | head -1)
    sleep 0.05
  done
  ports[$name]=$port
}

# Stops NAME: kill -9 with "kill", else SIGTERM and a wait.
stop_server() { # $1 = name, $2 = kill|term
  local name=$1
  [ -n "${pids[$name]:-}" ] || return 0
  if [ "$2" = kill ]; then kill -9 "${pids[$name]}" 2>/dev/null || true; else kill "${pids[$name]}" 2>/dev/null || true; fi
  wait "${pids[$name]}" 2>/dev/null || true
  unset "pids[$name]"
}

# Error lines or stack traces a log has after line $2.
log_errors() { tail -n +"$(($2 + 1))" "$1" | grep -E ' ERROR |^\s+at |Exception' || true; }

# --- a private PostgreSQL cluster -------------------------------------------------------------

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$newest" ]; then echo "$newest"; return; fi
  command -v initdb >/dev/null && dirname "$(command -v initdb)"
}

# Runs a PostgreSQL binary as the cluster's owner: the postgres user when run as root (initdb and
# postgres refuse root), else the caller.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# Makes and starts a cluster of its own; sets pg_port. False (with a line) when it cannot.
pg_start_cluster() {
  [ -z "$pg_data" ] || return 0
  local bin
  bin=$(pg_bin) || true
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    say "no PostgreSQL server binaries (initdb, pg_ctl; set PG_BIN): skipped"
    return 1
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    say "run as root without a postgres user to own the cluster: skipped"
    return 1
  fi
  PG=$bin
  pg_data="$work/pg"
  mkdir -p "$pg_data"
  [ "$(id -u)" != 0 ] || chown postgres "$pg_data"
  chmod 700 "$pg_data"
  pg_port=$(free_port)
  as_pg "$PG/initdb" -D "$pg_data" -U postgres -A trust --no-sync >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log" >&2; pg_data=""; return 1; }
  pg_ctl_start
  as_pg "$PG/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc 'SELECT 1' >/dev/null
}

pg_options() { echo "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_data"; }

pg_ctl_start() {
  as_pg "$PG/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 30 -o "$(pg_options)" start >/dev/null
}

pg_ctl_stop() { # $1 = fast|immediate
  as_pg "$PG/pg_ctl" -D "$pg_data" -m "$1" -w -t 30 stop >/dev/null
}

pg_stop_cluster() {
  [ -n "$pg_data" ] || return 0
  pg_ctl_stop immediate 2>/dev/null || true
  pg_data=""
}

psql_q() { # $1 = database, $2 = SQL: the result, unaligned
  as_pg "$PG/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$1" -qAtc "$2"
}

# --- kill -9 while minting and rotating -------------------------------------------------------

# $1 = h2|postgres
crash() {
  local db=$1 name="crash-$1" settings=() i rounds=() line problems=0 in_rotation=0
  local starts=() missing=0 answered=0 oldest=0 dirty=0
  settings=(TOKENMINT_DATA_DIR="$work/$name-data")
  if [ "$db" = postgres ]; then
    pg_start_cluster || { verdict SKIP "kill -9 on PostgreSQL" "no PostgreSQL server binaries"; return; }
    psql_q postgres "CREATE DATABASE crash"
    settings+=(TOKENMINT_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/crash" TOKENMINT_DB_USER=postgres)
  fi
  start_server "$name" "${settings[@]}"
  for i in $(seq 1 "$KILLS"); do
    # A fresh workspace each round, made by the CLI beside the running server: a ring may hold
    # ten keys that verify, so one workspace takes nine rotations.
    local created api token before t0 delay
    created=$(cd "$work" && env TOKENMINT_API_KEY=$APIKEY TOKENMINT_AUTH_TOKEN=$AUTHTOKEN \
      TOKENMINT_MASTER_KEY="$MASTER_KEY" "${settings[@]}" JAVA_HOME="$JDK_HOME" "$LAUNCHER" \
      workspace create "round-$i" 2>>"$work/$name-cli.log")
    api=$(sed -n 's/^ *api key: *//p' <<<"$created")
    token=$(sed -n 's/^ *auth token: *//p' <<<"$created")
    rounds+=("$work/$name-round-$i")
    "${DRIVER[@]}" crash-load "${ports[$name]}" "$api" "$token" "$work/$name-round-$i" &
    local driver=$!
    # Kill at a random moment 0.1 to 1.6 s after the first answer.
    t0=$(now_ms)
    until grep -q '^token ' "$work/$name-round-$i" 2>/dev/null; do
      [ $(( $(now_ms) - t0 )) -lt 30000 ] || { echo "no token answered in round $i" >&2; break; }
      sleep 0.01
    done
    delay=$(( 100 + RANDOM % 1500 ))
    sleep "$(awk -v d="$delay" 'BEGIN {printf "%.3f", d / 1000}')"
    stop_server "$name" kill
    wait "$driver" || true
    before=$(wc -l <"$work/$name.log")
    t0=$(now_ms)
    start_server "$name" "${settings[@]}"
    starts+=($(( $(now_ms) - t0 )))
    if [ -n "$(log_errors "$work/$name.log" "$before")" ]; then
      dirty=$((dirty + 1))
      log_errors "$work/$name.log" "$before" | head -5 >&2
    fi
    line=$("${DRIVER[@]}" crash-check "${ports[$name]}" "${rounds[@]}") || problems=$((problems + 1))
    say "round $i (killed $delay ms after the first answer): $line"
    grep -q '^inflight-rotation 1' "$work/$name-round-$i" && in_rotation=$((in_rotation + 1))
    # "… audit: A of B answered tokens recorded, the missing answered at most M ms before …"
    read -r a b m < <(sed -n 's/.*audit: \([0-9]*\) of \([0-9]*\) answered.*at most \([0-9]*\) ms.*/\1 \2 \3/p' <<<"$line")
    [ -n "${b:-}" ] || { a=0; b=0; m=0; }
    answered=$((answered + b))
    missing=$((missing + b - a))
    [ "$m" -le "$oldest" ] || oldest=$m
  done
  stop_server "$name" term
  local median
  median=$(printf '%s\n' "${starts[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
  local result=PASS
  [ "$problems" = 0 ] && [ "$dirty" = 0 ] || result=FAIL
  verdict "$result" "kill -9 on $db" "$KILLS kills ($in_rotation with a rotation in flight), $answered tokens answered:" \
    "$problems rounds with a lost key, an unverifiable token or a bad ring; $dirty restarts logging errors;" \
    "restart to ready median $median ms; audit records lost to the kill: $missing, answered at most $oldest ms before it (documented: the last ~0.1 s)"
}

# --- PostgreSQL stopped and started under two instances --------------------------------------

# The command line that runs pg_ctl on the private cluster with the arguments given, its output
# dropped: for the driver to run at the moment it chooses.
pg_ctl_command() {
  local line arg
  line=$(printf '%q -D %q -w -t 30' "$PG/pg_ctl" "$pg_data")
  for arg; do line+=" $(printf '%q' "$arg")"; done
  [ "$(id -u)" != 0 ] || line="runuser -u postgres -- $line"
  echo "$line >/dev/null"
}

outage() {
  local settings a b line result=PASS missing
  pg_start_cluster || { verdict SKIP "PostgreSQL outage" "no PostgreSQL server binaries"; return; }
  psql_q postgres "CREATE DATABASE outage"
  settings=(TOKENMINT_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/outage" TOKENMINT_DB_USER=postgres
    TOKENMINT_ISSUER=https://outage.test)
  start_server outage-a TOKENMINT_DATA_DIR="$work/outage-a" "${settings[@]}"
  start_server outage-b TOKENMINT_DATA_DIR="$work/outage-b" "${settings[@]}"
  say "minting on both instances; PostgreSQL stopped fast, then immediately, each time for $OUTAGE_SECONDS s"
  line=$("${DRIVER[@]}" outage "${ports[outage-a]},${ports[outage-b]}" "$APIKEY" "$AUTHTOKEN" \
    "$work/outage-jtis" "$CLIENT_TIMEOUT" "$OUTAGE_SECONDS" 10 \
    "$(pg_ctl_command -m fast stop)" "$(pg_ctl_command -m immediate stop)" \
    "$(pg_ctl_command -l "$pg_data/server.log" -o "$(pg_options)" start)") || result=FAIL
  say "$line"
  # Every answered token has its audit record once the writers have caught up (within 15 s).
  local t0
  t0=$(date +%s)
  while :; do
    missing=$(as_pg "$PG/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d outage -qAt <<SQL
CREATE TEMP TABLE answered (jti text);
\copy answered FROM '$work/outage-jtis'
SELECT count(*) FROM answered a WHERE NOT EXISTS (SELECT 1 FROM audit_records r WHERE r.jti = a.jti);
SQL
)
    [ "$missing" != 0 ] && [ $(( $(date +%s) - t0 )) -lt 15 ] || break
    sleep 1
  done
  [ "$missing" = 0 ] || result=FAIL
  stop_server outage-a term
  stop_server outage-b term
  verdict "$result" "PostgreSQL outage" "${line#* } audit records missing for answered tokens: $missing of $(wc -l <"$work/outage-jtis")"
}

# --- slow clients ----------------------------------------------------------------------------

slow_clients() {
  local line result=PASS before
  start_server slow TOKENMINT_DATA_DIR="$work/slow-data"
  before=$(wc -l <"$work/slow.log")
  line=$("${DRIVER[@]}" slow-clients "${ports[slow]}" "$APIKEY" "$AUTHTOKEN" "$SLOW_CLIENTS" "$SLOW_SECONDS") || result=FAIL
  kill -0 "${pids[slow]}" 2>/dev/null || result=FAIL
  [ -z "$(log_errors "$work/slow.log" "$before")" ] || { result=FAIL; log_errors "$work/slow.log" "$before" | head -5 >&2; }
  stop_server slow term
  verdict "$result" "slow clients" "${line#* }"
}

# --- malformed and oversized request heads -----------------------------------------------------

malformed() {
  local line result=PASS before
  start_server malformed TOKENMINT_DATA_DIR="$work/malformed-data"
  before=$(wc -l <"$work/malformed.log")
  line=$("${DRIVER[@]}" malformed "${ports[malformed]}" "$APIKEY" "$AUTHTOKEN") || result=FAIL
  kill -0 "${pids[malformed]}" 2>/dev/null || result=FAIL
  [ -z "$(log_errors "$work/malformed.log" "$before")" ] || { result=FAIL; log_errors "$work/malformed.log" "$before" | head -5 >&2; }
  stop_server malformed term
  verdict "$result" "malformed heads" "${line#* }"
}

# --- a connection flood up to the file-descriptor limit ----------------------------------------

flood() {
  local line result=PASS before connections=$((FLOOD_FDS + 500)) warnings filled
  # The new caller comes once the flood fills the server: its connection limit (the descriptor
  # limit less a reserve of 256, or half a limit under 512) and 32 more, queued in the kernel.
  filled=$((FLOOD_FDS - (FLOOD_FDS / 2 < 256 ? FLOOD_FDS / 2 : 256) + 32))
  server_fds=$FLOOD_FDS start_server flood TOKENMINT_DATA_DIR="$work/flood-data"
  before=$(wc -l <"$work/flood.log")
  [ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -gt $((connections + 200)) ] ||
    { verdict SKIP "connection flood" "this shell may open only $(ulimit -Hn) files (ulimit -Hn)"; stop_server flood term; return; }
  say "flooding a server limited to $FLOOD_FDS file descriptors with $connections idle connections"
  line=$(ulimit -n $((connections + 200)) && "${DRIVER[@]}" flood "${ports[flood]}" "$APIKEY" "$AUTHTOKEN" "$connections" "$filled") || result=FAIL
  kill -0 "${pids[flood]}" 2>/dev/null || result=FAIL
  warnings=$(tail -n +"$((before + 1))" "$work/flood.log" | grep -cE ' (WARN|ERROR) ' || true)
  tail -n +"$((before + 1))" "$work/flood.log" | grep -E ' (WARN|ERROR) ' | cut -c 26- | sort | uniq -c | sort -rn | head -3 >&2 || true
  stop_server flood term
  verdict "$result" "connection flood" "${line#* }; $warnings warnings or errors logged meanwhile"
}

for scenario in "${SCENARIOS[@]}"; do
  case $scenario in
    crash-h2) crash h2 ;;
    crash-postgres) crash postgres ;;
    outage) outage ;;
    slow-clients) slow_clients ;;
    malformed) malformed ;;
    flood) flood ;;
  esac
done

echo
echo "JDK: $("$JAVA" -version 2>&1 | head -1); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%s\n' "${verdicts[@]}"
for line in "${verdicts[@]}"; do
  case $line in FAIL*) exit 1 ;; esac
done
