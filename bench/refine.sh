#!/usr/bin/env bash
# Refine-by-example and heat-map benchmark (index/src/test/java/io/histoseek/index/bench/RefineBench.java):
# a synthetic archive of SLIDES x PER_SLIDE 1536-d tiles written through the archive API, then the heat
# map of a 10,000-tile slide and the search run again with 1-5 examples. Run it with nice on a quiet
# machine; the archive (~7 KB per tile) goes under the system temp folder and is kept for the next run
# (KEEP=0 removes it).
#   bench/refine.sh                  10 slides x 10,000 tiles = 100,000 tiles
#   SLIDES=2 bench/refine.sh         a smaller archive
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
slides=${SLIDES:-10}
per_slide=${PER_SLIDE:-10000}
work=${TMPDIR:-/tmp}/histoseek-bench/refine-$slides-$per_slide
mkdir -p "$work"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow

# One reactor run, so histoseek-model resolves to its target folder (never `mvn install`).
mvn -B -q -o -pl index -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
rm -rf "$work/classes" && mkdir -p "$work/classes"
cp -r "$root/index/target/classes" "$work/classes/main" && cp -r "$root/index/target/test-classes" "$work/classes/test"
cp="$work/classes/test:$work/classes/main:$root/model/target/classes:$(cat "$root/index/target/cp.txt")"
java=("$JAVA_HOME/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector)
bench() { nice "${java[@]}" -cp "$cp" io.histoseek.index.bench.RefineBench "$@" 2>&1 | grep -v "incubator modules"; }

if [[ ! -d "$work/archive" ]]; then
  bench build "$work/archive" "$slides" "$per_slide" | tee "$work/build.log"
fi
echo "bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
bench measure "$work/archive" | tee "$work/measure.log"
[[ "${KEEP:-1}" == 1 ]] || rm -rf "$work"
