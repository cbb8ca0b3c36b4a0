# Sourced by the bench scripts: JAVA is the JDK the benchmarks run on unless set: Temurin 25 where
# installed (the JDK the published figures come from), else the `java` on the PATH.
if [ -z "${JAVA:-}" ]; then
  if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  else
    JAVA=java
  fi
fi
# The JDK's home and the launcher the benchmarks start tokenmint with (its flags, and the archive
# made for this JDK when there is one).
JDK_HOME=$(cd "$(dirname "$(readlink -f "$(command -v "$JAVA")")")/.." && pwd -P) || JDK_HOME=""
LAUNCHER="$PWD/bin/tokenmint"

# The HTTP benchmarks need wrk, curl and the JDK; each stops with one line when one is missing.
require_http_tools() {
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
  command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 2; }
  [[ -x "$JAVA" || "$JAVA" == java ]] || { echo "no JDK at $JAVA" >&2; exit 2; }
}
