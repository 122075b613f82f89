#!/usr/bin/env bash
# Cost of authorization on `tools/call get_forecast`, about 22 minutes, 127.0.0.1 only. The same jar,
# four servers side by side, one per configuration:
#   1. auth mode none;
#   2. auth mode none, every request carrying the same Authorization header as in 3 (ignored): what
#      merely carrying a bearer token costs (the server's HTTP parser reads it, the MCP transport copies
#      every header), the floor under any authorization;
#   3. auth mode external, an RS256 bearer token checked against a JWKS (validated-token cache on,
#      the default: the signature is verified once, then the token is trusted until it expires);
#   4. the same with --amagasa.auth.token.cache-validated-tokens=false (signature verified on
#      every request);
#   5. (not by default; CONFIGS) external-noaudit: as 3, with --logging.level.amagasa.audit=warn, so that
#      no decision line is written: what authentication and the policy cost without the audit line, and
#      so what the audit line (RS-26) costs.
# Each server is warmed up on its own until its JIT compiler is quiet (bench_warm in
# scripts/lib/bench-lib.sh: wrk with 2 connections in 10 s rounds, then 20 s at full concurrency). Fixed
# full-concurrency warm-ups were not enough on 2 cores: the request threads starve the compiler, two
# minutes in it was still compiling the request path for the first time, and the configuration with more
# code (authorization) was measured further from its steady state.
# Then ROUNDS rounds of one 10 s wrk run per server, the servers taking turns (the order reversed every
# other round), while the others idle: the machine's drift, which on this shared machine moves a single
# run by 10 % and more, weighs on every configuration alike. The figures compared are the means over
# the rounds; the spread of each is printed. Because the machine's speed can change within a minute, each
# round's external (and none-token) run is also compared with the none run next to it in time (none sits
# between the two in every round's order, so each pair is back to back), and the median of those paired
# ratios is printed too: it is what one drift-free comparison would show. Last, SIDE_ROUNDS runs with
# none and external loaded at the same time (one wrk each): the drift hits both alike, but how the
# scheduler shares the two cores between the servers still varies from run to run (one such round put
# external 15 % ahead of none), so these rounds are a cross-check, not the figure.
# Both external servers are configured with the same public URL (the first one's), so that one token,
# audience that URL's /mcp, fits both.
# The token is minted by scripts/lib/mint-token.mjs (Node built-in crypto); the JWKS and the NWS API
# are served by a local WireMock stub, with cacheable NWS answers (max-age=3600).
# Builds the server first when amagasa-server/target/amagasa-server.jar is missing.
# Each server is one JVM, and one JVM's steady state differs from the next one's by as much as 10 % here
# (where its JIT compiler inlined what), which no number of rounds averages out: FORKS=n repeats it all
# with n fresh sets of servers, and the figures are then over every fork's rounds, with each fork's own
# printed too. CONFIGS picks the configurations (none and external are always needed).
# NWS=cached (the default) serves the forecast from the server's cache, so that the tool costs next to
# nothing and authorization's share is the largest it can be; NWS=uncached makes every call fetch both
# NWS documents from the stub, as the quickstart's weather server (which caches nothing) does.
# wrk's figures move with the machine, and on a shared 2-core machine even servers taking turns every 10 s
# see different machines. So, last, PROFILE_ROUNDS rounds with the last fork in which async-profiler
# samples each server's CPU during its run, and each server's CPU is counted in units of what the MCP
# transport spends on the same request, less its parse of the message text, which with authorization on
# the authorization filter does for it (bench_wrk_profiled in scripts/lib/bench-lib.sh): a figure that
# a slow minute does not move, because it slows the transport just as much. (On one noisy machine, wrk
# put none-token, which only carries the token, 10 to 16 % behind none; its CPU profiles, 3 %.) With
# NWS=uncached the figure does not hold still: much of the CPU is then the HTTP client's own threads,
# outside the transport, and none's two profiled runs differed by 6 %.
# Usage: scripts/bench-auth.sh   (environment: ROUNDS, default 6; SIDE_ROUNDS, default 3, and
#        PROFILE_ROUNDS, default 2, run with the last fork; FORKS, default 1; NWS, default cached;
#        CONFIGS, default "none-token none external external-nocache"; external-noaudit on request)
set -euo pipefail
# shellcheck source=lib/bench-lib.sh
source "$(dirname "$0")/lib/bench-lib.sh"

