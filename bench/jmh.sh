#!/usr/bin/env bash
# JMH, in one run: the in-process mint use case per algorithm x grants (MintBenchmark) next to the
# raw signature primitive per provider source (SignatureBenchmark), the floor, and check_access with
# exact and prefix grants (CheckAccessBenchmark). Extra arguments go
# to JMH (a benchmark regex first, e.g. 'MintBenchmark' -p alg=ES256); results also land in
# bench/target/jmh-result.json.
#
#   bench/jmh.sh                       # JDK 25 if installed, else `java`
#   JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java bench/jmh.sh SignatureBenchmark
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/java.sh
. bench/build.sh
JAR=bench/target/benchmarks.jar

"$JAVA" -version 2>&1 | head -1
if [ $# -eq 0 ]; then
  set -- 'MintBenchmark|SignatureBenchmark|CheckAccessBenchmark'
fi
exec "$JAVA" -jar "$JAR" "$@" -rf json -rff bench/target/jmh-result.json
