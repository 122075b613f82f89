#!/usr/bin/env bash
# JMH benchmark of access token verification per request (amagasa-resource-server, token/bench):
# cold = signature verified every time, warm = validated-token cache hit; RS256 and ES256; signatures
# checked by the JDK's provider or by AWS-LC (amagasa.auth.token.signature-provider).
# Short configuration (one fork, 2 warm-up and 3 measured iterations of 2 s), about two minutes.
# Extra arguments go to JMH, e.g. scripts/bench-token-verification.sh -p algorithm=ES256
set -euo pipefail
cd "$(dirname "$0")/.."

module=amagasa-resource-server
./mvnw -B -q -pl "$module" test-compile
./mvnw -B -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=test \
	-Dmdep.outputFile=target/bench-classpath.txt

# Run from a private copy of the classes, so that a build started meanwhile cannot pull them away.
snapshot=$(mktemp -d)
trap 'rm -rf "$snapshot"' EXIT
cp -r "$module/target/classes" "$snapshot/main"
cp -r "$module/target/test-classes" "$snapshot/test"
if [[ ! -f "$snapshot/test/META-INF/BenchmarkList" ]]; then
	echo "No JMH BenchmarkList in $module/target/test-classes: did the JMH annotation processor run?" >&2
	exit 1
fi
classpath="$snapshot/test:$snapshot/main:$(cat "$module/target/bench-classpath.txt")"
results="$module/target/bench-token-verification.csv"

java -cp "$classpath" org.openjdk.jmh.Main 'io.amagasa.resource.token.bench.TokenVerificationBenchmark' \
	-f 1 -wi 2 -w 2s -i 3 -r 2s -tu us -bm avgt -rf csv -rff "$results" "$@" | grep -A 10 '^Benchmark '

echo
echo "Verification cost per request (µs/op, ± 99.9% interval):"
awk -F, 'NR > 1 { gsub(/"/, ""); printf "  %-6s %-5s %-6s %10.3f ± %.3f\n", $8, $9, $10, $5, $6 }' "$results"
