package io.histoseek.app.gui.archive;

import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.SlideRecord;
import io.histoseek.index.archive.SlideStatus;

import java.nio.file.Files;
import java.nio.file.Path;

/** A row of the archive browser: the slide as stored, its file now, how many tiles it has, and its label (null: none). */
public record ArchiveEntry(SlideRecord record, Path file, int tiles, SlideLabel label) {
    public String name() {
        Path name = file.getFileName();
        return name == null ? record.path() : name.toString();
    }

    /** The stored status, except that a file gone since the last run already shows as missing. */
    public SlideStatus status() {
        if (record.status() != SlideStatus.MISSING && !Files.exists(file)) {
            return SlideStatus.MISSING;
        }
        return record.status();
    }

    /** {@code label · case NAME}, or "" for a slide without a label. */
    public String describeLabel() {
        if (label == null) return "";
        return label.caseName() == null ? label.label() : label.label() + " \u00b7 case " + label.caseName();
    }

    public String describeStatus() {
        return switch (status()) {
            case INDEXED -> "indexed \u00b7 " + tiles + " tiles";
            case FAILED -> "failed: " + (record.failureReason() == null ? "unknown reason" : record.failureReason());
            case MISSING -> "missing: file not found" + (tiles > 0 ? " \u00b7 " + tiles + " tiles kept" : "");
            case PENDING -> "pending (not indexed yet)";
        };
    }
}
