package io.histoseek.index.archive;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Who writes an archive now, as the writer recorded it: its process id, what it runs (index,
 * remove, migrate...) and when it took the archive. Shown to a second writer and to the GUI.
 */
public record ArchiveWriterInfo(long pid, String command, Optional<Instant> started) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /** "process 1234 (index started 14:02)": the words the refusal and the GUI's busy line use. */
    public String describe() {
        String clock = started.map(at -> LocalTime.ofInstant(at, ZoneId.systemDefault()).format(CLOCK)).orElse("?");
        return "process " + pid + " (" + command + " started " + clock + ")";
    }
}
