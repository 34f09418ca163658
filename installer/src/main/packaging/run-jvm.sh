#!/bin/bash
# Runs a JVM command line (the arguments) for both launchers (./histoseek and the app image's
# bin/histoseek). JDK 25 prints one line at every start for the incubator Vector API: it is dropped,
# so errors stay one line, and the rest of stderr passes through unbuffered (the progress line
# still refreshes). The JVM runs as a child so that this script exits only after stderr has
# drained, with the JVM's status; signals sent to it reach the JVM as SIGTERM (a background child
# of a script ignores SIGINT), which stops Histoseek at a safe point.
set -uo pipefail

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

exec 3>&2
exec 2> >(drop_incubator_notice >&3)
filter_pid=$!
"$@" <&0 &
jvm_pid=$!
trap 'kill -TERM "$jvm_pid" 2>/dev/null' INT TERM HUP
while kill -0 "$jvm_pid" 2>/dev/null; do wait "$jvm_pid"; done
wait "$jvm_pid"
status=$?
exec 2>&3 3>&-
wait "$filter_pid"
exit "$status"
