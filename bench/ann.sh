#!/usr/bin/env bash
# ANN benchmark: our HNSW (index/src/test/java/io/histoseek/index/bench/AnnBench.java) and the
# native C++ hnswlib peer (../shared/bench/ann_peer_native.cpp, built for this CPU) on the same
# synthetic 1536-d data, M=16 / efConstruction=200, in one run. Heavy (minutes): run it once.
#   bench/ann.sh            N=100000 by default; ANN_DATA=dir to reuse generated data
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shared=$(cd "$root/../shared" && pwd)
n=${N:-100000}
data=${ANN_DATA:-$root/index/target/bench-data}
work=$root/index/target/bench
mkdir -p "$work" "$data"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow

missing=()
for p in libhnswlib-dev python3-numpy g++; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
  echo "bench: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -f "$data/gt_$n.i32" ]]; then
  echo "bench: generating $n vectors into $data"
  nice /usr/bin/python3 "$shared/bench/ann_data.py" gen "$data" "$n" "$n"
fi
g++ -O3 -march=native "$shared/bench/ann_peer_native.cpp" -o "$work/hnsw_native" -lpthread

mvn -B -q -o -pl index -am test-compile -DskipTests
mvn -B -q -o -pl index dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="$root/index/target/test-classes:$root/index/target/classes:$(cat "$work/cp.txt")"

log=$work/ann-$n.log
: > "$log"
echo "bench: native hnswlib (build, then search)"
ANN_DATA=$data nice "$work/hnsw_native" build "$n" "$work/native.hnsw" | tee -a "$log"
ANN_DATA=$data nice "$work/hnsw_native" search "$n" "$work/native.hnsw" | tee -a "$log"
echo "bench: histoseek (build, save, load, search)"
nice "$JAVA_HOME/bin/java" -Xmx8g --add-modules jdk.incubator.vector -cp "$cp" \
  io.histoseek.index.bench.AnnBench "$data" "$n" "$work" 2>&1 | grep -v "incubator modules" | tee -a "$log"
rm -f "$work/native.hnsw" "$work/ours.hnsw"

# QPS of each at recall@10 = 0.95, interpolated linearly between the sweep points around it:
# wall-clock q/s, and q/s of the search thread's CPU time (steadier on a shared machine).
/usr/bin/python3 - "$log" <<'PY'
import re, sys
sweeps = {}
for line in open(sys.argv[1]):
    m = re.match(r'SWEEP (\S+) ef=(\d+) recall=([\d.]+) qps=([\d.]+) ms=[\d.]+ cpu_qps=([\d.]+)', line)
    if m: sweeps.setdefault(m[1], []).append((float(m[3]), float(m[4]), float(m[5])))
def at(points, column, target=0.95):
    points = sorted(points)
    for p0, p1 in zip(points, points[1:]):
        if p0[0] <= target <= p1[0]:
            return p0[column] + (p1[column] - p0[column]) * (target - p0[0]) / (p1[0] - p0[0]) if p1[0] > p0[0] else p0[column]
    return None
for column, name in ((1, 'qps'), (2, 'cpu_qps')):
    q = {k: at(v, column) for k, v in sweeps.items()}
    for k, v in q.items(): print(f'AT0.95 {k} {name}={v:.0f}' if v else f'AT0.95 {k} not reached')
    if q.get('histoseek') and q.get('hnswlib-native'):
        print(f"RATIO {name} histoseek/hnswlib-native at recall@10 0.95: {q['histoseek'] / q['hnswlib-native']:.2f}")
PY
