#!/bin/bash
# Runs a JVM command line (the arguments) for both launchers (./histoseek and the app image's
# bin/histoseek), with what every run needs:
#  - memory: the heap may take half of the machine's memory (the model's weights and libtorch's
#    work live outside the heap); HISTOSEEK_JAVA_OPTS comes after and wins (-Xmx16g,
#    -XX:MaxRAMPercentage=70, any -D or -XX). Out of memory ends the JVM at once, never leaving
#    it half-alive, and stderr-filter.pl turns the JVM's notice into one line naming the setting.
#    The options travel in JAVA_TOOL_OPTIONS, which every JVM reads, jpackage's launcher included.
#  - stderr through stderr-filter.pl (start-up notices dropped, unbuffered); the JVM runs as a
#    child so that this script exits only after stderr has drained, with the JVM's status.
#  - signals: SIGINT, SIGTERM and SIGHUP are passed on as they are; Histoseek stops at a safe
#    point and ends with 130, 143 or 129. A background child of a script starts with SIGINT
#    ignored, which the JVM would keep, so the JVM is started with it back at the default.
set -uo pipefail
here="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

export HISTOSEEK_HEAP_PERCENT=50
export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-XX:MaxRAMPercentage=$HISTOSEEK_HEAP_PERCENT -XX:+ExitOnOutOfMemoryError -XX:+DisplayVMOutputToStderr ${HISTOSEEK_JAVA_OPTS:-}"

exec 3>&2
exec 2> >(perl "$here/stderr-filter.pl" >&3)
filter_pid=$!
perl -e '$SIG{INT} = $SIG{QUIT} = "DEFAULT"; exec { $ARGV[0] } @ARGV or die "histoseek: cannot run $ARGV[0]: $!\n"' "$@" <&0 &
jvm_pid=$!
for signal in INT TERM HUP; do
  trap "kill -$signal \"\$jvm_pid\" 2>/dev/null" "$signal"
done
# (wait's own stderr is dropped: bash would print a job notice like "Killed" there.)
while kill -0 "$jvm_pid" 2>/dev/null; do wait "$jvm_pid" 2>/dev/null; done
wait "$jvm_pid" 2>/dev/null
status=$?
if (( status == 137 )); then
  echo "histoseek: killed by SIGKILL (by someone, or by the system when memory runs out: then a smaller HISTOSEEK_JAVA_OPTS=-Xmx or --batch-size helps)" >&2
fi
exec 2>&3 3>&-
wait "$filter_pid"
exit "$status"
