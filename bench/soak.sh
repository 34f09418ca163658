#!/usr/bin/env bash
# Soak (issue 12, item 7): for MINUTES, one process after another indexes a folder again and again
# (a changed slide re-indexed, a slide removed and indexed back, features imported: see the hook),
# while a long-lived process searches the archive every 100 ms and a third exports result galleries
# (app/src/test/java/io/histoseek/app/bench/SoakReader.java). Prints every writer step and, every
# REPORT seconds, each reader's operations, errors, rate, p50/p95 latency, live heap after a GC and
# RSS; ends with the totals. Errors must be 0, heap and RSS flat. Exit status 1 on any error.
#   bench/soak.sh 5                        five minutes, tiny fixture model, the shared slides
#   REPORT=60 nice bench/soak.sh 30        the 30-minute run, a line a minute
#   SKIP_BUILD=1 bench/soak.sh 5           use what app/target holds
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
minutes=${1:?usage: bench/soak.sh MINUTES}
report=${REPORT:-30}
shared=${HISTOSEEK_SHARED:-$root/../shared}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
work=$(mktemp -d "${TMPDIR:-/tmp}/histoseek-soak.XXXXXX")
slides=$work/slides archive=$work/archive
mkdir -p "$slides" "$work/galleries"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # One reactor run (never `mvn install`): the jars and lib/ the launcher uses, and the test classes.
  mvn -B -q -o -pl app -am package -DskipTests -Dinstaller.skip=true
fi
cp "$shared/data/slides/CMU-1-Small-Region.svs" "$slides/"
cp "$shared/data/slides/constructed/CMU-1-Small-Region_generic-tiled-0.5mpp.tif" "$slides/generic.tif"
# changing.svs alternates between two scans of the same tissue whose metadata (and so OpenSlide's quick hash) differ.
versions=("$shared/data/slides-no-mpp/CMU-1-Small-Region_appmag20-no-mpp.svs" "$shared/data/slides/CMU-1-Small-Region.svs")
cp "${versions[0]}" "$slides/changing.svs"

hs=("$root/histoseek")
index=(index "$slides" --archive "$archive" --checkpoint "$shared/fixtures/model/tiny-hoptimus.pth" --heads 3 --device cpu
  --threads 1 --batch-size 16)
writer_errors=0 steps=0
# step NAME COMMAND...: runs one writer command; a non-zero status, a failed slide or a stack trace is an error.
step() {
  local name=$1; shift
  local t0 out rc=0
  t0=$(date +%s%N)
  out=$("$@" 2>&1) || rc=$?
  steps=$((steps + 1))
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  local embedded
  embedded=$(sed -n 's/^slides_embedded: //p' <<<"$out")
  if (( rc != 0 )) || grep -Eq '^(slides|files)_failed: [1-9]|Exception|^\s+at ' <<<"$out"; then
    writer_errors=$((writer_errors + 1))
    echo "soak writer error in $name (status $rc): $(grep -v '^slides_\|^tiles_' <<<"$out" | head -3)"
  fi
  echo "soak writer t=$(( ($(date +%s) - begin) ))s $name ${ms}ms status=$rc${embedded:+ embedded=$embedded}"
}
# The import of patch features (issue 11): a TRIDENT/CLAM file of a slide that is not among these
# (recorded by name; imported again each cycle, replacing its tiles). Change it here to soak another import.
import_features_hook() {
  step "cycle $cycle: import features" "${hs[@]}" import --archive "$archive" --features "$shared/data/features/elsewhere/case-0042.h5"
}

begin=$(date +%s)
step "first index" "${hs[@]}" "${index[@]}"
(( writer_errors == 0 )) || { echo "soak: the first index failed; work folder $work" >&2; exit 1; }

cp="$root/app/target/test-classes:$root/app/target/histoseek-app.jar:$root/app/target/lib/*"
java=("$JAVA_HOME/bin/java" -Xss4m --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Dai.djl.offline=true
  -Djava.awt.headless=true -cp "$cp" io.histoseek.app.bench.SoakReader)
seconds=$(( minutes * 60 ))
"${java[@]}" search "$archive" "$seconds" "$report" 2>"$work/search.err" | tee "$work/search.log" &
searcher=$!
"${java[@]}" export "$archive" "$seconds" "$report" "$work/galleries" 2>"$work/export.err" | tee "$work/export.log" &
exporter=$!
trap 'kill $searcher $exporter 2>/dev/null || true' EXIT

end=$(( begin + seconds ))
cycle=0
while (( $(date +%s) < end )); do
  cycle=$((cycle + 1))
  cp "${versions[$((cycle % 2))]}" "$slides/.changing.tmp" && mv -f "$slides/.changing.tmp" "$slides/changing.svs" # changed: re-embedded
  step "cycle $cycle: re-index a changed slide" "${hs[@]}" "${index[@]}"
  (( $(date +%s) < end )) || break
  step "cycle $cycle: remove a slide" "${hs[@]}" remove --archive "$archive" generic.tif
  step "cycle $cycle: index it back" "${hs[@]}" "${index[@]}"
  import_features_hook
done
wait $searcher $exporter
trap - EXIT

reader_errors=$(cat "$work/search.log" "$work/export.log" | sed -n 's/^soak [a-z]* total .* errors=\([0-9]*\) .*/\1/p' | awk "{s += \$1} END {print s + 0}")
stray=$(cat "$work/search.err" "$work/export.err" | grep -cEv 'incubator modules|^$' || true)
echo "soak: ${minutes} min, $cycle writer cycles ($steps steps, $writer_errors errors); reader errors $reader_errors;" \
  "stderr lines from readers $stray; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); work folder $work"
(( writer_errors == 0 && reader_errors == 0 ))