MEASURE_SECONDS=10
ROUNDS=${ROUNDS:-6}
SIDE_ROUNDS=${SIDE_ROUNDS:-3}
PROFILE_ROUNDS=${PROFILE_ROUNDS:-2}
PROFILE_SECONDS=15
FORKS=${FORKS:-1}
NWS=${NWS:-cached}
[[ $NWS = cached || $NWS = uncached ]] || bench_die "NWS must be cached or uncached, not $NWS"
read -ra names <<<"${CONFIGS:-none-token none external external-nocache}"

started=$(bench_now_us)
bench_require java jcmd wrk curl jq unzip awk node
bench_prepare_jar
((PROFILE_ROUNDS == 0)) || bench_profiler_prepare

echo "Amagasa authorization cost benchmark (scripts/bench-auth.sh), $(date '+%F %T')"
bench_machine_notes
echo

declare -A labels=([none]="auth none" [none-token]="auth none, token sent (ignored)"
	[external]="external, validated-token cache on"
	[external-nocache]="external, cache-validated-tokens=false"
	[external-noaudit]="external, no audit lines")
for name in "${names[@]}"; do [ -n "${labels[$name]:-}" ] || bench_die "CONFIGS: unknown configuration $name"; done
[[ " ${names[*]} " = *" none "* && " ${names[*]} " = *" external "* ]] || bench_die "CONFIGS must name none and external"
# the order of every other round: the reverse
reversed=()
for ((i = ${#names[@]} - 1; i >= 0; i--)); do reversed+=("${names[$i]}"); done
declare -A ports pids sessions tokens warm
stub_port=$(bench_free_port)
issuer="http://127.0.0.1:$stub_port/issuer"
# The resource identifier of every external server, whatever port it listens on (the DNS-rebinding check
# lets loopback hosts through): so that one token, audience that URL's /mcp, fits them all.
public_base="http://localhost:$(bench_free_port)"
audience="$public_base/mcp"
token=$(node "$BENCH_LIB/mint-token.mjs" "$issuer" "$audience" "$BENCH_WORK/jwks.json" weather.read 3600)
bench_start_stub "$stub_port" "$BENCH_WORK/jwks.json"

nws=(--amagasa.weather.nws-base-url="http://127.0.0.1:$stub_port/$NWS")
external=(--amagasa.auth.mode=external --amagasa.auth.external.issuer="$issuer"
	--amagasa.auth.external.jwk-set-uri="http://127.0.0.1:$stub_port/jwks.json"
	--amagasa.public-base-url="$public_base")

echo "How: wrk ${BENCH_WRK_ARGS[*]} -d${MEASURE_SECONDS}s -s scripts/lib/mcp-tools-call.lua, each request a POST /mcp"
echo "  tools/call get_forecast(39.7456, -97.0892) on one MCP session per server (java -jar), each server"
echo "  warmed up first (not counted: wrk -c2 in 10 s rounds until one compiles fewer than $BENCH_JIT_QUIET methods,"
echo "  then 20 s at -c16), then $ROUNDS rounds of one run per server, taking turns; all that $FORKS time(s) with"
if [ "$NWS" = cached ]; then
	echo "  fresh servers (forks). NWS answers come from a WireMock stub with Cache-Control max-age=3600, so the"
	echo "  forecast is served from the server's cache (NWS=cached): the servers differ by authorization only."
else
	echo "  fresh servers (forks). NWS answers come from a WireMock stub without Cache-Control, so every call"
	echo "  fetches the point and the forecast from it (NWS=uncached), as the quickstart's weather server does."
fi
echo "  external: one RS256 token (2048-bit key, iss $issuer,"
echo "  aud $audience, scope weather.read, client_id, sub, exp +1 h), JWKS from the stub. none-token: auth none,"
echo "  with that same Authorization header on every request (ignored)."
echo "  non2xx = wrk's 'Non-2xx or 3xx responses' line; every body is also checked for a forecast."
echo "  load = 1-minute load average right after the run: how busy the machine was, to compare rows."
echo

declare -A results side audit profiled
for ((fork = 1; fork <= FORKS; fork++)); do
	taken=" $stub_port "
	ports=()
	for name in "${names[@]}"; do
		# free now, and not one picked for another process that has not started listening yet
		until [ -n "${ports[$name]:-}" ] && [[ $taken != *" ${ports[$name]} "* ]]; do ports[$name]=$(bench_free_port); done
		taken+="${ports[$name]} "
	done
	for name in "${names[@]}"; do
		case "$name" in
		none) args=(--amagasa.auth.mode=none) tokens[$name]="" ;;
		none-token) args=(--amagasa.auth.mode=none) tokens[$name]=$token ;;
		external) args=("${external[@]}") tokens[$name]=$token ;;
		external-nocache) args=("${external[@]}" --amagasa.auth.token.cache-validated-tokens=false) tokens[$name]=$token ;;
		external-noaudit) args=("${external[@]}" --logging.level.amagasa.audit=warn) tokens[$name]=$token ;;
		esac
		bench_start_server "$name-$fork" plain "${ports[$name]}" "${nws[@]}" "${args[@]}"
		pids[$name]=$BENCH_PID
		bench_wait_ready "$BENCH_PID" "${ports[$name]}" "$name"
		[[ $name = none* ]] || bench_expect_unauthorized "${ports[$name]}" "$name"
		sessions[$name]=$(bench_mcp_session "${ports[$name]}" "${tokens[$name]}")
		bench_check_forecast "${ports[$name]}" "${sessions[$name]}" "${tokens[$name]}"
	done
	for name in "${names[@]}"; do
		bench_log "fork $fork of $FORKS: warming up $name..."
		bench_warm "${pids[$name]}" "${ports[$name]}" "${sessions[$name]}" "${tokens[$name]}"
		warm[$name]+="${warm[$name]:+, }$BENCH_WARM_SECONDS s"
		((BENCH_WARM_COMPILES < BENCH_JIT_QUIET)) || warm[$name]+=" (JIT not quiet: $BENCH_WARM_COMPILES)"
	done
	for ((i = 1; i <= ROUNDS; i++)); do
		round=$(((fork - 1) * ROUNDS + i))
		order=("${names[@]}")
		((round % 2)) || order=("${reversed[@]}")
		for name in "${order[@]}"; do
			bench_wrk "$name-$round" "${ports[$name]}" "${sessions[$name]}" "$MEASURE_SECONDS" "${tokens[$name]}" "${pids[$name]}"
			results[$name-$round]=$BENCH_RESULT
		done
	done
	# Profiled, with the last fork, the servers taking turns as in the rounds.
	for ((round = 1; fork == FORKS && round <= PROFILE_ROUNDS && ${#BENCH_PROFILER} > 0; round++)); do
		order=("${names[@]}")
		((round % 2)) || order=("${reversed[@]}")
		for name in "${order[@]}"; do
			bench_wrk_profiled "profiled-$name-$round" "${ports[$name]}" "${sessions[$name]}" "$PROFILE_SECONDS" \
				"${tokens[$name]}" "${pids[$name]}"
			profiled[$name-$round]=$BENCH_RESULT
		done
	done
	# Side by side, with the last fork: none and external loaded at the same time, each by its own wrk, so
	# that both see the same machine at the same moment; they share its two cores, as the scheduler deals
	# them out.
	for ((round = 1; fork == FORKS && round <= SIDE_ROUNDS; round++)); do
		side_pids=()
		for name in none external; do
			(
				bench_wrk "side-$name-$round" "${ports[$name]}" "${sessions[$name]}" "$MEASURE_SECONDS" "${tokens[$name]}" \
					"${pids[$name]}"
				echo "$BENCH_RESULT" >"$BENCH_WORK/side-$name-$round.result"
			) &
			side_pids+=("$!")
		done
		for pid in "${side_pids[@]}"; do wait "$pid" || bench_die "a side-by-side wrk run failed"; done
		for name in none external; do side[$name-$round]=$(<"$BENCH_WORK/side-$name-$round.result"); done
	done
	for name in "${names[@]}"; do
		bench_stop "${pids[$name]}"
		# the audit lines are written by a background thread: counted once the server has stopped
		audit[$name]=$((${audit[$name]:-0} + $(grep -c 'decision=allow' "$BENCH_WORK/$name-$fork.log" || true)))
	done
done
ALL_ROUNDS=$((FORKS * ROUNDS))

spread() { # KEY NAME [FORK]: "mean min max" of a RESULT field over the rounds (of one fork)
	local round first=1 last=$ALL_ROUNDS
	[ -z "${3:-}" ] || { first=$((($3 - 1) * ROUNDS + 1)) last=$(($3 * ROUNDS)); }
	for ((round = first; round <= last; round++)); do bench_field "$1" "${results[$2-$round]}"; done |
		awk '{ s += $1; if (NR == 1 || $1 < lo) lo = $1; if (NR == 1 || $1 > hi) hi = $1 } END { printf "%.1f %s %s\n", s / NR, lo, hi }'
}
mean() { spread "$1" "$2" "${3:-}" | cut -d' ' -f1; }
compared=()   # every configuration but none
for name in "${names[@]}"; do [ "$name" = none ] || compared+=("$name"); done

printf '  %-40s %9s %8s %8s %8s %9s %6s %6s %8s\n' "" "req/s" "p50 ms" "p90 ms" "p99 ms" "requests" "non2xx" "load" "cpu µs"
for name in "${names[@]}"; do
	for ((round = 1; round <= ALL_ROUNDS; round++)); do
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
echo "Per configuration, over the $ALL_ROUNDS rounds (mean, min-max):"
for name in "${names[@]}"; do
	read -r r rlo rhi < <(spread rps "$name")
	read -r c clo chi < <(spread server_cpu_us "$name")
	printf '  %-40s %7.0f req/s (%s-%s)   %5.0f µs CPU/request (%s-%s)   warm-up %s\n' "${labels[$name]}" \
		"$r" "$rlo" "$rhi" "$c" "$clo" "$chi" "${warm[$name]}"
done
echo
echo "Relative cost of authorization (means over the rounds vs auth none; negative = slower):"
for name in "${compared[@]}"; do
	awk -v label="${labels[$name]}" -v r0="$(mean rps none)" -v r="$(mean rps "$name")" \
		-v l0="$(mean p50_us none)" -v l="$(mean p50_us "$name")" \
		-v c0="$(mean server_cpu_us none)" -v c="$(mean server_cpu_us "$name")" \
		'BEGIN { printf "  %-38s throughput %+6.1f %% (%.0f vs %.0f req/s)   p50 latency %+6.1f %%   server CPU per request %+6.1f %%\n",
			label, (r / r0 - 1) * 100, r, r0, (l / l0 - 1) * 100, (c / c0 - 1) * 100 }'
done
for name in "${compared[@]}"; do
	for ((round = 1; round <= ALL_ROUNDS; round++)); do
		awk -v r0="$(bench_field rps "${results[none-$round]}")" -v r="$(bench_field rps "${results[$name-$round]}")" \
			'BEGIN { printf "%.1f\n", (r / r0 - 1) * 100 }'
	done | sort -n | awk -v label="${labels[$name]}" '{ v[NR] = $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "  %-38s throughput %+6.1f %% (median of the %d paired rounds; they range %+.1f to %+.1f %%)\n", label, m, NR, v[1], v[NR] }'
done
if ((FORKS > 1)); then
	echo
	echo "Each fork on its own (means over its $ROUNDS rounds vs its own none server):"
	for ((fork = 1; fork <= FORKS; fork++)); do
		for name in "${compared[@]}"; do
			awk -v label="${labels[$name]}" -v fork="$fork" -v r0="$(mean rps none "$fork")" -v r="$(mean rps "$name" "$fork")" \
				-v c0="$(mean server_cpu_us none "$fork")" -v c="$(mean server_cpu_us "$name" "$fork")" \
				'BEGIN { printf "  fork %d: %-38s throughput %+6.1f %% (%.0f vs %.0f req/s)   server CPU per request %.0f vs %.0f µs (%+.1f %%)\n",
					fork, label, (r / r0 - 1) * 100, r, r0, c, c0, (c / c0 - 1) * 100 }'
		done
	done
fi
# Against none-token: the same request bytes and the same load-generator work as external, so what is left
# is what the server spends on authorization. Carrying a 1 KB token costs the server's HTTP parser some
# 4 µs per request (Tomcat reads header bytes one at a time) and wrk, which shares the machine, 2-3 µs.
if [[ " ${names[*]} " = *" none-token "* ]]; then
	echo
	echo "What authorization adds to carrying the token (vs auth none with the same token sent and ignored):"
	for name in "${compared[@]}"; do
		[ "$name" = none-token ] && continue
		awk -v label="${labels[$name]}" -v r0="$(mean rps none-token)" -v r="$(mean rps "$name")" \
			-v c0="$(mean server_cpu_us none-token)" -v c="$(mean server_cpu_us "$name")" \
			'BEGIN { printf "  %-38s throughput %+6.1f %% (%.0f vs %.0f req/s)   server CPU per request %+6.1f %%\n",
				label, (r / r0 - 1) * 100, r, r0, (c / c0 - 1) * 100 }'
		for ((fork = 1; FORKS > 1 && fork <= FORKS; fork++)); do
			awk -v fork="$fork" -v r0="$(mean rps none-token "$fork")" -v r="$(mean rps "$name" "$fork")" \
				'BEGIN { printf "    fork %d: %+6.1f %% (%.0f vs %.0f req/s)\n", fork, (r / r0 - 1) * 100, r, r0 }'
		done
	done
