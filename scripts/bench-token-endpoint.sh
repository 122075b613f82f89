#!/usr/bin/env bash
# Throughput of the embedded OAuth 2.1 authorization server's token endpoint, about 15 minutes,
# 127.0.0.1 only. The same jar, in one run, on fresh servers (java -jar, default mode embedded) with a
# pre-registered public client `bench` (PKCE, no consent) and the bootstrapped user `admin`:
#   1. with the default H2 file database, then 2. with PostgreSQL (127.0.0.1:5432, database test, user
#      postgres, a throw-away schema amagasa_bench_<random>, dropped afterwards), each:
#      - one login, then N authorization codes collected on that session, each with its own PKCE pair;
#      - the N codes exchanged at /oauth2/token by W concurrent workers as fast as they go (after 300
#        more exchanged the same way as a warm-up);
#      - W refresh-token chains (one per worker) refreshed in a loop: a warm-up, then a measured period
#        (every refresh rotates the token: the next request must use the new one);
#      by scripts/lib/oauth-token-load.mjs (Node's built-in fetch and crypto);
#   3. wrk: tools/call get_forecast with an access token the H2 server issued (step 1), on that server
#      restarted, next to a fresh server with --amagasa.auth.mode=none; NWS answers from a WireMock stub
#      (max-age=3600), each warmed up until its JIT compiler is quiet (bench_warm).
# Target: at least 500 refresh grants per second, with H2 and with PostgreSQL.
# Builds the server first when amagasa-server/target/amagasa-server.jar is missing.
# Usage: scripts/bench-token-endpoint.sh   (environment: CODES, WORKERS, REFRESH_SECONDS to override)
set -euo pipefail
# shellcheck source=lib/bench-lib.sh
source "$(dirname "$0")/lib/bench-lib.sh"

CODES=${CODES:-1500}
CODE_WARMUP=300 # codes exchanged before the measured ones (class loading, JIT), not counted
WORKERS=${WORKERS:-8}
COLLECTORS=2 # parallel authorization requests on the one session while collecting codes
REFRESH_WARMUP_SECONDS=10
REFRESH_SECONDS=${REFRESH_SECONDS:-10}
WRK_SECONDS=10
TARGET_REFRESH_PER_SECOND=500
CLIENT_ID=bench
REDIRECT_URI=http://127.0.0.1:9/callback

started=$(bench_now_us)
bench_require java jcmd wrk curl jq unzip awk node psql od
bench_prepare_jar

echo "Amagasa token endpoint benchmark (scripts/bench-token-endpoint.sh), $(date '+%F %T')"
bench_machine_notes
echo "  The token-endpoint load generator (Node $(node --version), scripts/lib/oauth-token-load.mjs) also runs"
echo "  on these $(nproc) cores, next to the server and its database (PostgreSQL is on this machine too)."
echo

stub_port=$(bench_free_port)
port=$(bench_free_port)
resource="http://localhost:$port/mcp"
bench_start_stub "$stub_port"
bench_pg_schema

# The admin password: the server bootstraps `admin` with it, the load generator logs in with it.
BENCH_PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export BENCH_PASSWORD AMAGASA_ADMIN_PASSWORD=$BENCH_PASSWORD

nws=(--amagasa.weather.nws-base-url="http://127.0.0.1:$stub_port/cached")
client=(--amagasa.authorization-server.registered-clients[0].client-id="$CLIENT_ID"
	--amagasa.authorization-server.registered-clients[0].redirect-uris="$REDIRECT_URI"
	--amagasa.authorization-server.registered-clients[0].require-consent=false)

echo "How: per database a fresh server on port $port (issuer http://localhost:$port, resource $resource):"
echo "  one login as admin, then $((CODE_WARMUP + CODES)) authorization codes collected on that session ($COLLECTORS requests in"
echo "  parallel, each with its own PKCE S256 pair, scope weather.read); the codes exchanged at /oauth2/token by"
echo "  $WORKERS concurrent workers as fast as they go (every code once; $CODE_WARMUP as a warm-up, then $CODES measured);"
echo "  then $WORKERS refresh-token chains from"
echo "  those grants, one per worker, refreshed in a loop: a warm-up (not counted: 2 workers in 10 s rounds until"
echo "  the server's JIT compiler compiles fewer than $BENCH_JIT_QUIET methods in one, then ${REFRESH_WARMUP_SECONDS} s with all $WORKERS),"
echo "  then ${REFRESH_SECONDS} s measured."
echo "  Each request waits for the previous one of its worker (closed loop, keep-alive connections)."
echo "  errors = anything but HTTP 200 with access_token, refresh_token and token_type Bearer (must be 0)."
echo

