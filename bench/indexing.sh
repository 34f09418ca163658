#!/usr/bin/env bash
# Benchmark 7c: indexing throughput (tiles/s) with the tiny fixture model on the shared slides,
# and where the time goes (prepare = open + tissue detection, read, encode, store, encoder wait).
# Usage: bench/indexing.sh [BATCH] [READER_THREADS...]   (defaults: 16, then 1 and 2 readers)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
shared=${HISTOSEEK_SHARED:-$(pwd)/../shared}
batch=${1:-16}
shift || true
threads=("$@")
(( ${#threads[@]} )) || threads=(1 2)

log=$(mktemp)
if ! mvn -B -q -pl index -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"
cp="index/target/test-classes:index/target/classes:model/target/classes:$(cat index/target/bench.classpath)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Dai.djl.offline=true \
  -cp "$cp" io.histoseek.index.pipeline.bench.IndexingBenchmark \
  "$shared/fixtures/model/tiny-hoptimus.pth" "$shared/data/slides" 3 "$batch" "${threads[@]}" 2>&1 \
  | grep -v '^WARNING: Using incubator modules'
