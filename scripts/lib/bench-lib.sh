# shellcheck shell=bash
# Shared helpers of scripts/bench-server.sh, scripts/bench-auth.sh and scripts/bench-token-endpoint.sh:
# the server jar (built when missing, then copied so that a concurrent rebuild cannot change it
# mid-run), a WireMock stub for the NWS API (and a JWKS), starting/stopping the server, readiness
# timing, a throw-away PostgreSQL schema, MCP session set-up and wrk runs. Source it from a script that runs with `set -euo pipefail`. Everything is on 127.0.0.1.
#
# Every process started here is recorded and stopped by the EXIT trap; every loop is bounded.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_LIB="$BENCH_ROOT/scripts/lib"
BENCH_JAR_BUILT="$BENCH_ROOT/amagasa-server/target/amagasa-server.jar"
BENCH_CACHE="$BENCH_ROOT/target/bench"   # the downloaded WireMock jar, kept between runs
BENCH_WIREMOCK_VERSION=3.13.2
BENCH_PROTOCOL=2025-11-25
BENCH_LATITUDE=39.7456
BENCH_LONGITUDE=-97.0892
BENCH_FIXTURES="$BENCH_ROOT/amagasa-weather/src/test/resources/nws"

shopt -s inherit_errexit

BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/amagasa-bench.XXXXXX")
bench_pids=()
bench_exit_hooks=()   # commands run by the EXIT trap after every process has stopped (bench_on_exit)
exec {bench_sleep_fd}<> <(:)   # read -t on this never-written pipe is a sleep without a process

bench_log() { printf '%s\n' "$*" >&2; }
bench_die() {
	bench_log "ERROR: $*"
	exit 1
}

# --- process bookkeeping -------------------------------------------------------------------------

bench_track() { bench_pids+=("$1"); }

bench_untrack() {
	local keep=() p
	for p in ${bench_pids[@]+"${bench_pids[@]}"}; do [ "$p" = "$1" ] || keep+=("$p"); done
	bench_pids=(${keep[@]+"${keep[@]}"})
}

