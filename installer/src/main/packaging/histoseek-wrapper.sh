#!/bin/bash
# Histoseek launcher of the app image. Runs the bundled JVM (lib/histoseek-jvm, jpackage's native
# launcher) and drops the one line JDK 25 prints at every start for the incubator Vector API.
#   HISTOSEEK_ALLOW_DOWNLOAD=1  lets DJL download PyTorch natives for this machine (CUDA if present)
#   PYTORCH_LIBRARY_PATH=DIR    uses an existing libtorch (see README, "GPU")
set -euo pipefail
lib="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib" && pwd)"
jvm="$lib/histoseek-jvm"
if [[ "${HISTOSEEK_ALLOW_DOWNLOAD:-}" == 1 ]]; then
  jvm="$lib/histoseek-jvm-online"
fi

drop_incubator_notice() {
  exec perl -e '$SIG{INT}="IGNORE"; $|=1; my $head=""; my $done=0;
    while (sysread(STDIN, my $chunk, 65536)) {
      if ($done) { syswrite(STDOUT, $chunk); next; }
      $head .= $chunk;
      next unless $head =~ /\n/ || length($head) > 200;
      $head =~ s/\AWARNING: Using incubator modules: jdk\.incubator\.vector\n//;
      syswrite(STDOUT, $head); $done = 1;
    }
    syswrite(STDOUT, $head) unless $done;'
}

exec "$jvm" "$@" 2> >(drop_incubator_notice >&2)
