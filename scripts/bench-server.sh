#!/usr/bin/env bash
# Server benchmark (auth mode none), about 2-3 minutes, 127.0.0.1 only:
#   1. size of the fat jar;
#   2. launch-to-ready time, median of 5 launches each of plain `java -jar` and of the class-data
#      (CDS) archive that ./amagasa uses, and resident memory 10 s after ready;
#   3. `tools/call get_forecast` throughput and latency with wrk, with the NWS API replaced by a
#      local WireMock stub, once with cacheable NWS answers (the usual case) and once without.
# Builds the server first when amagasa-server/target/amagasa-server.jar is missing.
# Usage: scripts/bench-server.sh
set -euo pipefail
# shellcheck source=lib/bench-lib.sh
source "$(dirname "$0")/lib/bench-lib.sh"

LAUNCHES=5
IDLE_SECONDS=10
WARMUP_SECONDS=5
MEASURE_SECONDS=10

started=$(bench_now_us)
bench_require java wrk curl jq unzip awk
bench_prepare_jar

echo "Amagasa server benchmark (scripts/bench-server.sh), $(date '+%F %T')"
bench_machine_notes
echo

jar_bytes=$(stat -c %s "$BENCH_JAR")
printf 'Fat jar: %s bytes (%s MiB)\n\n' "$jar_bytes" "$(awk -v b="$jar_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')"

t=$(bench_now_us)
bench_prepare_cds
echo "CDS archive created as ./amagasa does it (jarmode=tools extract, then -XX:ArchiveClassesAtExit over"
echo "  one start with spring.context.exit=onRefresh) from the same jar copy: took $(bench_ms $((($(bench_now_us) - t) / 1000))) s,"
echo "  $(stat -c %s "$BENCH_APP/amagasa.jsa") bytes."
echo

# --- start-up and idle memory ---------------------------------------------------------------------
echo "Start-up: time from launching java to the first 200 from /actuator/health/readiness (polled every"
echo "  20 ms over bash /dev/tcp), $LAUNCHES launches of each kind, alternating; auth mode none. RSS = VmRSS"
echo "  of /proc/<pid>/status ${IDLE_SECONDS} s after ready, no request made (on the last launch of each kind)."
declare -A times rss mapped
for ((i = 1; i <= LAUNCHES; i++)); do
	for launch in plain cds; do
		port=$(bench_free_port)
		bench_start_server "start-$launch-$i" "$launch" "$port" --amagasa.auth.mode=none
		bench_wait_ready "$BENCH_PID" "$port" "start-$launch-$i"
		times[$launch]+="$BENCH_READY_MS "
		if [ "$launch" = cds ]; then
			if grep -q 'amagasa.jsa' "/proc/$BENCH_PID/maps"; then mapped[$i]=yes; else mapped[$i]=no; fi
		fi
		if [ "$i" -eq "$LAUNCHES" ]; then
			sleep "$IDLE_SECONDS"
			rss[$launch]=$(bench_rss_kib "$BENCH_PID")
		fi
		bench_stop "$BENCH_PID"
	done
done
printf '  %-30s %9s %8s %8s   %-28s %s\n' "" "median" "min" "max" "all launches (ms)" "RSS idle"
for launch in plain cds; do
	label="java -jar amagasa-server.jar"
	[ "$launch" = cds ] && label="CDS archive (as ./amagasa)"
	sorted=$(tr ' ' '\n' <<<"${times[$launch]}" | grep . | sort -n)
	printf '  %-30s %6s ms %5s ms %5s ms   %-28s %s MiB\n' "$label" "$(bench_median <<<"$sorted")" \
		"$(head -n 1 <<<"$sorted")" "$(tail -n 1 <<<"$sorted")" "${times[$launch]}" \
		"$(awk -v k="${rss[$launch]}" 'BEGIN { printf "%.1f", k / 1024 }')"
done
cds_mapped="${mapped[*]}"
if [[ $cds_mapped == *no* ]]; then
	echo "  !! the CDS archive was NOT mapped in some launches (mapped: $cds_mapped): those ran without it"
else
	echo "  (the archive was mapped in every CDS launch: checked in /proc/<pid>/maps)"
fi
echo

# --- throughput -----------------------------------------------------------------------------------
stub_port=$(bench_free_port)
bench_start_stub "$stub_port"
echo "Throughput: wrk ${BENCH_WRK_ARGS[*]} -d${MEASURE_SECONDS}s -s scripts/lib/mcp-tools-call.lua, each request a POST"
echo "  /mcp tools/call get_forecast(39.7456, -97.0892) on one MCP session (2025-11-25, Mcp-Session-Id header),"
echo "  after a ${WARMUP_SECONDS} s warm-up run (not counted); a fresh server (CDS launch, auth mode none) per case."
echo "  NWS stub: WireMock $BENCH_WIREMOCK_VERSION on 127.0.0.1:$stub_port with the test fixtures. non2xx = wrk's 'Non-2xx or"
echo "  3xx responses' line; every body is also checked for a forecast (\"Temperature\", no isError)."
echo "  load = 1-minute load average right after the run: how busy the machine was, to compare rows."
bench_wrk_header
declare -A after
for cache in cached uncached; do
	port=$(bench_free_port)
	bench_start_server "wrk-$cache" cds "$port" --amagasa.auth.mode=none \
		--amagasa.weather.nws-base-url="http://127.0.0.1:$stub_port/$cache"
	bench_wait_ready "$BENCH_PID" "$port" "wrk-$cache"
	session=$(bench_mcp_session "$port")
	bench_check_forecast "$port" "$session"
	bench_wrk "warmup-$cache" "$port" "$session" "$WARMUP_SECONDS"
	warm_problems=$(bench_wrk_problems)
	bench_wrk "$cache" "$port" "$session" "$MEASURE_SECONDS"
	after[$cache]=$(bench_rss_kib "$BENCH_PID")
	if [ "$cache" = cached ]; then
		bench_wrk_row "NWS cached (max-age=3600)"
	else
		bench_wrk_row "NWS uncached (2 stub GETs per call)"
	fi
	bench_wrk_problems
	[ -z "$warm_problems" ] || echo "${warm_problems/not every response/during warm-up, not every response}"
	bench_stop "$BENCH_PID"
done
printf '  RSS right after the measured run: %s MiB (cached), %s MiB (uncached)\n' \
	"$(awk -v k="${after[cached]}" 'BEGIN { printf "%.1f", k / 1024 }')" \
	"$(awk -v k="${after[uncached]}" 'BEGIN { printf "%.1f", k / 1024 }')"
echo
echo "Total time: $((($(bench_now_us) - started) / 1000000)) s"
