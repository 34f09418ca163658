#!/usr/bin/env bash
# Tile throughput, Histoseek (Java, FFM OpenSlide) against openslide-python + numpy
# (../shared/bench/tiles_peer.py, unchanged), on the same slides in one run, printed side by side.
# Hyperthreads or other load on the machine make the multi-thread rows meaningless: look at uptime.
#   bench/tiles.sh [PASSES] [THREADS]      (defaults: 3 passes, threads = CPU count)
#   BENCH_CLOCK=cpu bench/tiles.sh ...     rates per CPU-second of the reading thread, both sides
#       (the peer runs unchanged with time.perf_counter swapped for time.process_time): use it on
#       a shared, overloaded machine, where wall-clock rates swing by 2x between passes.
set -euo pipefail
cd "$(dirname "$0")/.."
passes=${1:-3}
threads=${2:-$(nproc)}
shared=${HISTOSEEK_SHARED:-../shared}
slides=("$shared/data/slides/CMU-1-Small-Region.svs"
        "$shared/data/slides/tcga-cr-7395-01a-01-ts1.svs"
        "$shared/data/slides/constructed/CMU-1-Small-Region_2x-upsampled_generic-tiled-0.25mpp.tif")
for s in "${slides[@]}"; do [[ -f $s ]] || { echo "bench: missing $s" >&2; exit 1; }; done

if ! /usr/bin/python3 -c 'import openslide, numpy, PIL' 2>/dev/null; then
  echo "bench: installing python3-openslide python3-numpy python3-pil" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-openslide python3-numpy python3-pil >/dev/null
fi

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# One reactor run, so histoseek-model resolves to model/target/classes (never `mvn install`).
mvn -B -q -pl index -am test-compile dependency:build-classpath -Dmdep.outputFile="$out/cp" -Dmdep.includeScope=test >/dev/null
cp="index/target/test-classes:index/target/classes:model/target/classes:$(cat "$out/cp")"

echo "bench: clock ${BENCH_CLOCK:-wall}, load $(cut -d" " -f1-3 /proc/loadavg), openslide-python $(/usr/bin/python3 -c 'import openslide; print(openslide.__version__)'), OpenSlide $(/usr/bin/python3 -c 'import openslide; print(openslide.__library_version__)'), $(nproc) CPUs, $passes passes" >&2
# Slide by slide, Python then Java, so both sides of a row see the same machine load.
for s in "${slides[@]}"; do
  /usr/bin/python3 - "$shared/bench/tiles_peer.py" "$passes" "$s" <<'PY' | tee -a "$out/peer.jsonl" >&2
import runpy, sys, time, os
if os.environ.get("BENCH_CLOCK") == "cpu":
    time.perf_counter = time.process_time
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
PY
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
    -Dbench.clock="${BENCH_CLOCK:-wall}" -cp "$cp" \
    io.histoseek.index.bench.TileBench "$passes" "$threads" "$s" 2>/dev/null | tee -a "$out/java.jsonl" >&2
done

/usr/bin/python3 - "$out/peer.jsonl" "$out/java.jsonl" <<'PY'
import json, math, sys
rows = {}
for path in sys.argv[1:]:
    for line in open(path):
        r = json.loads(line)
        key = (r["slide"], r["test"], r.get("threads", 1))
        rows.setdefault(key, {})[r["impl"]] = r
def value(r):
    if r is None: return None, ""
    if "tiles_per_s" in r: return r["tiles_per_s"], "tiles/s"
    if "us_per_tile" in r: return r["us_per_tile"], "us/tile"
    if "ms" in r: return r["ms"], "ms"
    if "thumb_ms" in r: return r["thumb_ms"] + r["mask_ms"], "ms"
    return None, ""
print(f"\n{'slide':34} {'measurement':30} {'thr':>3} {'python':>9} {'java':>9}  unit      java/python")
for (slide, test, thr), impls in rows.items():
    p, unit = value(impls.get("python")); j, junit = value(impls.get("java"))
    unit = unit or junit
    ratio = ""
    if p and j:
        ratio = f"{(j / p if unit == 'tiles/s' else p / j):.2f}x"
    fmt = lambda v: "-" if v is None else f"{v:.1f}"
    print(f"{slide[:34]:34} {test[:30]:30} {thr:>3} {fmt(p):>9} {fmt(j):>9}  {unit:8}  {ratio}")
for (slide, test, thr), impls in rows.items():
    if test == "tile_pipeline_cold" and thr == 1 and "java" in impls:
        r = impls["java"]
        print(f"{slide}: one thread makes {r['tiles_per_s']:.0f} tensors/s on the real grid "
              f"(tile {r['tile_size']} px, mpp {r['mpp']}): {math.ceil(600 / r['tiles_per_s'])} such threads feed 600 tiles/s")
PY