# bench_stop PID: SIGTERM, up to 15 s for a graceful exit, then SIGKILL. Only our own children.
bench_stop() {
	local pid=$1 i
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		for ((i = 0; i < 150; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			bench_sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			bench_log "  (pid $pid ignored SIGTERM for 15 s: killed)"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	wait "$pid" 2>/dev/null || true
	bench_untrack "$pid"
}

bench_cleanup() {
	local rc=$? pid f i alive
	trap - EXIT INT TERM HUP
	trap '' PIPE   # output may be a closed pipe (e.g. | head): finish the cleanup anyway
	# Everything still running at once, newest first (wrk before the server before the stub), then
	# at most 15 s for all of them to exit before SIGKILL.
	for ((i = ${#bench_pids[@]} - 1; i >= 0; i--)); do kill -TERM "${bench_pids[$i]}" 2>/dev/null || true; done
	for ((i = 0; i < 150; i++)); do
		alive=""
		for pid in ${bench_pids[@]+"${bench_pids[@]}"}; do kill -0 "$pid" 2>/dev/null && alive+=" $pid"; done
		[ -n "$alive" ] || break
		bench_sleep 0.1
	done
	for pid in ${bench_pids[@]+"${bench_pids[@]}"}; do
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	for ((i = ${#bench_exit_hooks[@]} - 1; i >= 0; i--)); do
		eval "${bench_exit_hooks[$i]}" || bench_log "  (clean-up step failed: ${bench_exit_hooks[$i]})" || true
	done
	if [ "$rc" -ne 0 ]; then
		for f in "$BENCH_WORK"/*.log; do
			[ -f "$f" ] || continue
			bench_log "--- last lines of $(basename "$f") ---" || true
			tail -n 15 "$f" >&2 || true
		done
	fi
	rm -rf "$BENCH_WORK"
	exit "$rc"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

# bench_on_exit COMMAND: run COMMAND (a string, eval'ed) on exit, after every tracked process has
# stopped (e.g. dropping a database schema a server used); newest first.
bench_on_exit() { bench_exit_hooks+=("$1"); }

bench_sleep() { read -r -t "$1" -u "$bench_sleep_fd" _ || true; }

bench_now_us() { local t=${EPOCHREALTIME/./}; echo "$((10#$t))"; }

# --- tools ---------------------------------------------------------------------------------------

bench_require() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || bench_die "$tool is not installed (apt-get install -y $tool)"
	done
}

# bench_free_port: a port nothing listens on (random, checked; bounded attempts), below the kernel's
# ephemeral range: a port in it can become the local port of an outgoing connection (wrk's, a server's)
# between this check and the server's bind, which then fails ("Port ... was already in use").
bench_free_port() {
	local i port ephemeral=32768 low=10000
	read -r ephemeral _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
	# a range that starts too low to leave room below it: anywhere from 20000 to 49999
	((ephemeral - low >= 1000)) || { low=20000 ephemeral=50000; }
	for ((i = 0; i < 100; i++)); do
		port=$((low + RANDOM % (ephemeral - low)))
		bench_port_open "$port" || { echo "$port"; return 0; }
	done
	bench_die "no free port found"
}

bench_port_open() {
	local fd
	{ exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
	exec {fd}>&-
}

# bench_http_ok PORT PATH: true when GET answers 200. Plain bash /dev/tcp, so that polling every
# 20 ms does not start a process (a curl per poll would compete with the starting JVM for the 2 cores).
bench_http_ok() {
	local fd line=""
	{ exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
	printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$2" "$1" 1>&"$fd" 2>/dev/null || true
	IFS= read -r -t 2 -u "$fd" line 2>/dev/null || true
	exec {fd}>&-
	[[ $line == "HTTP/1.1 200"* ]]
}

# --- the jar -------------------------------------------------------------------------------------

# bench_prepare_jar: builds the server when its jar is missing (retrying: other builds may be in
# progress), then copies it into the work directory and checks the copy. Sets BENCH_JAR.
bench_prepare_jar() {
	local attempt
	if [ ! -f "$BENCH_JAR_BUILT" ]; then
		for attempt in 1 2 3; do
			bench_log "building the server (./mvnw -B -q install -DskipTests), attempt $attempt of 3..."
			if (cd "$BENCH_ROOT" && ./mvnw -B -q install -DskipTests) >"$BENCH_WORK/build.out" 2>&1; then
				break
			fi
			tail -n 20 "$BENCH_WORK/build.out" >&2
			[ "$attempt" -lt 3 ] || bench_die "build failed three times"
			bench_log "build failed (maybe someone else's work in progress): retrying in 30 s"
			sleep 30
		done
	fi
	BENCH_JAR="$BENCH_WORK/amagasa-server.jar"
	for attempt in 1 2 3 4 5 6; do
		if [ -f "$BENCH_JAR_BUILT" ] && cp "$BENCH_JAR_BUILT" "$BENCH_JAR" 2>/dev/null && unzip -tqq "$BENCH_JAR" >/dev/null 2>&1; then
			return 0
		fi
		bench_log "the jar is missing or being rewritten by a concurrent build: retrying in 10 s"
		sleep 10
	done
	bench_die "no readable $BENCH_JAR_BUILT"
}

# bench_prepare_cds: the class-data archive, created exactly as ./amagasa does (extract the jar,
# record the classes one start-up loads), but from the copied jar into the work directory, so it
# matches the jar measured. Sets BENCH_APP (the extracted directory).
bench_prepare_cds() {
	BENCH_APP="$BENCH_WORK/app"
	java -Djarmode=tools -jar "$BENCH_JAR" extract --destination "$BENCH_APP" >/dev/null
	java -XX:ArchiveClassesAtExit="$BENCH_APP/amagasa.jsa" -XX:ErrorFile="$BENCH_WORK/cds-dump-crash-%p.log" \
		-Dspring.context.exit=onRefresh \
		-Dspring.main.banner-mode=off -Dlogging.level.root=WARN -jar "$BENCH_APP/amagasa-server.jar" \
		--server.port=0 --amagasa.public-base-url=http://localhost >"$BENCH_WORK/cds-dump.log" 2>&1 || true
	# some JVMs crash writing it (Debian's OpenJDK 17.0.15, as ./amagasa notes)
	[ -f "$BENCH_APP/amagasa.jsa" ] || bench_die "the CDS archive was not created (the end of cds-dump.log follows);" \
		"if this Java crashed writing it, put another one first on PATH"
}

# --- the server ----------------------------------------------------------------------------------

# bench_start_server NAME plain|cds PORT [server arguments...]: starts the server in the background.
# Sets BENCH_PID and BENCH_T0 (launch time, µs). Log: $BENCH_WORK/NAME.log.
bench_start_server() {
	local name=$1 launch=$2 port=$3
	shift 3
	local cmd=(java)
	case "$launch" in
	plain) cmd+=(-jar "$BENCH_JAR") ;;
	# cds: started as ./amagasa starts it (its JVM options and class-data archive)
	cds) cmd+=(-XX:+UseSerialGC -Xms16m -XX:SharedArchiveFile="$BENCH_APP/amagasa.jsa" -Xshare:auto -jar "$BENCH_APP/amagasa-server.jar") ;;
	*) bench_die "unknown launch $launch" ;;
	esac
	bench_port_open "$port" && bench_die "port $port is already in use"
	BENCH_T0=$(bench_now_us)
	"${cmd[@]}" --server.port="$port" "$@" >"$BENCH_WORK/$name.log" 2>&1 &
	BENCH_PID=$!
	bench_track "$BENCH_PID"
}

# bench_wait_ready PID PORT NAME: polls /actuator/health/readiness every 20 ms (at most 90 s).
# Sets BENCH_READY_MS (since BENCH_T0).
bench_wait_ready() {
	local pid=$1 port=$2 name=$3 i
	for ((i = 0; i < 4500; i++)); do
		if bench_http_ok "$port" /actuator/health/readiness; then
			# shellcheck disable=SC2034 # read by the calling script
			BENCH_READY_MS=$((($(bench_now_us) - BENCH_T0) / 1000))
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || bench_die "server $name exited during start-up (see $name.log)"
		bench_sleep 0.02
	done
	bench_die "server $name not ready after 90 s"
}

bench_rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# --- PostgreSQL ----------------------------------------------------------------------------------

BENCH_PG_HOST=127.0.0.1
BENCH_PG_PORT=5432
BENCH_PG_DATABASE="test"
BENCH_PG_USER=postgres

bench_psql() { psql -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" -d "$BENCH_PG_DATABASE" -X -q -v ON_ERROR_STOP=1 "$@"; }

# bench_pg_schema: a fresh schema name amagasa_bench_<random> in the test database (reachable, trust
# auth), dropped with CASCADE on exit. Flyway creates it. Sets BENCH_PG_SCHEMA and BENCH_PG_ARGS (the
# server arguments for that schema).
bench_pg_schema() {
	bench_psql -c 'SELECT 1' >/dev/null 2>"$BENCH_WORK/psql.err" ||
		bench_die "PostgreSQL at $BENCH_PG_HOST:$BENCH_PG_PORT/$BENCH_PG_DATABASE (user $BENCH_PG_USER): $(cat "$BENCH_WORK/psql.err")"
	BENCH_PG_SCHEMA="amagasa_bench_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
	bench_on_exit "bench_psql -c 'DROP SCHEMA IF EXISTS $BENCH_PG_SCHEMA CASCADE' >/dev/null 2>&1"
	# shellcheck disable=SC2034 # read by the calling script
	BENCH_PG_ARGS=(
		--spring.datasource.url="jdbc:postgresql://$BENCH_PG_HOST:$BENCH_PG_PORT/$BENCH_PG_DATABASE?currentSchema=$BENCH_PG_SCHEMA"
		--spring.datasource.username="$BENCH_PG_USER" --spring.flyway.schemas="$BENCH_PG_SCHEMA")
}

bench_pg_schema_exists() { # SCHEMA
	[ "$(bench_psql -tA -c "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '$1'")" = 1 ]
}

# --- MCP -----------------------------------------------------------------------------------------

bench_curl_mcp() { # PORT TOKEN SESSION [curl arguments...]
	local port=$1 token=$2 session=$3
	shift 3
	local headers=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream'
		-H "MCP-Protocol-Version: $BENCH_PROTOCOL")
	[ -z "$token" ] || headers+=(-H "Authorization: Bearer $token")
	[ -z "$session" ] || headers+=(-H "Mcp-Session-Id: $session")
	curl -sS --max-time 10 "${headers[@]}" "$@" "http://127.0.0.1:$port/mcp"
}

# bench_mcp_session PORT [TOKEN]: initialize + notifications/initialized; prints the session id.
bench_mcp_session() {
	local port=$1 token=${2:-} hdr="$BENCH_WORK/init-headers.txt" status session
	status=$(bench_curl_mcp "$port" "$token" "" -o /dev/null -D "$hdr" -w '%{http_code}' \
		-d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"'"$BENCH_PROTOCOL"'","capabilities":{},"clientInfo":{"name":"amagasa-bench","version":"1"}}}')
	[ "$status" = 200 ] || bench_die "initialize answered HTTP $status"
	session=$(awk -F': *' 'tolower($1) == "mcp-session-id" { gsub(/\r/, "", $2); print $2 }' "$hdr")
	[ -n "$session" ] || bench_die "initialize gave no Mcp-Session-Id"
	status=$(bench_curl_mcp "$port" "$token" "$session" -o /dev/null -w '%{http_code}' \
		-d '{"jsonrpc":"2.0","method":"notifications/initialized"}')
	[ "$status" = 202 ] || bench_die "notifications/initialized answered HTTP $status"
	echo "$session"
}

# bench_expect_unauthorized PORT NAME: an initialize without a token must get HTTP 401.
bench_expect_unauthorized() {
	local status
	status=$(bench_curl_mcp "$1" "" "" -o /dev/null -w '%{http_code}' \
		-d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"'"$BENCH_PROTOCOL"'","capabilities":{},"clientInfo":{"name":"amagasa-bench","version":"1"}}}')
	[ "$status" = 401 ] || bench_die "$2: a request without a token got HTTP $status, expected 401"
}

bench_forecast_body() { # PORT SESSION [TOKEN]: prints one tools/call get_forecast response body
	bench_curl_mcp "$1" "${3:-}" "$2" -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_forecast","arguments":{"latitude":'"$BENCH_LATITUDE"',"longitude":'"$BENCH_LONGITUDE"'}}}'
}

# bench_check_forecast PORT SESSION [TOKEN]: one call with curl must return a forecast.
bench_check_forecast() {
	local body
	body=$(bench_forecast_body "$@") || bench_die "tools/call get_forecast failed"
	if [[ $body != *Temperature* ]] || [[ $body == *'"isError":true'* ]]; then
		bench_die "tools/call get_forecast gave no forecast: ${body:0:300}"
	fi
}

# --- wrk -----------------------------------------------------------------------------------------

BENCH_WRK_ARGS=(-t2 -c16 --latency --timeout 5s)

# bench_wrk NAME PORT SESSION SECONDS [TOKEN] [SERVER_PID]: one wrk run of tools/call get_forecast.
# Sets BENCH_RESULT (the script's RESULT line plus non2xx=, wrk's "Non-2xx or 3xx responses" count,
# load1=, the 1-minute load average right after the run, to judge how busy the machine was, and with
# SERVER_PID server_cpu_us=, the server's CPU time (user + system) per request during the run).
bench_wrk() {
	local name=$1 port=$2 session=$3 seconds=$4 token=${5:-} server=${6:-} out pid non2xx cpu0=0 cpu1 requests
	out="$BENCH_WORK/wrk-$name.txt"
	[ -z "$server" ] || cpu0=$(bench_cpu_ticks "$server")
	MCP_SESSION=$session MCP_TOKEN=$token MCP_PROTOCOL=$BENCH_PROTOCOL MCP_LATITUDE=$BENCH_LATITUDE \
		MCP_LONGITUDE=$BENCH_LONGITUDE timeout $((seconds + 30)) \
		wrk "${BENCH_WRK_ARGS[@]}" -d "${seconds}s" -s "$BENCH_LIB/mcp-tools-call.lua" \
		"http://127.0.0.1:$port/mcp" >"$out" 2>&1 &
	pid=$!
	bench_track "$pid"
	wait "$pid" || { cat "$out" >&2; bench_die "wrk failed"; }
	bench_untrack "$pid"
	BENCH_RESULT=$(grep '^RESULT ' "$out") || { cat "$out" >&2; bench_die "wrk printed no RESULT line"; }
	non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$out")
	BENCH_RESULT="${BENCH_RESULT#RESULT } non2xx=${non2xx:-0} load1=$(cut -d' ' -f1 /proc/loadavg)"
	if [ -n "$server" ]; then
		cpu1=$(bench_cpu_ticks "$server")
		requests=$(bench_field requests)
		BENCH_RESULT+=" server_cpu_us=$(((cpu1 - cpu0) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1)))"
	fi
}

# bench_warm PID PORT SESSION [TOKEN]: warms the server up until its JIT compiler is quiet. On 2 cores,
# 16 busy request threads starve the one C2 compiler thread: two minutes into a full-concurrency warm-up,
# core request-path methods (filter chain, Tomcat valves, Jackson) were still being compiled for the
# first time (-XX:+PrintCompilation), so a run measured how far compilation had got, not the code, and a
# configuration with more code looked slower than it is. So: wrk with 2 connections, which leaves the
# compiler most of a core, in 10 s rounds until a round compiles fewer than BENCH_JIT_QUIET methods
# (sun.ci.totalCompiles, read with jcmd; at most BENCH_WARM_MAX_SECONDS), then 20 s at full concurrency.
# Sets BENCH_WARM_SECONDS and BENCH_WARM_COMPILES (methods compiled in the last round).
BENCH_JIT_QUIET=20
BENCH_WARM_MAX_SECONDS=300
bench_warm() {
	local pid=$1 port=$2 session=$3 token=${4:-} before after full=("${BENCH_WRK_ARGS[@]}")
	local BENCH_WRK_ARGS=(-t1 -c2 --latency --timeout 5s)
	before=$(bench_jit_compiles "$pid")
	[ -n "$before" ] || bench_die "jcmd cannot read the JIT counters of process $pid"
	BENCH_WARM_SECONDS=0
	while :; do
		bench_wrk "warm-$port-$BENCH_WARM_SECONDS" "$port" "$session" 10 "$token"
		BENCH_WARM_SECONDS=$((BENCH_WARM_SECONDS + 10))
		after=$(bench_jit_compiles "$pid")
		BENCH_WARM_COMPILES=$((after - before))
		before=$after
		((BENCH_WARM_COMPILES < BENCH_JIT_QUIET || BENCH_WARM_SECONDS >= BENCH_WARM_MAX_SECONDS)) && break
	done
	BENCH_WRK_ARGS=("${full[@]}")
	bench_wrk "warm-$port-full" "$port" "$session" 20 "$token"
	BENCH_WARM_SECONDS=$((BENCH_WARM_SECONDS + 20))
}

# --- CPU profiles --------------------------------------------------------------------------------

BENCH_PROFILER_VERSION=4.2
BENCH_PROFILER=""   # set by bench_profiler_prepare

# bench_profiler_prepare: async-profiler's agent (tools.profiler:async-profiler from Maven Central, kept
# in BENCH_CACHE) for this platform. Sets BENCH_PROFILER to the library, or to "" with BENCH_PROFILER_WHY
# when there is none for this platform or it cannot be downloaded.
bench_profiler_prepare() {
	local platform jar="$BENCH_CACHE/async-profiler-$BENCH_PROFILER_VERSION.jar"
	BENCH_PROFILER=""
	case "$(uname -s)-$(uname -m)" in
	Linux-x86_64) platform=linux-x64 ;;
	Linux-aarch64) platform=linux-arm64 ;;
	*) BENCH_PROFILER_WHY="no async-profiler agent for $(uname -s)-$(uname -m)"; return 0 ;;
	esac
	if [ ! -f "$jar" ]; then
		bench_log "downloading async-profiler $BENCH_PROFILER_VERSION from Maven Central..."
		(cd "$BENCH_ROOT" && ./mvnw -B -q -N dependency:copy \
			-Dartifact="tools.profiler:async-profiler:$BENCH_PROFILER_VERSION" -DoutputDirectory="$BENCH_CACHE") \
			>"$BENCH_WORK/profiler-download.out" 2>&1 ||
			{ BENCH_PROFILER_WHY="async-profiler could not be downloaded (see profiler-download.out)"; return 0; }
	fi
	unzip -qo "$jar" "$platform/libasyncProfiler.so" -d "$BENCH_WORK/async-profiler" ||
		{ BENCH_PROFILER_WHY="$jar holds no $platform agent"; return 0; }
	BENCH_PROFILER="$BENCH_WORK/async-profiler/$platform/libasyncProfiler.so"
}

# bench_wrk_profiled NAME PORT SESSION SECONDS TOKEN PID: bench_wrk while async-profiler samples the
# server's CPU (cpu-clock, every 1 ms of CPU time, every thread), then adds to BENCH_RESULT per_transport=,
# the server's CPU samples over those taken inside the MCP SDK's transport
# (WebMvcStreamableServerTransportProvider): the CPU a request costs, in units of what the transport
# itself spends on it. The transport does the same work for the same tools/call whatever secures it, so
# comparing this figure between servers compares their CPU per request on a scale that moves with the
# machine: a slower minute slows the transport too, and the ratio stays. One part of its work is left out
# of the unit: parsing the message text (McpSchema.deserializeJsonRpcMessage's readValue), which with
# authorization on the filter does instead (ParsedBodyHandoff), and which is counted in the server's CPU
# either way. Needs bench_profiler_prepare.
bench_wrk_profiled() {
	local name=$1 port=$2 session=$3 seconds=$4 token=$5 server=$6 stacks="$BENCH_WORK/profile-$1.collapsed"
	jcmd "$server" JVMTI.agent_load "$BENCH_PROFILER" '"start,event=cpu,interval=1ms,threads"' >"$BENCH_WORK/profiler-$name.out" ||
		bench_die "async-profiler did not start in process $server (see profiler-$name.out)"
	bench_wrk "$name" "$port" "$session" "$seconds" "$token" "$server"
	jcmd "$server" JVMTI.agent_load "$BENCH_PROFILER" "\"stop,collapsed,file=$stacks\"" >>"$BENCH_WORK/profiler-$name.out" ||
		bench_die "async-profiler did not stop in process $server (see profiler-$name.out)"
	BENCH_RESULT+=" per_transport=$(awk '{ all += $NF }
		/WebMvcStreamableServerTransportProvider/ && !/deserializeJsonRpcMessage;[^;]*readValue/ { transport += $NF }
		END { if (transport > 0) printf "%.4f", all / transport; else print "?" }' "$stacks")"
}

# bench_jit_compiles PID: how many methods the JVM's JIT compilers have compiled so far.
bench_jit_compiles() { jcmd "$1" PerfCounter.print 2>/dev/null | awk -F= '/^sun\.ci\.totalCompiles=/ { print $2 }'; }

# bench_cpu_ticks PID: user + system CPU time of a process so far, in clock ticks (/proc/PID/stat
# fields 14 and 15, counted after the command name, which may contain spaces).
bench_cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# bench_field KEY [RESULT]: one value of a RESULT line.
bench_field() {
	local kv
	for kv in ${2:-$BENCH_RESULT}; do
		[ "${kv%%=*}" = "$1" ] && { echo "${kv#*=}"; return 0; }
	done
	echo "?"
}

bench_ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

# bench_wrk_row LABEL: a table row from BENCH_RESULT.
bench_wrk_row() {
	printf '  %-40s %9s %8s %8s %8s %9s %6s %6s\n' "$1" "$(bench_field rps)" "$(bench_ms "$(bench_field p50_us)")" \
		"$(bench_ms "$(bench_field p90_us)")" "$(bench_ms "$(bench_field p99_us)")" "$(bench_field requests)" \
		"$(bench_field non2xx)" "$(bench_field load1)"
}

bench_wrk_header() {
	printf '  %-40s %9s %8s %8s %8s %9s %6s %6s\n' "" "req/s" "p50 ms" "p90 ms" "p99 ms" "requests" "non2xx" "load"
}

# bench_wrk_problems: a note when anything but a 200 with a forecast came back.
bench_wrk_problems() {
	local k problems=""
	for k in non2xx non200 tool_errors bad_bodies socket_errors timeouts; do
		[ "$(bench_field "$k")" = 0 ] || problems+=" $k=$(bench_field "$k")"
	done
	[ -z "$problems" ] || echo "    !! not every response was a forecast:$problems"
}

# --- the stub ------------------------------------------------------------------------------------

# bench_start_stub PORT [JWKS_FILE]: WireMock standalone on 127.0.0.1:PORT serving the NWS fixtures
# under two prefixes: /cached (Cache-Control: public, max-age=3600, so the server caches them) and
# /uncached (no Cache-Control: every tools/call makes two upstream requests), plus /jwks.json.
bench_start_stub() {
	local port=$1 jwks=${2:-} jar dir prefix cache i
	jar="$BENCH_CACHE/wiremock-standalone-$BENCH_WIREMOCK_VERSION.jar"
	if [ ! -f "$jar" ]; then
		bench_log "downloading WireMock standalone $BENCH_WIREMOCK_VERSION from Maven Central..."
		(cd "$BENCH_ROOT" && ./mvnw -B -q -N dependency:copy \
			-Dartifact="org.wiremock:wiremock-standalone:$BENCH_WIREMOCK_VERSION" -DoutputDirectory="$BENCH_CACHE") >&2
	fi
	dir="$BENCH_WORK/stub"
	mkdir -p "$dir/mappings" "$dir/__files"
	for prefix in cached uncached; do
		if [ "$prefix" = cached ]; then
			cache='{"Cache-Control":"public, max-age=3600"}'
		else
			cache='{}'
		fi
		sed "s#https://api.weather.gov/gridpoints/#http://127.0.0.1:$port/$prefix/gridpoints/#g" \
			"$BENCH_FIXTURES/points-linn-ks.json" >"$dir/points-$prefix.json"
		jq -n --arg url "/$prefix/points/$BENCH_LATITUDE,$BENCH_LONGITUDE" --rawfile body "$dir/points-$prefix.json" \
			--argjson cache "$cache" \
			'{request: {method: "GET", url: $url},
			  response: {status: 200, body: $body, headers: ({"Content-Type": "application/geo+json"} + $cache)}}' \
			>"$dir/mappings/points-$prefix.json"
		jq -n --arg url "/$prefix/gridpoints/TOP/32,81/forecast" --rawfile body "$BENCH_FIXTURES/forecast-linn-ks.json" \
			--argjson cache "$cache" \
			'{request: {method: "GET", url: $url},
			  response: {status: 200, body: $body, headers: ({"Content-Type": "application/geo+json"} + $cache)}}' \
			>"$dir/mappings/forecast-$prefix.json"
	done
	grep -q "http://127.0.0.1:$port/cached/gridpoints/TOP/32,81/forecast" "$dir/points-cached.json" ||
		bench_die "the points fixture has no forecast link to rewrite"
	if [ -n "$jwks" ]; then
		jq -n --rawfile body "$jwks" '{request: {method: "GET", url: "/jwks.json"},
			response: {status: 200, body: $body,
			  headers: {"Content-Type": "application/json", "Cache-Control": "public, max-age=3600"}}}' \
			>"$dir/mappings/jwks.json"
	fi
	java -jar "$jar" --port "$port" --bind-address 127.0.0.1 --root-dir "$dir" --disable-banner \
		--no-request-journal >"$BENCH_WORK/stub.log" 2>&1 &
	BENCH_STUB_PID=$!
	bench_track "$BENCH_STUB_PID"
	for ((i = 0; i < 600; i++)); do
		bench_http_ok "$port" /__admin/health && return 0
		kill -0 "$BENCH_STUB_PID" 2>/dev/null || bench_die "WireMock exited (see stub.log)"
		bench_sleep 0.1
	done
	bench_die "WireMock not ready after 60 s"
}

# --- reporting -----------------------------------------------------------------------------------

bench_median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

bench_machine_notes() {
	echo "Machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), shared by the load generator"
	echo "  (wrk), the NWS/JWKS stub (WireMock), the server and anything else running: figures are lower and"
	echo "  noisier than with separate machines. Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo "Java: $(java -version 2>&1 | head -n 1); $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
	echo "Jar: $BENCH_JAR_BUILT (built $(date -r "$BENCH_JAR_BUILT" '+%F %T'); measured from a copy)"
}