fi
# The audit line of every decision (RS-26) is written by a background thread, and its share of the cost
# shows only against the same server without it.
if [[ " ${names[*]} " = *" external-noaudit "* ]]; then
	echo
	echo "What the decision lines cost (external vs external-noaudit, the same server but for the audit line):"
	awk -v r0="$(mean rps external-noaudit)" -v r="$(mean rps external)" \
		-v c0="$(mean server_cpu_us external-noaudit)" -v c="$(mean server_cpu_us external)" \
		'BEGIN { printf "  throughput %+6.1f %% (%.0f vs %.0f req/s)   server CPU per request %+6.1f %%\n",
			(r / r0 - 1) * 100, r, r0, (c / c0 - 1) * 100 }'
	for ((fork = 1; FORKS > 1 && fork <= FORKS; fork++)); do
		awk -v fork="$fork" -v r0="$(mean rps external-noaudit "$fork")" -v r="$(mean rps external "$fork")" \
			'BEGIN { printf "    fork %d: %+6.1f %% (%.0f vs %.0f req/s)\n", fork, (r / r0 - 1) * 100, r, r0 }'
	done
fi
echo
if ((PROFILE_ROUNDS > 0)) && [ -z "$BENCH_PROFILER" ]; then
	echo "CPU profiles: none ($BENCH_PROFILER_WHY)."
	echo