# run_grants NAME LABEL [server arguments...]: one server, the load generator, its RESULT lines in
# grants[NAME:phase]; the access token it kept in $BENCH_WORK/token-NAME. Leaves the server running
# (BENCH_PID).
declare -A grants labels short=([h2]=H2 [pg]=PostgreSQL)
run_grants() {
	local name=$1 label=$2 out pid line phase
	shift 2
	labels[$name]=$label
	bench_start_server "$name" plain "$port" --amagasa.data-dir="$BENCH_WORK/data-$name" "${client[@]}" "${nws[@]}" "$@"
	bench_wait_ready "$BENCH_PID" "$port" "$name"
	bench_log "$label: server ready after $BENCH_READY_MS ms; collecting $CODES codes, exchanging, refreshing..."
	out="$BENCH_WORK/grants-$name.txt"
	timeout $((BENCH_WARM_MAX_SECONDS + 300)) node "$BENCH_LIB/oauth-token-load.mjs" --base "http://127.0.0.1:$port" --resource "$resource" \
		--client-id "$CLIENT_ID" --redirect-uri "$REDIRECT_URI" --username admin --codes "$CODES" \
		--code-warmup "$CODE_WARMUP" --workers "$WORKERS" --collectors "$COLLECTORS" --warmup "$REFRESH_WARMUP_SECONDS" \
		--seconds "$REFRESH_SECONDS" --jit-quiet "$BENCH_JIT_QUIET" --warmup-max "$BENCH_WARM_MAX_SECONDS" --token-out "$BENCH_WORK/token-$name" --server-pid "$BENCH_PID" \
		--clk-tck "$(getconf CLK_TCK)" >"$out" 2>"$BENCH_WORK/grants-$name.err" &
	pid=$!
	bench_track "$pid"
	wait "$pid" || { cat "$out" "$BENCH_WORK/grants-$name.err" >&2; bench_die "$label: the load generator failed"; }
	bench_untrack "$pid"
	grants[$name:load1]=$(cut -d' ' -f1 /proc/loadavg)
	while read -r line; do
		phase=$(bench_field phase "${line#RESULT }")
		grants[$name:$phase]=${line#RESULT }
	done < <(grep '^RESULT ' "$out")
	[ -n "${grants[$name:refresh]:-}" ] || { cat "$out" >&2; bench_die "$label: no refresh result"; }
	# what the server said about it: denied token requests and revoked families (refresh-token reuse)
	grants[$name:denied]=$(grep -c 'event=token outcome=denied' "$BENCH_WORK/$name.log" || true)
	grants[$name:revoked]=$(grep -c 'event=token_family outcome=revoked' "$BENCH_WORK/$name.log" || true)
	grants[$name:server_errors]=$(grep -c ' ERROR ' "$BENCH_WORK/$name.log" || true)
	if [ -s "$BENCH_WORK/grants-$name.err" ]; then
		echo "$label: the load generator reported:"
		sed 's/^/  /' "$BENCH_WORK/grants-$name.err"
	fi
}

# --- token endpoint: H2, PostgreSQL ------------------------------------------------------------------------

run_grants h2 "H2 file database"
bench_stop "$BENCH_PID"

run_grants pg "PostgreSQL $BENCH_PG_HOST:$BENCH_PG_PORT" "${BENCH_PG_ARGS[@]}"
bench_stop "$BENCH_PID"
bench_pg_schema_exists "$BENCH_PG_SCHEMA" || bench_die "the server did not use schema $BENCH_PG_SCHEMA"
bench_psql -c "DROP SCHEMA $BENCH_PG_SCHEMA CASCADE" >/dev/null 2>&1
pg_dropped=yes
bench_pg_schema_exists "$BENCH_PG_SCHEMA" && pg_dropped=no

# --- tools/call: an access token of the embedded server, then auth none ----------------------------------

# The H2 server again, a fresh JVM on the same data directory and port (same issuer, same signing keys
# in its database), so that both wrk rows measure a freshly started server, one right after the other.
bench_log "embedded: wrk with an access token the H2 server issued..."
token=$(cat "$BENCH_WORK/token-h2")
bench_start_server embedded plain "$port" --amagasa.data-dir="$BENCH_WORK/data-h2" "${client[@]}" "${nws[@]}"
bench_wait_ready "$BENCH_PID" "$port" embedded
bench_expect_unauthorized "$port" embedded
session=$(bench_mcp_session "$port" "$token")
bench_check_forecast "$port" "$session" "$token"
bench_warm "$BENCH_PID" "$port" "$session" "$token"
warm_embedded=$BENCH_WARM_SECONDS
bench_wrk embedded "$port" "$session" "$WRK_SECONDS" "$token"
wrk_embedded=$BENCH_RESULT
audit_allow=$(grep -c 'decision=allow' "$BENCH_WORK/embedded.log" || true)
bench_stop "$BENCH_PID"

bench_log "auth none: wrk..."
bench_start_server none plain "$port" "${nws[@]}" --amagasa.auth.mode=none
bench_wait_ready "$BENCH_PID" "$port" none
session=$(bench_mcp_session "$port")
bench_check_forecast "$port" "$session"
bench_warm "$BENCH_PID" "$port" "$session"
warm_none=$BENCH_WARM_SECONDS
bench_wrk none "$port" "$session" "$WRK_SECONDS"
wrk_none=$BENCH_RESULT
bench_stop "$BENCH_PID"

# --- report ------------------------------------------------------------------------------------------------

grants_format='  %-34s %7s %7s %7s %7s %8s %6s %7s %7s %5s %5s %5s\n'
grants_row() { # LABEL RESULT LOAD
	# shellcheck disable=SC2059 # the format is a constant
	printf "$grants_format" "$1" "$(bench_field rps "$2")" "$(bench_ms "$(bench_field p50_us "$2")")" \
		"$(bench_ms "$(bench_field p99_us "$2")")" "$(bench_ms "$(bench_field max_us "$2")")" \
		"$(bench_field requests "$2")" "$(bench_field errors "$2")" "$(bench_field server_cpu_ms "$2")" \
		"$(bench_field client_cpu_ms "$2")" "$(bench_field server_pct "$2")" "$(bench_field busy_pct "$2")" "$3"
}

echo "Token endpoint ($WORKERS workers; authorize: $COLLECTORS on one session):"
# shellcheck disable=SC2059 # the format is a constant
printf "$grants_format" "" "per s" "p50 ms" "p99 ms" "max ms" "requests" "errors" "srv cpu" "gen cpu" "srv %" "busy%" "load"
for name in h2 pg; do
	grants_row "${short[$name]}: authorize (collect codes)" "${grants[$name:authorize]}" ""
	grants_row "${short[$name]}: authorization_code" "${grants[$name:code]}" ""
	grants_row "${short[$name]}: refresh_token" "${grants[$name:refresh]}" "${grants[$name:load1]}"
done
echo "  authorize: GET /oauth2/authorize answered straight with a code (not a grant). authorization_code: the"
echo "  $CODES measured exchanges, per s = codes / wall time. refresh_token: completions within the ${REFRESH_SECONDS} s."
echo "  srv cpu / gen cpu = CPU ms (user + system) per successful request of the server JVM / of the Node load"
echo "  generator (PostgreSQL's own backends not included). srv % = share of all $(nproc) cores the server used;"
echo "  busy% = how busy all cores were, whoever used them (/proc/stat). load = 1-minute load average after."
for name in h2 pg; do
	echo "  ${labels[$name]}, server log: ${grants[$name:denied]} denied token requests, ${grants[$name:revoked]} revoked" \
		"token families, ${grants[$name:server_errors]} ERROR lines; refresh warm-up errors:" \
		"$(bench_field warmup_errors "${grants[$name:refresh]}"), rotations in all: $(bench_field rotations "${grants[$name:refresh]}"),"\
		"refresh warm-up until the JIT was quiet: $(bench_field jit_warmup_s "${grants[$name:refresh]}") s" \
		"($(bench_field jit_last_round "${grants[$name:refresh]}") methods compiled in its last 10 s)"
done
echo "  PostgreSQL schema $BENCH_PG_SCHEMA dropped: $pg_dropped"
echo
echo "Target: >= $TARGET_REFRESH_PER_SECOND refresh grants per second (on these $(nproc) shared cores). CPU ceiling ="
echo "  $(nproc)000 ms / (srv cpu + gen cpu): the rate if server and load generator had the cores to themselves:"
for name in h2 pg; do
	awk -v label="${labels[$name]}" -v rps="$(bench_field rps "${grants[$name:refresh]}")" \
		-v errors="$(bench_field errors "${grants[$name:refresh]}")" -v target="$TARGET_REFRESH_PER_SECOND" \
		-v srv="$(bench_field server_cpu_ms "${grants[$name:refresh]}")" -v cores="$(nproc)" \
		-v gen="$(bench_field client_cpu_ms "${grants[$name:refresh]}")" \
		'BEGIN { printf "  %-30s %7.1f/s  %-7s%s   CPU ceiling %4.0f/s (server alone: %4.0f/s)\n", label, rps,
			(rps >= target) ? "met" : "NOT met", (errors > 0) ? " (with " errors " errors)" : "",
			cores * 1000 / (srv + gen), cores * 1000 / srv }'
