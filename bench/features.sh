#!/usr/bin/env bash
# Features benchmark (docs/features.md): a generated N x 1536 float32 features file (h5py, seeded), read by
# h5py and by jhdf as the import reads it (1,024 rows at a time), then `./histoseek import` of it into a new
# archive on a 256 MB heap (tiles/s, wall clock including the JVM start and the final merge), `export-features`
# of that slide, and h5py reading the exported file back (shape, dtype, attributes, rows equal to the
# imported rows normalized). Needs python3-h5py (Debian) and python3-numpy. Data and archives go under the
# system temp folder.
#   bench/features.sh            N=100000
#   N=20000 bench/features.sh    a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n=${N:-100000}
work=${TMPDIR:-/tmp}/histoseek-bench/features-$n
mkdir -p "$work"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
py=/usr/bin/python3
$py -c "import h5py, numpy" 2>/dev/null || { echo "bench: needs python3-h5py and python3-numpy (apt-get install python3-h5py)"; exit 1; }

mvn -B -q -o -pl app -am package dependency:build-classpath -DskipTests -Dinstaller.skip=true -Dmdep.outputFile=target/cp.txt
cp="$root/index/target/test-classes:$root/index/target/classes:$(cat "$root/index/target/cp.txt")"
log=$work/bench.log
: > "$log"
say() { echo "$@" | tee -a "$log"; }

file=$work/in/s0001.h5
if [[ ! -f "$file" ]]; then
  say "bench: generating $n x 1536 features into $file"
  mkdir -p "$work/in"
  nice $py - "$file" "$n" <<'PY'
import sys, h5py, numpy as np
path, n = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(42)
centres = rng.standard_normal((64, 1536)).astype(np.float32)
with h5py.File(path, "w") as f:
    d = f.create_dataset("features", (n, 1536), dtype="float32")
    for start in range(0, n, 8192):
        rows = min(8192, n - start)
        d[start:start + rows] = centres[rng.integers(0, 64, rows)] + 0.5 * rng.standard_normal((rows, 1536), dtype=np.float32)
    side = int(np.ceil(np.sqrt(n)))
    i = np.arange(n)
    c = f.create_dataset("coords", data=np.stack([(i % side) * 224, (i // side) * 224], axis=1).astype(np.int64))
    for k, v in dict(patch_size=224, patch_size_level0=224, level0_magnification=20, target_magnification=20,
                     name="s0001", savetodir="bench").items():
        c.attrs[k] = v
PY
fi
say "RESULT file n=$n bytes=$(stat -c %s "$file")"

cat "$file" > /dev/null   # both readers start from the page cache
nice $py - "$file" <<'PY' | tee -a "$log"
import sys, time, h5py
for round in range(2):
    t = time.perf_counter()
    with h5py.File(sys.argv[1], "r") as f:
        d = f["features"]
        n = d.shape[0]
        for start in range(0, n, 1024):
            rows = d[start:start + 1024]
    s = time.perf_counter() - t
    print("RESULT h5py-read round=%d rows=%d seconds=%.2f rows_per_s=%.0f" % (round, n, s, n / s))
t = time.perf_counter()
with h5py.File(sys.argv[1], "r") as f:
    whole = f["features"][:]
s = time.perf_counter() - t
print("RESULT h5py-read-whole rows=%d seconds=%.2f rows_per_s=%.0f" % (whole.shape[0], s, whole.shape[0] / s))
PY
nice "$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED -cp "$cp" io.histoseek.index.bench.FeatureReadBench "$file" | tee -a "$log"

archive=$work/archive
rm -rf "$archive" "$work/out"
start=$(date +%s.%N)
HISTOSEEK_JAVA_OPTS=-Xmx256m nice /usr/bin/time -f "maxrss_kb=%M" "$root/histoseek" import --archive "$archive" \
  --features "$file" > "$work/import.out" 2> "$work/import.err"
end=$(date +%s.%N)
cat "$work/import.out" >> "$log"
say "RESULT histoseek-import heap=256m n=$n seconds=$(echo "$end - $start" | bc) tiles_per_s=$(echo "$n / ($end - $start)" | bc) $(grep -o 'maxrss_kb=[0-9]*' "$work/import.err")"

start=$(date +%s.%N)
nice "$root/histoseek" export-features --archive "$archive" --out "$work/out" | tee -a "$log"
end=$(date +%s.%N)
say "RESULT histoseek-export n=$n seconds=$(echo "$end - $start" | bc)"
nice $py - "$file" "$work/out/s0001.h5" <<'PY' | tee -a "$log"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    fa, fb = a["features"], b["features"]
    attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in b["coords"].attrs.items()}
    rows = np.r_[0:100, fa.shape[0] - 100:fa.shape[0]]
    want = fa[:100], fa[-100:]
    want = np.concatenate(want)
    want = want / np.linalg.norm(want, axis=1, keepdims=True)
    got = np.concatenate([fb[:100], fb[-100:]])
    same_coords = bool((a["coords"][:] == b["coords"][:]).all())
    print("RESULT h5py-reads-export shape=%s dtype=%s coords=%s coords_equal=%s attrs=%s max_abs_diff=%.2e"
          % (fb.shape, fb.dtype, b["coords"].dtype, same_coords, attrs, np.abs(want - got).max()))
PY