elif ((PROFILE_ROUNDS > 0)); then
	echo "CPU per request in units of the MCP transport's own CPU for the same request, less its parse of the"
	echo "message (async-profiler, cpu-clock every 1 ms; $PROFILE_ROUNDS profiled ${PROFILE_SECONDS} s run(s) per server with the last"
	echo "fork; the machine's speed cancels out):"
	declare -A per_transport
	for name in "${names[@]}"; do
		runs=""
		for ((round = 1; round <= PROFILE_ROUNDS; round++)); do
			runs+="${runs:+ / }$(bench_field per_transport "${profiled[$name-$round]}")"
		done
		per_transport[$name]=$(awk -v runs="$runs" 'BEGIN { n = split(runs, v, " / "); for (i = 1; i <= n; i++) s += v[i]; printf "%.3f", s / n }')
		printf '  %-40s %s   (runs %s)\n' "${labels[$name]}" "${per_transport[$name]}" "$runs"
	done
	for name in "${compared[@]}"; do
		awk -v label="${labels[$name]}" -v p0="${per_transport[none]}" -v p="${per_transport[$name]}" \
			'BEGIN { printf "  %-38s server CPU per request %+6.1f %% vs auth none\n", label, (p / p0 - 1) * 100 }'
	done
	[ -z "${per_transport[external-noaudit]:-}" ] ||
		awk -v p0="${per_transport[external-noaudit]}" -v p="${per_transport[external]}" -v p00="${per_transport[none]}" \
			'BEGIN { printf "  the decision lines: %+.1f %% of external-noaudit'"'"'s CPU per request (%+.1f points of auth none'"'"'s)\n",
				(p / p0 - 1) * 100, (p - p0) / p00 * 100 }'
	echo "  On a machine the load generator shares, throughput falls by less than the server's CPU per request"
	echo "  rises (wrk's share of the CPU is unchanged), plus what carrying the token costs wrk."
	[ "$NWS" = cached ] || echo "  NWS=uncached: the NWS client's threads work outside the transport, so these figures vary from run to run."
	echo
