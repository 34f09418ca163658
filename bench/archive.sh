#!/usr/bin/env bash
# Archive benchmark: the archive's Lucene engine (index/src/test/java/io/histoseek/index/bench/ArchiveBench.java)
# and the native C++ hnswlib peer (../shared/bench/ann_peer_native.cpp, built for this CPU, M=16/efC=200) on
# the same synthetic 1536-d vectors (../shared/bench/ann_data.py), side by side in one run: import tiles/s,
# disk bytes per tile, open time cold and warm, heap after open, q/s and p50/p95 at recall@10 0.95 and 0.99,
# removing a 1,000-tile slide, q/s with 1% and 50% slide filters, page cache after 1,000 queries, and
# `./histoseek search` on a 256 MB heap. Heavy (minutes at 100k, about an hour at 1M): run it with nice on a
# quiet machine. Data and archives go under the system temp folder (1M: ~6 GB data + ~7 GB per archive).
#   bench/archive.sh                      N=100000, the engine's default parameters
#   N=1000000 bench/archive.sh            the 1M run
#   CONFIGS="PACKED_NIBBLE:16:100 SEVEN_BIT:16:100 SINGLE_BIT_QUERY_NIBBLE:16:100" bench/archive.sh
#                                         one archive per encoding:M:beam (how the defaults were chosen)
#   ANN_DATA=dir                          reuse generated data; KEEP=1 keeps the archives afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shared=$(cd "$root/../shared" && pwd)
n=${N:-100000}
tmp=${TMPDIR:-/tmp}/histoseek-bench
data=${ANN_DATA:-$tmp/data-$n}
work=$tmp/work-$n
configs=${CONFIGS:-default}
mkdir -p "$work" "$data"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow

missing=()
# OpenBLAS: numpy on Debian's reference BLAS takes most of an hour for the 1M ground truth; minutes with it.
for p in libhnswlib-dev python3-numpy libopenblas0-pthread g++; do
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

# One reactor run, so histoseek-model and -index resolve to their target folders (never `mvn install`);
# `package` also builds app/target for ./histoseek.
mvn -B -q -o -pl app -am package dependency:build-classpath -DskipTests -Dinstaller.skip=true -Dmdep.outputFile=target/cp.txt
# A copy of the classes, so that building in this tree meanwhile does not change a run half-way.
rm -rf "$work/classes" && mkdir -p "$work/classes"
cp -r "$root/index/target/classes" "$work/classes/main" && cp -r "$root/index/target/test-classes" "$work/classes/test"
cp="$work/classes/test:$work/classes/main:$(cat "$root/index/target/cp.txt")"
java=("$JAVA_HOME/bin/java" -Xmx8g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector)

