package io.histoseek.index.archive;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Who writes an archive now, as the writer recorded it: its process id, what it runs (index,
 * remove, migrate...), when it took the archive and, for an archive that several machines reach
 * (a cluster), on which machine. Shown to a second writer and to the GUI.
 */
public record ArchiveWriterInfo(long pid, String command, Optional<Instant> started, Optional<String> host) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    public ArchiveWriterInfo {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(host, "host");
    }

    /** A writer on this machine (a folder archive: only this machine's processes can lock it). */
    public ArchiveWriterInfo(long pid, String command, Optional<Instant> started) {
        this(pid, command, started, Optional.empty());
    }

    /** "process 1234 (index started 14:02)", "process 1234 on ws-07 (index started 14:02)": the words the refusal and the GUI's busy line use. */
    public String describe() {
        String clock = started.map(at -> LocalTime.ofInstant(at, ZoneId.systemDefault()).format(CLOCK)).orElse("?");
        return "process " + pid + host.map(name -> " on " + name).orElse("") + " (" + command + " started " + clock + ")";
    }
}