done
echo
echo "tools/call get_forecast, wrk ${BENCH_WRK_ARGS[*]} -d${WRK_SECONDS}s once the JIT is quiet (bench_warm: ${warm_embedded} s"
echo "and ${warm_none} s of warm-up), cached NWS answers:"
bench_wrk_header
BENCH_RESULT=$wrk_embedded
bench_wrk_row "embedded, its own access token"
bench_wrk_problems
BENCH_RESULT=$wrk_none
bench_wrk_row "auth none"
bench_wrk_problems
awk -v r0="$(bench_field rps "$wrk_none")" -v r="$(bench_field rps "$wrk_embedded")" \
	-v l0="$(bench_field p50_us "$wrk_none")" -v l="$(bench_field p50_us "$wrk_embedded")" \
	'BEGIN { printf "  embedded token vs none: throughput %+.1f %%, p50 latency %+.1f %%\n", (r / r0 - 1) * 100, (l / l0 - 1) * 100 }'
echo "  (each row a freshly started server; embedded: the H2 server restarted on its data directory, the token"
echo "   an RS256 at+jwt it issued in the token benchmark, validated-token cache on (the default); every allowed"
echo "   call also writes an INFO audit line: $audit_allow 'decision=allow' lines, warm-up included)"
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Total time: $((($(bench_now_us) - started) / 1000000)) s"
