# Sourced by the bench scripts: builds the jars (tokenmint.jar, benchmarks.jar) when either is
# missing or older than any source or pom, so a benchmark never measures stale code.
stale=$(find pom.xml ./*/pom.xml ./*/src -newer bench/target/benchmarks.jar -type f -print -quit 2>/dev/null || true)
if [ ! -f bench/target/benchmarks.jar ] || [ ! -f bootstrap/target/tokenmint.jar ] || [ -n "$stale" ]; then
  echo "building the jars (${stale:-missing})" >&2
  ./mvnw -q -B -DskipTests package
fi
