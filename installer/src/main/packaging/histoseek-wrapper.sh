#!/bin/bash
# Histoseek launcher of the app image. Runs the bundled JVM (lib/histoseek-jvm, jpackage's native
# launcher) through run-jvm.sh, which drops the JDK's incubator notice and passes signals on.
#   HISTOSEEK_ALLOW_DOWNLOAD=1  lets DJL download PyTorch natives for this machine (CUDA if present)
#   PYTORCH_LIBRARY_PATH=DIR    uses an existing libtorch (see docs/install.md, "GPU")
#   HISTOSEEK_JAVA_OPTS=...     JVM options such as -Xmx16g (see run-jvm.sh, docs/reliability.md)
set -euo pipefail
lib="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib" && pwd)"
jvm="$lib/histoseek-jvm"
if [[ "${HISTOSEEK_ALLOW_DOWNLOAD:-}" == 1 ]]; then
  jvm="$lib/histoseek-jvm-online"
fi

exec "$lib/run-jvm.sh" "$jvm" "$@"
