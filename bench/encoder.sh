#!/usr/bin/env bash
# Encoder benchmark: our DJL forward vs TorchScript (tiny fixture), then a real-size
# random-weight model (default depth 40, 2 tiles; it writes a ~4.5 GB temp file and deletes it).
# Usage: bench/encoder.sh [real-depth (0 skips)] [real-tiles] [work dir]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
mvn -B -q -o -pl model test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
  -Dhistoseek.shared="$root/../shared" \
  -cp "model/target/test-classes:model/target/classes:$(cat model/target/bench.classpath)" \
  io.histoseek.model.bench.EncoderBenchmark "$@"
