#!/usr/bin/perl
# The JVM's stderr on its way to the user (see run-jvm.sh). Passes everything through unbuffered,
# so the refreshing progress line still refreshes, except:
#  - the notices the JVM prints at every start (JAVA_TOOL_OPTIONS, the incubator Vector API),
#    which would break the one-line error promise;
#  - the JVM's "Terminating due to java.lang.OutOfMemoryError: ..." (-XX:+ExitOnOutOfMemoryError),
#    which becomes one line naming the setting to raise.
use strict;
use warnings;

# Signals are for the JVM (a terminal or service manager may send them to the whole group): this
# filter ends when the JVM closes stderr, so it still passes on the JVM's last words.
$SIG{INT} = $SIG{TERM} = $SIG{HUP} = "IGNORE";
my $oom = "Terminating due to java.lang.OutOfMemoryError: ";
my @notices = ("Picked up JAVA_TOOL_OPTIONS: ", "WARNING: Using incubator modules: jdk.incubator.vector");

my $buffer = "";
my $head = 1;             # still where the start-up notices come
my $line_start = 1;       # the last byte written ended a line

sub put {
    my ($text) = @_;
    return if $text eq "";
    syswrite(STDOUT, $text);
    $line_start = $text =~ /\n\z/ ? 1 : 0;
}

sub starts_like {
    my ($text, @prefixes) = @_;
    for my $prefix (@prefixes) {
        return 1 if index($text, $prefix) == 0 || index($prefix, $text) == 0;
    }
    return 0;
}

sub megabytes {
    my ($size) = @_;
    my %unit = ("" => 1 / 1048576, k => 1 / 1024, m => 1, g => 1024, t => 1048576);
    return $size =~ /^(\d+)([kmgt]?)$/i ? $1 * $unit{lc $2} : undef;
}

sub machine_megabytes {
    my $ram = 0;
    if (open(my $meminfo, "<", "/proc/meminfo")) {
        while (<$meminfo>) { $ram = $1 / 1024 if /^MemTotal:\s+(\d+)/; }
    }
    if (open(my $cgroup, "<", "/sys/fs/cgroup/memory.max")) {
        my $limit = <$cgroup>;
        $ram = $1 / 1048576 if defined $limit && $limit =~ /^(\d+)$/ && ($ram == 0 || $1 / 1048576 < $ram);
    }
    return $ram;
}

# What the heap was allowed (as the JVM decides it: -Xmx wins, else the last MaxRAMPercentage)
# and a limit worth trying.
sub out_of_memory {
    my ($why) = @_;
    if ($why !~ /heap space|GC overhead|array size/) {
        return "histoseek: out of memory ($why); the JVM's memory settings go in HISTOSEEK_JAVA_OPTS\n";
    }
    my $ram = machine_megabytes();
    my ($percent, $xmx) = ($ENV{HISTOSEEK_HEAP_PERCENT} // 25, undef);
    for my $option (split ' ', ($ENV{HISTOSEEK_JAVA_OPTS} // "")) {
        $xmx = megabytes($1) // $xmx if $option =~ /^-Xmx(.+)$/;
        $percent = $1 if $option =~ /^-XX:MaxRAMPercentage=([\d.]+)$/;
    }
    my $heap = $xmx // $ram * $percent / 100;
    my $gb = sub { $_[0] >= 1024 ? sprintf("%.1f GB", $_[0] / 1024) : sprintf("%d MB", $_[0]) };
    my $what = $ram > 0 ? "$why; the heap may use " . $gb->($heap) . " of this machine's " . $gb->($ram) : $why;
    my $next = $heap * 2;
    $next = $ram * 0.9 if $ram > 0 && $next > $ram * 0.9;
    if ($next <= $heap * 1.1) {
        return "histoseek: out of memory ($what); HISTOSEEK_JAVA_OPTS=-Xmx... sets the heap, but this machine has no more to give\n";
    }
    my $option = $next >= 1024 ? sprintf("-Xmx%dg", $next / 1024) : sprintf("-Xmx%dm", $next);
    return "histoseek: out of memory ($what); raise the limit, e.g. HISTOSEEK_JAVA_OPTS=$option\n";
}

# A piece of output that starts a line or a write: the OOM notice is rewritten, the rest passes.
sub segment {
    my ($text) = @_;
    if (index($text, $oom) == 0) {
        my ($why) = substr($text, length $oom) =~ /^([^\r\n]*)/;
        put("\n") unless $line_start;
        put(out_of_memory($why));
    } else {
        put($text);
    }
}

while (sysread(STDIN, my $chunk, 65536)) {
    $buffer .= $chunk;
    while ($buffer =~ s/\A([^\r\n]*[\r\n])//) {
        my $line = $1;
        if ($head) {
            (my $bare = $line) =~ s/\r?\n\z//;
            next if grep { index($bare, $_) == 0 } @notices;
            $head = 0;
        }
        segment($line);
    }
    next if $buffer eq "";
    # An unfinished line: wait for its end only when it may be one of the lines handled above.
    next if $head && starts_like($buffer, @notices);
    $head = 0;
    next if starts_like($buffer, $oom);
    segment($buffer);
    $buffer = "";
}
segment($buffer) if $buffer ne "";
