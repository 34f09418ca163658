#!/usr/bin/env bash
# Builds the app image and checks it works with no JDK: bin/histoseek prints its version with
# PATH=/usr/bin:/bin and no JAVA_HOME, registers the test checkpoint, embeds a tile with it on the
# bundled natives, refuses a bad checkpoint with one line, runs out of a small heap with one line
# naming HISTOSEEK_JAVA_OPTS, and (under a display) opens the window when run without arguments. Run by `mvn verify` (installer module); skip with -Dinstaller.skip=true.
set -euo pipefail
installer="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
root="$(dirname "$installer")"
shared="${HISTOSEEK_SHARED:-$root/../shared}"
fixture="$(readlink -f "$shared/fixtures/model/tiny-hoptimus.pth")"
[[ -f "$fixture" ]] || { echo "check-app-image: missing test data in $shared" >&2; exit 1; }

"$installer/build.sh" app-image
image="$installer/target/histoseek"
version="$(sed -n 's/^version=//p' "$root/app/target/classes/histoseek-version.properties")"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() { echo "check-app-image: FAILED: $*" >&2; failures=$((failures + 1)); }
# DJL unpacks the bundled CPU natives (~430 MB) on first use; keep them between runs of this check.
histoseek() {
  env -i PATH=/usr/bin:/bin HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
    DJL_CACHE_DIR="$installer/target/djl-cache" "$image/bin/histoseek" "$@"
}

out="$(histoseek --version 2>&1)" || fail "--version exited $?"
[[ "$out" == "histoseek $version" ]] || fail "--version printed '$out', expected 'histoseek $version' and nothing else"

grep -q 'javafx.controls' "$image/lib/runtime/release" || fail "JavaFX is not linked into the runtime"
grep -q 'jdk.incubator.vector' "$image/lib/runtime/release" || fail "the Vector API is not linked into the runtime"
grep -q 'pytorch-native-cpu' "$image/lib/app/histoseek-jvm.cfg" || fail "the CPU PyTorch natives are not on the classpath"
grep -q 'ai.djl.offline=true' "$image/lib/app/histoseek-jvm.cfg" || fail "the offline launcher lets DJL go online"
! grep -q 'pytorch-native-cpu\|ai.djl.offline' "$image/lib/app/histoseek-jvm-online.cfg" || fail "the online launcher pins CPU natives or offline mode"

histoseek model use "$fixture" > "$scratch/use.out" 2> "$scratch/use.err" || fail "model use of the fixture exited $?"
grep -q "^registered: $fixture" "$scratch/use.out" || fail "model use did not register: $(cat "$scratch/use.out")"
histoseek model status > "$scratch/status.out" 2>&1 || fail "model status exited $?: $(cat "$scratch/status.out")"
grep -q '^verified:   yes' "$scratch/status.out" || fail "model status: $(cat "$scratch/status.out")"

# The registered model is found without --checkpoint and runs on the bundled natives, offline.
tile="$(readlink -f "$shared/fixtures/model/tile-0.png")"
histoseek embed "$tile" > "$scratch/embed.out" 2> "$scratch/embed.err" || fail "embed exited $?: $(cat "$scratch/embed.err")"
paste <(cut -f2 "$scratch/embed.out" | tr ' ' '\n') <(head -1 "$shared/fixtures/model/tiny-hoptimus.expected.txt" | tr ' ' '\n') \
  | awk 'function abs(x) { return x < 0 ? -x : x } { n++; d = abs($1 - $2); if (d > worst) worst = d }
         END { if (n != 48 || worst > 1e-4) { printf "%d values, max diff %g\n", n, worst; exit 1 } }' \
  || fail "embed of tile-0 differs from the fixture's expected output"

printf 'not a checkpoint' > "$scratch/bad.pth"
status=0
histoseek model use "$scratch/bad.pth" > /dev/null 2> "$scratch/bad.err" || status=$?
[[ "$status" == 1 ]] || fail "a bad checkpoint exited $status, expected 1"
[[ "$(wc -l < "$scratch/bad.err")" == 1 && "$(cat "$scratch/bad.err")" == "histoseek: $scratch/bad.pth: "* ]] \
  || fail "a bad checkpoint printed: $(cat "$scratch/bad.err")"

# HISTOSEEK_JAVA_OPTS reaches the bundled JVM, and running out of heap ends the run with one line
# naming that setting (run-jvm.sh and stderr-filter.pl in lib/). An index run with batches of 64
# holds 53 tile tensors of 0.6 MB for the CMU section's 51 tiles: 32 MB, more than a 16 MB heap.
mkdir -p "$scratch/oom-slides"
cp "$(readlink -f "$shared/data/slides/CMU-1-Small-Region.svs")" "$scratch/oom-slides/"
status=0
env -i PATH=/usr/bin:/bin HOME="$scratch/home" DJL_CACHE_DIR="$installer/target/djl-cache" HISTOSEEK_JAVA_OPTS=-Xmx16m \
  "$image/bin/histoseek" index "$scratch/oom-slides" --archive "$scratch/oom-archive" --checkpoint "$fixture" \
  --batch-size 64 > /dev/null 2> "$scratch/oom.err" || status=$?
[[ "$status" != 0 && "$(wc -l < "$scratch/oom.err")" == 1 ]] \
  && grep -q '^histoseek: out of memory (Java heap space; the heap may use 16 MB .*HISTOSEEK_JAVA_OPTS=-Xmx32m$' "$scratch/oom.err" \
  || fail "out of memory exited $status and printed: $(head -3 "$scratch/oom.err")"

# No arguments opens the desktop app (once the gui command exists; the suite runs under xvfb-run).
if [[ -n "${DISPLAY:-}" ]] && command -v xwininfo > /dev/null && histoseek --help 2>/dev/null | grep -Eq '^ +gui +'; then
  env -i PATH=/usr/bin:/bin HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
    DISPLAY="$DISPLAY" XAUTHORITY="${XAUTHORITY:-}" "$image/bin/histoseek" > "$scratch/gui.out" 2> "$scratch/gui.err" &
  gui=$!
  opened=no
  for _ in $(seq 1 90); do
    if xwininfo -root -tree 2> /dev/null | grep -Eq '^ *0x[0-9a-f]+ "Histoseek'; then opened=yes; break; fi
    kill -0 "$gui" 2> /dev/null || break
    sleep 1
  done
  kill "$gui" 2> /dev/null || true
  wait "$gui" 2> /dev/null || true
  [[ "$opened" == yes ]] || fail "no arguments did not open the Histoseek window: $(head -3 "$scratch/gui.err")"
  [[ ! -s "$scratch/gui.err" ]] || fail "the desktop app wrote to stderr: $(head -3 "$scratch/gui.err")"
else
  echo "check-app-image: GUI start not checked (needs DISPLAY, xwininfo and the gui command)"
fi

if (( failures > 0 )); then exit 1; fi
echo "check-app-image: OK ($(du -sh "$image" | cut -f1) app image, histoseek $version)"
