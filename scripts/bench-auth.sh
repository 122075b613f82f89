#!/usr/bin/env bash
# Cost of authorization on `tools/call get_forecast`, about 1.5 minutes, 127.0.0.1 only. The same
# jar, in one run, one configuration after the other, each on a fresh server with a 5 s warm-up
# before a 10 s wrk measurement:
#   1. auth mode none;
#   2. auth mode external, an RS256 bearer token checked against a JWKS (validated-token cache on,
#      the default: the signature is verified once, then the token is trusted until it expires);
#   3. the same with --amagasa.auth.token.cache-validated-tokens=false (signature verified on
#      every request).
# The token is minted by scripts/lib/mint-token.mjs (Node built-in crypto); the JWKS and the NWS API
# are served by a local WireMock stub, with cacheable NWS answers (max-age=3600).
# Builds the server first when amagasa-server/target/amagasa-server.jar is missing.
# Usage: scripts/bench-auth.sh
set -euo pipefail
# shellcheck source=lib/bench-lib.sh
source "$(dirname "$0")/lib/bench-lib.sh"

WARMUP_SECONDS=5
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
declare -A labels=([none]="auth none"
	[external]="external, validated-token cache on"
	[external-nocache]="external, cache-validated-tokens=false")
declare -A results audit
for name in "${names[@]}"; do
	case "$name" in
	none) args=(--amagasa.auth.mode=none) ;;
	external) args=("${external[@]}") ;;
	external-nocache) args=("${external[@]}" --amagasa.auth.token.cache-validated-tokens=false) ;;
	esac
	bench_start_server "$name" plain "$port" "${nws[@]}" "${args[@]}"
	bench_wait_ready "$BENCH_PID" "$port" "$name"
	call_token=""
	if [ "$name" != none ]; then
		call_token=$token
		bench_expect_unauthorized "$port" "$name"
	fi
	session=$(bench_mcp_session "$port" "$call_token")
	bench_check_forecast "$port" "$session" "$call_token"
	bench_wrk "warmup-$name" "$port" "$session" "$WARMUP_SECONDS" "$call_token"
	bench_wrk "$name" "$port" "$session" "$MEASURE_SECONDS" "$call_token"
	results[$name]=$BENCH_RESULT
	audit[$name]=$(grep -c 'decision=allow' "$BENCH_WORK/$name.log" || true)
	bench_stop "$BENCH_PID"
done

bench_wrk_header
for name in "${names[@]}"; do
	BENCH_RESULT=${results[$name]}
	bench_wrk_row "${labels[$name]}"
	bench_wrk_problems
done
echo
echo "Relative cost of authorization (vs auth none, same run; negative = slower):"
base_rps=$(bench_field rps "${results[none]}")
base_p50=$(bench_field p50_us "${results[none]}")
base_p99=$(bench_field p99_us "${results[none]}")
for name in external external-nocache; do
	awk -v label="${labels[$name]}" -v r0="$base_rps" -v r="$(bench_field rps "${results[$name]}")" \
		-v l0="$base_p50" -v l="$(bench_field p50_us "${results[$name]}")" \
		-v q0="$base_p99" -v q="$(bench_field p99_us "${results[$name]}")" \
		'BEGIN { printf "  %-38s throughput %+6.1f %%   p50 latency %+6.1f %%   p99 latency %+6.1f %%\n",
			label, (r / r0 - 1) * 100, (l / l0 - 1) * 100, (q / q0 - 1) * 100 }'
done
echo "  (in external mode every allowed call also writes one INFO audit line: ${audit[external]} and"
echo "   ${audit[external-nocache]} 'decision=allow' lines in the two external runs, warm-up included)"
echo
echo "Total time: $((($(bench_now_us) - started) / 1000000)) s"
