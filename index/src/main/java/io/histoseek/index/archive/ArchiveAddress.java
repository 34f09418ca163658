package io.histoseek.index.archive;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an archive lives, as the user wrote it: a folder, or a URL-like address that another
 * implementation opens ({@code solr://ZKHOST:PORT/COLLECTION}, {@code http(s)://HOST:PORT/solr/COLLECTION}).
 * Kept as text because a {@link Path} would collapse the {@code //} of a URL.
 */
public record ArchiveAddress(String text) {
    /** A scheme of two or more letters then ':/' (a Windows drive letter has one letter). */
    private static final Pattern URL = Pattern.compile("(?s)[A-Za-z][A-Za-z0-9+.-]+:/.*");

    public ArchiveAddress {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) throw new ArchiveException("empty archive address");
        text = text.strip();
    }

    public static ArchiveAddress of(String text) {
        return new ArchiveAddress(text);
    }

    public static ArchiveAddress of(Path folder) {
        return new ArchiveAddress(folder.toString());
    }

    /** True for a folder on this machine; false for a URL-like address. */
    public boolean isFolder() {
        return !URL.matcher(text).matches();
    }

    /** The folder this address names; only for {@link #isFolder() folders}. */
    public Path folder() {
        if (!isFolder()) throw new IllegalStateException(text + " is not a folder");
        return Path.of(text);
    }

    /** The address for messages and records: a folder made absolute, a URL as written. */
    public String display() {
        return isFolder() ? folder().toAbsolutePath().normalize().toString() : text;
    }

    /** A short name for titles: the folder's name, or a cluster address's last part (its collection). */
    public String name() {
        if (isFolder()) {
            Path name = folder().toAbsolutePath().normalize().getFileName();
            return name == null ? display() : name.toString();
        }
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** The same address with a folder made absolute (a URL stays as it is). */
    public ArchiveAddress absolute() {
        return isFolder() ? new ArchiveAddress(display()) : this;
    }

    @Override
    public String toString() {
        return text;
    }
}