fi
if ((SIDE_ROUNDS > 0)); then
	echo "Side by side ($SIDE_ROUNDS rounds, none and external loaded at the same time, one wrk each, sharing the machine):"
	for ((round = 1; round <= SIDE_ROUNDS; round++)); do
		awk -v r0="$(bench_field rps "${side[none-$round]}")" -v r="$(bench_field rps "${side[external-$round]}")" \
			-v c0="$(bench_field server_cpu_us "${side[none-$round]}")" -v c="$(bench_field server_cpu_us "${side[external-$round]}")" \
			-v round="$round" 'BEGIN { printf "  round %d: external %.0f vs none %.0f req/s, throughput %+6.1f %%   server CPU per request %.0f vs %.0f µs (%+.1f %%)\n",
				round, r, r0, (r / r0 - 1) * 100, c, c0, (c / c0 - 1) * 100 }'
		for name in none external; do
			BENCH_RESULT=${side[$name-$round]}
			bench_wrk_problems
		done
	done
fi
echo
echo "  Target: authentication costs at most 10 % of throughput."
audited=()
for name in "${compared[@]}"; do [[ $name = none* ]] || audited+=("$name ${audit[$name]}"); done
echo "  (in external mode every allowed call also writes one INFO audit line; 'decision=allow' lines, warm-up"
echo "   included: $(IFS=';'; echo "${audited[*]}" | sed 's/;/; /g'))"
echo
echo "Total time: $((($(bench_now_us) - started) / 1000000)) s"
