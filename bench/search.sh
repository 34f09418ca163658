#!/usr/bin/env bash
# End-to-end point search latency on a real archive (SQLite + HNSW file) of synthetic 1536-d tiles.
# The first run builds the archive and its index (minutes); later runs reuse them.
#   bench/search.sh          TILES=200000, EFC=200 (efConstruction of the index build) by default
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tiles=${TILES:-200000}
work=$root/index/target/bench
mkdir -p "$work"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
mvn -B -q -o -pl index -am test-compile -DskipTests
mvn -B -q -o -pl index dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="$root/index/target/test-classes:$root/index/target/classes:$(cat "$work/cp.txt")"
nice "$JAVA_HOME/bin/java" -Xmx8g --add-modules jdk.incubator.vector -cp "$cp" \
  io.histoseek.index.bench.SearchBench "$work" "$tiles" "${EFC:-200}" 2>&1 | grep -v "incubator modules" | tee "$work/search-$tiles.log"
