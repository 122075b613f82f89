#!/usr/bin/env bash
# Cost of authorization on `tools/call get_forecast`, about 15 minutes, 127.0.0.1 only. The same jar,
# in one run, three configurations, each measured on a fresh server after a 120 s warm-up by a 10 s wrk
# run. The warm-up is that long because the JIT compiler, sharing 2 cores with 16 busy request threads
# and wrk, is still compiling the authenticated path a minute in (the unauthenticated one, having less
# code, settles sooner): a shorter warm-up measures compilation, not authorization.
#   1. auth mode none;
#   2. auth mode external, an RS256 bearer token checked against a JWKS (validated-token cache on,
#      the default: the signature is verified once, then the token is trusted until it expires);
#   3. the same with --amagasa.auth.token.cache-validated-tokens=false (signature verified on
#      every request).
# Two rounds, the second in reverse order (none, external, no-cache, no-cache, external, none), so that a
# machine getting busier or quieter during the run weighs on every configuration alike; the figures
# compared are the means of the two rounds.
# The token is minted by scripts/lib/mint-token.mjs (Node built-in crypto); the JWKS and the NWS API
# are served by a local WireMock stub, with cacheable NWS answers (max-age=3600).
# Builds the server first when amagasa-server/target/amagasa-server.jar is missing.
# Usage: scripts/bench-auth.sh
set -euo pipefail
# shellcheck source=lib/bench-lib.sh
source "$(dirname "$0")/lib/bench-lib.sh"

WARMUP_SECONDS=120
MEASURE_SECONDS=10

started=$(bench_now_us)
bench_require java wrk curl jq unzip awk node
bench_prepare_jar

echo "Amagasa authorization cost benchmark (scripts/bench-auth.sh), $(date '+%F %T')"
bench_machine_notes
echo

stub_port=$(bench_free_port)
port=$(bench_free_port)
issuer="http://127.0.0.1:$stub_port/issuer"
audience="http://localhost:$port/mcp"
token=$(node "$BENCH_LIB/mint-token.mjs" "$issuer" "$audience" "$BENCH_WORK/jwks.json" weather.read 3600)
bench_start_stub "$stub_port" "$BENCH_WORK/jwks.json"

nws=(--amagasa.weather.nws-base-url="http://127.0.0.1:$stub_port/cached")
external=(--amagasa.auth.mode=external --amagasa.auth.external.issuer="$issuer"
	--amagasa.auth.external.jwk-set-uri="http://127.0.0.1:$stub_port/jwks.json"
	--amagasa.public-base-url="http://localhost:$port")

echo "How: wrk ${BENCH_WRK_ARGS[*]} -d${MEASURE_SECONDS}s -s scripts/lib/mcp-tools-call.lua, each request a POST /mcp"
echo "  tools/call get_forecast(39.7456, -97.0892) on one MCP session, after a ${WARMUP_SECONDS} s warm-up run (not counted),"
echo "  a fresh server (java -jar, port $port) per row. NWS answers come from a WireMock stub with"
echo "  Cache-Control max-age=3600, so the forecast is served from the server's cache: the rows differ by"
echo "  authorization only. external: one RS256 token (2048-bit key, iss $issuer,"
echo "  aud $audience, scope weather.read, client_id, sub, exp +1 h), JWKS from the stub."
echo "  non2xx = wrk's 'Non-2xx or 3xx responses' line; every body is also checked for a forecast."
echo "  load = 1-minute load average right after the run: how busy the machine was, to compare rows."
echo

names=(none external external-nocache)
order=(none external external-nocache external-nocache external none)
declare -A labels=([none]="auth none"
	[external]="external, validated-token cache on"
	[external-nocache]="external, cache-validated-tokens=false")
declare -A results audit rounds
for name in "${order[@]}"; do
	round=$((${rounds[$name]:-0} + 1))
	rounds[$name]=$round
	case "$name" in
	none) args=(--amagasa.auth.mode=none) ;;
	external) args=("${external[@]}") ;;
	external-nocache) args=("${external[@]}" --amagasa.auth.token.cache-validated-tokens=false) ;;
	esac
	bench_start_server "$name-$round" plain "$port" "${nws[@]}" "${args[@]}"
	bench_wait_ready "$BENCH_PID" "$port" "$name-$round"
	call_token=""
	if [ "$name" != none ]; then
		call_token=$token
		bench_expect_unauthorized "$port" "$name"
	fi
	session=$(bench_mcp_session "$port" "$call_token")
	bench_check_forecast "$port" "$session" "$call_token"
	bench_wrk "warmup-$name-$round" "$port" "$session" "$WARMUP_SECONDS" "$call_token"
	bench_wrk "$name-$round" "$port" "$session" "$MEASURE_SECONDS" "$call_token" "$BENCH_PID"
	results[$name-$round]=$BENCH_RESULT
	bench_stop "$BENCH_PID"
	# the audit lines are written by a background thread: counted once the server has stopped
	audit[$name-$round]=$(grep -c 'decision=allow' "$BENCH_WORK/$name-$round.log" || true)
done

mean() { # KEY NAME: the mean of a RESULT field over the two rounds
	awk -v a="$(bench_field "$1" "${results[$2-1]}")" -v b="$(bench_field "$1" "${results[$2-2]}")" \
		'BEGIN { printf "%.1f", (a + b) / 2 }'
}

printf '  %-40s %9s %8s %8s %8s %9s %6s %6s %8s\n' "" "req/s" "p50 ms" "p90 ms" "p99 ms" "requests" "non2xx" "load" "cpu µs"
for name in "${names[@]}"; do
	for round in 1 2; do
		BENCH_RESULT=${results[$name-$round]}
		printf '  %-40s %9s %8s %8s %8s %9s %6s %6s %8s\n' "${labels[$name]} ($round)" "$(bench_field rps)" \
			"$(bench_ms "$(bench_field p50_us)")" "$(bench_ms "$(bench_field p90_us)")" \
			"$(bench_ms "$(bench_field p99_us)")" "$(bench_field requests)" "$(bench_field non2xx)" \
			"$(bench_field load1)" "$(bench_field server_cpu_us)"
		bench_wrk_problems
	done
done
echo "  cpu µs = the server JVM's CPU time (user + system) per request during the measurement."
echo
echo "Relative cost of authorization (means of the two rounds vs auth none; negative = slower):"
for name in external external-nocache; do
	awk -v label="${labels[$name]}" -v r0="$(mean rps none)" -v r="$(mean rps "$name")" \
		-v l0="$(mean p50_us none)" -v l="$(mean p50_us "$name")" \
		-v c0="$(mean server_cpu_us none)" -v c="$(mean server_cpu_us "$name")" \
		'BEGIN { printf "  %-38s throughput %+6.1f %% (%.0f vs %.0f req/s)   p50 latency %+6.1f %%   server CPU per request %+6.1f %%\n",
			label, (r / r0 - 1) * 100, r, r0, (l / l0 - 1) * 100, (c / c0 - 1) * 100 }'
done
echo "  Target: authentication costs at most 10 % of throughput."
echo "  (in external mode every allowed call also writes one INFO audit line: ${audit[external-1]} and"
echo "   ${audit[external-2]} 'decision=allow' lines in the two external runs, warm-up included)"
echo
echo "Total time: $((($(bench_now_us) - started) / 1000000)) s"
