#!/usr/bin/env bash
# Cases benchmark: a synthetic labeled archive of N tiles (1536-d, slides of 100 tiles, 40 classes,
# cases of one to three slides; index/src/test/java/io/histoseek/index/bench/CasesBench.java), then
# `./histoseek labels --import` and `./histoseek evaluate` at tile and slide level, timed. Minutes at
# 100k (building the archive is the longest part); run it with nice on a quiet machine.
#   bench/cases.sh              N=100000
#   N=20000 bench/cases.sh      a quicker run; KEEP=1 keeps the archive and reports
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n=${N:-100000}
work=${TMPDIR:-/tmp}/histoseek-cases-bench-$n
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow

# One reactor run (never `mvn install`); `package` also builds app/target for ./histoseek.
mvn -B -q -o -pl app -am package dependency:build-classpath -DskipTests -Dinstaller.skip=true -Dmdep.outputFile=target/cp.txt
rm -rf "$work" && mkdir -p "$work/classes"
# A copy of the classes, so that building in this tree meanwhile does not change a run half-way.
cp -r "$root/index/target/classes" "$work/classes/main" && cp -r "$root/index/target/test-classes" "$work/classes/test"
cp="$work/classes/test:$work/classes/main:$(cat "$root/index/target/cp.txt")"
java=("$JAVA_HOME/bin/java" -Xmx6g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector)

log=$work/bench.log
echo "bench: building a labeled archive of $n tiles" | tee "$log"
nice "${java[@]}" -cp "$cp" io.histoseek.index.bench.CasesBench build "$work/archive" "$n" 2>&1 | grep -v "incubator modules" | tee -a "$log"
timed() {
  local name=$1; shift
  local start ms
  start=$(date +%s%N)
  nice "$root/histoseek" "$@" > "$work/$name.out" 2> "$work/$name.err"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf 'RESULT %s n=%d seconds=%d.%03d\n' "$name" "$n" $((ms / 1000)) $((ms % 1000)) | tee -a "$log"
  grep -v "^report: " "$work/$name.out" | sed 's/^/  /' | tee -a "$log"
}
timed labels-import labels --archive "$work/archive" --import "$work/labels.csv"
timed evaluate-tiles-level evaluate --archive "$work/archive" -k 1,5 --min-agreement 0.6 --out "$work/report-tiles"
timed evaluate-slide-level evaluate --archive "$work/archive" -k 1,5 --level slide --out "$work/report-slides"
[[ "${KEEP:-}" == 1 ]] || rm -rf "$work/archive" "$work/classes"
echo "bench: log in $log"