log=$work/bench-$n.log
: > "$log"
say() { echo "$@" | tee -a "$log"; }
# Drops a folder's (or file's) pages from the page cache, so the next open reads from disk.
cold() {
  /usr/bin/python3 - "$@" <<'PY'
import os, sys
for top in sys.argv[1:]:
    for base, _, names in (os.walk(top) if os.path.isdir(top) else [(os.path.dirname(top), [], [os.path.basename(top)])]):
        for name in names:
            fd = os.open(os.path.join(base, name), os.O_RDONLY)
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            os.close(fd)
PY
}
# Bytes of the index in the page cache per vector, by file kind (graph, quantized, float32...).
resident() {
  fincore -b -n -o RES,FILE "$1"/vectors/* | /usr/bin/python3 -c "
import sys, collections
kinds = collections.Counter()
for line in sys.stdin:
    res, name = line.split(None, 1)
    name = name.strip().rsplit('/', 1)[-1]
    kinds[name.rsplit('.', 1)[-1] if '.' in name else name.split('_')[0]] += int(res)
print('RESULT $2-resident n=$n bytes_per_vector=%.0f by_kind: %s' % (sum(kinds.values()) / $n,
      ' '.join('%s=%.0f' % (k, v / $n) for k, v in sorted(kinds.items()))))"
}

say "bench: native hnswlib (build, then search cold and warm)"
ANN_DATA=$data nice "$work/hnsw_native" build "$n" "$work/native.hnsw" | tee -a "$log"
say "RESULT hnswlib-native-disk n=$n bytes_per_tile=$(( $(stat -c %s "$work/native.hnsw") / n ))"
cold "$work/native.hnsw"
ANN_DATA=$data nice "$work/hnsw_native" search "$n" "$work/native.hnsw" | grep RESULT | sed 's/-load/-load-cold/' | tee -a "$log"
ANN_DATA=$data nice "$work/hnsw_native" search "$n" "$work/native.hnsw" | tee -a "$log"
rm -f "$work/native.hnsw"

archive=""
for config in $configs; do
  props=()
  if [[ "$config" != default ]]; then
    IFS=: read -r encoding m beam <<< "$config"
    props=(-Dhistoseek.lucene.encoding="$encoding" -Dhistoseek.lucene.m="$m" -Dhistoseek.lucene.beam="$beam")
  fi
  say "bench: histoseek $config (build, open cold and warm, search, remove)"
  archive=$work/archive-${config//:/-}
  rm -rf "$archive" "$work/slides"
  bench() { nice "${java[@]}" "${props[@]}" -cp "$cp" io.histoseek.index.bench.ArchiveBench "$@" 2>&1 | grep -v "incubator modules"; }
  echo "CONFIG $config" >> "$log"
  bench build "$data" "$n" "$archive" | tee -a "$log"
  cold "$archive"
  bench open "$data" "$archive" | sed 's/histoseek-open/histoseek-open-cold/; s/histoseek-reopen/histoseek-reopen-cold/' | tee -a "$log"
  resident "$archive" histoseek | tee -a "$log"
  bench open "$data" "$archive" | tee -a "$log"
  # Search is measured warm, as on a machine that has searched a while: the peer holds its whole index in RAM.
  cat "$archive"/vectors/* > /dev/null
  bench search "$data" "$n" "$archive" | tee -a "$log"
  bench remove "$archive" | tee -a "$log"
done

say "bench: ./histoseek search on a 256 MB heap ($n tiles)"
out=$(HISTOSEEK_JAVA_OPTS=-Xmx256m /usr/bin/time -f "maxrss_kb=%M" "$root/histoseek" search --archive "$archive" \
  --slide case-1.svs --x 1000 --y 1000 2>&1 | grep -v "incubator modules")
rows=$(grep -c $'^[0-9]*\t' <<< "$out" || true)
say "RESULT cli-search-256m n=$n rows=$rows $(grep -o 'maxrss_kb=[0-9]*' <<< "$out")"
[[ "$rows" == 10 ]] || { echo "$out"; exit 1; }
[[ "${KEEP:-}" == 1 ]] || rm -rf "$work"/archive-* "$work/slides"

/usr/bin/python3 - "$log" "$n" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
n = int(sys.argv[2])
def interp(points, target, col):
    """points: tuples with recall first; the value of column col at recall target, linear between the sweep
    points around it (the sweep is in order of effort); the first point when even that one reaches the target."""
    if points and points[0][0] >= target: return points[0][col]
    for p0, p1 in zip(points, points[1:]):
        if p0[0] <= target <= p1[0]:
            return p0[col] + (p1[col] - p0[col]) * (target - p0[0]) / (p1[0] - p0[0]) if p1[0] > p0[0] else p0[col]
    return None
def fmt(v, spec='%.0f'):
    return spec % v if v is not None else 'not reached'
def value(prefix, key, block):
    for l in block:
        if l.startswith(prefix):
            m = re.search(key + r'=([\d.]+)', l)
            if m: return float(m[1])
    return None
# peer sweep: (recall, q/s, mean ms, ef, cpu q/s), from its warm run (the cold run logs only its load time)
peer = [(float(m[2]), float(m[3]), 1000 / float(m[3]), float(m[1]), float(m[4])) for m in
        (re.match(r'SWEEP hnswlib-native ef=(\d+) recall=([\d.]+) qps=([\d.]+) ms=[\d.]+ cpu_qps=([\d.]+)', l) for l in lines) if m]
peer_build = value('RESULT hnswlib-native n=', 'build_s', lines)
blocks, current = {}, None
for l in lines:
    if l.startswith('CONFIG '): current = l.split()[1]; blocks[current] = []
    elif current: blocks[current].append(l)
for config, block in blocks.items():
    # ours: (recall, q/s, candidates, p50, p95, cpu q/s)
    ours = [(float(m[2]), float(m[3]), float(m[1]), float(m[4]), float(m[5]), float(m[6])) for m in
            (re.match(r'SWEEP histoseek candidates=(\d+) recall=([\d.]+) qps=([\d.]+) p50_ms=([\d.]+) p95_ms=([\d.]+) cpu_qps=([\d.]+)', l) for l in block) if m]
    rows = []
    rows.append(('import tiles/s (ours: a commit per 1,000-tile slide; peer: build)',
                 fmt(value('RESULT histoseek-build', 'import_tiles_per_s', block)), fmt(n / peer_build if peer_build else None)))
    rows.append(('end-of-run merge s (segments before it)', '%s (%s)' % (fmt(value('RESULT histoseek-build', 'merge_s', block), '%.1f'),
                 fmt(value('RESULT histoseek-build', 'segments_before_merge', block))), '-'))
    rows.append(('disk bytes per tile, all files', fmt(value('RESULT histoseek-disk', 'bytes_per_tile', block)),
                 fmt(value('RESULT hnswlib-native-disk', 'bytes_per_tile', lines))))
    for label, ours_prefix, peer_prefix in (('cold', 'RESULT histoseek-open-cold', 'RESULT hnswlib-native-load-cold'),
                                            ('warm', 'RESULT histoseek-open ', 'RESULT hnswlib-native-load ')):
        rows.append((f'open {label} ms (+ first query)', '%s (+%s)' % (fmt(value(ours_prefix, 'open_ms', block)),
                     fmt(value(ours_prefix, 'first_query_ms', block))), fmt((value(peer_prefix, 'load_s', lines) or 0) * 1000)))
    rows.append(('open again in the same JVM ms (index only)', fmt(value('RESULT histoseek-reopen ', 'reopen_ms', block)), '-'))
    rows.append(('heap after open MB (peer: max RSS MB)', fmt(value('RESULT histoseek-open ', 'heap_after_open_MB', block), '%.1f'),
                 fmt(value('RESULT hnswlib-native-load ', 'maxrss_MB', lines))))
    rows.append(('page cache after 1,000 queries, bytes/vector', fmt(value('RESULT histoseek-resident', 'bytes_per_vector', block)), 'all in RAM'))
    for target in (0.95, 0.99):
        rows.append((f'q/s at recall@10 {target}', fmt(interp(ours, target, 1)), fmt(interp(peer, target, 1))))
        rows.append((f'q/s of search-thread CPU time at {target}', fmt(interp(ours, target, 5)), fmt(interp(peer, target, 4))))
        rows.append((f'p50 / p95 ms at {target} (peer: mean)', '%s / %s' % (fmt(interp(ours, target, 3), '%.2f'),
                     fmt(interp(ours, target, 4), '%.2f')), fmt(interp(peer, target, 2), '%.2f')))
        rows.append((f'candidates (peer: ef) at {target}', fmt(interp(ours, target, 2)), fmt(interp(peer, target, 3))))
    rows.append(('remove a 1,000-tile slide ms (index it again ms)', '%s (%s)' % (fmt(value('RESULT histoseek-remove', 'remove_ms', block)),
                 fmt(value('RESULT histoseek-remove', 'index_again_ms', block))), 'n/a'))
    for f in ('1%', '50%'):
        l = next((l for l in block if l.startswith(f'RESULT histoseek-filter {f} ')), '')
        m = re.search(r'recall=([\d.]+) qps=([\d.]+) p50_ms=([\d.]+) p95_ms=([\d.]+) fewest_hits=(\d+)', l)
        rows.append((f'{f} slide filter: q/s (recall@10, fewest hits)', f'{float(m[2]):.0f} ({m[1]}, {m[5]})' if m else '-', 'n/a'))
    rows.append(('point search end to end p50 / p95 ms', '%s / %s' % (fmt(value('RESULT histoseek-point-search', 'p50_ms', block), '%.2f'),
                 fmt(value('RESULT histoseek-point-search', 'p95_ms', block), '%.2f')), '-'))
    width = max(len(r[0]) for r in rows)
    print(f'\n{"n=%d" % n:<{width}}  {"histoseek " + config:>26}  {"hnswlib-native":>14}')
    for name, a, b in rows:
        print(f'{name:<{width}}  {a:>26}  {b:>14}')
    if peer and ours:
        for target in (0.95, 0.99):
            for name, a, b in (('q/s', interp(ours, target, 1), interp(peer, target, 1)),
                               ('cpu q/s', interp(ours, target, 5), interp(peer, target, 4))):
                if a and b: print(f'RATIO {name} histoseek/hnswlib-native at recall@10 {target}: {a / b:.2f}')
cli = next((l for l in lines if l.startswith('RESULT cli-search-256m')), None)
if cli: print('\n' + cli)
PY
