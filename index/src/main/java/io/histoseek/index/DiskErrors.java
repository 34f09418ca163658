package io.histoseek.index;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Says in one line why a write failed when the file system is the reason, instead of the
 * library's words ("[SQLITE_FULL] ...", "disk I/O error"). The errno text the JDK and SQLite pass
 * on decides where there is one; SQLite's own codes (SQLITE_FULL also stands for a file that hit
 * a size limit, SQLITE_IOERR_WRITE for EFBIG) are settled by looking: the process's file size
 * limit against the files' sizes, then the free space. What cannot be told stays unclassified, so
 * the caller shows the library's message rather than a wrong one.
 */
public final class DiskErrors {
    public enum Kind {
        /** ENOSPC, or SQLite's "disk is full" with hardly any space left. */
        DISK_FULL,
        /** EFBIG: the process's file size limit (ulimit -f) or the file system's largest file. */
        FILE_TOO_LARGE,
        /** EDQUOT. */
        QUOTA_EXCEEDED,
        /** EROFS, or a file store that reports itself read-only. */
        READ_ONLY_FILE_SYSTEM,
        /** EACCES / a read-only database file or folder: no permission to write there. */
        NOT_WRITABLE
    }

    /**
     * A write that failed because of the file system.
     *
     * @param kind   what went wrong
     * @param path   the file or folder being written
     * @param reason one line for a user, without the path: "disk is full (312 KB free on /data; ...)"
     */
    public record Problem(Kind kind, Path path, String reason) {
        /** "PATH: REASON", one line. */
        public String message() {
            return path + ": " + reason;
        }
    }

    /** Below this much free space a "disk is full" from SQLite is believed without an errno. */
    private static final long NEARLY_FULL_BYTES = 16L << 20;
    /** A file this close to the size limit is taken to have hit it (writes come in pages). */
    private static final long LIMIT_SLACK_BYTES = 1L << 20;
    /** FAT32 (vfat) holds files up to 4 GiB - 1 byte. */
    private static final long FAT_LARGEST_FILE = (4L << 30) - 1;

    private DiskErrors() {}

    /**
     * The file-system problem behind {@code failure} (anywhere in its causes) writing {@code path},
     * or empty when it is not one. {@code bytesNeeded} is what the write wanted to add (0 when not
     * known): a full disk's message then says how much to free.
     */
    public static Optional<Problem> of(Path path, Throwable failure, long bytesNeeded) {
        String text = describeChain(failure).toLowerCase(Locale.ROOT);
        Path target = path.toAbsolutePath().normalize();
        if (text.contains("no space left on device")) {
            return Optional.of(diskFull(target, bytesNeeded));
        }
        if (text.contains("file too large")) {
            return Optional.of(fileTooLarge(target));
        }
        if (text.contains("disk quota exceeded")) {
            return Optional.of(new Problem(Kind.QUOTA_EXCEEDED, target,
                    "disk quota exceeded on " + storeName(target) + " (free space within the quota or ask for a larger one)"));
        }
        if (text.contains("read-only file system") || (isPermissionProblem(failure, text) && storeIsReadOnly(target))) {
            return Optional.of(new Problem(Kind.READ_ONLY_FILE_SYSTEM, target,
                    "read-only file system (" + storeName(target) + " is mounted read-only)"));
        }
        if (isPermissionProblem(failure, text)) {
            Path folder = Files.isDirectory(target) ? target : target.getParent();
            return Optional.of(new Problem(Kind.NOT_WRITABLE, target,
                    "read-only folder (no permission to write in " + folder + ")"));
        }
        if (text.contains("sqlite_full") || text.contains("database or disk is full")
                || text.contains("sqlite_ioerr_write") || text.contains("disk i/o error")) {
            if (sizeLimitReached(target)) {
                return Optional.of(fileTooLarge(target));
            }
            if (usableSpace(target).orElse(Long.MAX_VALUE) < Math.max(NEARLY_FULL_BYTES, bytesNeeded)) {
                return Optional.of(diskFull(target, bytesNeeded));
            }
        }
        return Optional.empty();
    }

    private static Problem diskFull(Path target, long bytesNeeded) {
        OptionalLong free = usableSpace(target);
        String room = free.isPresent() ? bytes(free.getAsLong()) + " free on " + storeName(target) : "on " + storeName(target);
        String advice = bytesNeeded > 0
                ? "free at least " + bytes(Math.max(bytesNeeded - free.orElse(0), 1L << 20)) + " and run again"
                : "free some space and run again";
        return new Problem(Kind.DISK_FULL, target, "disk is full (" + room + "; " + advice + ")");
    }

    private static Problem fileTooLarge(Path target) {
        OptionalLong ulimit = fileSizeLimit();
        String why;
        if (ulimit.isPresent()) {
            why = "the process may write files of at most " + bytes(ulimit.getAsLong()) + " (ulimit -f); raise that limit";
        } else if (isFat(target)) {
            why = storeName(target) + " holds files of at most " + bytes(FAT_LARGEST_FILE) + "; use a disk formatted ext4, NTFS or exFAT";
        } else {
            why = "a file size limit of the file system or the process";
        }
        return new Problem(Kind.FILE_TOO_LARGE, target, "file too large (" + why + ")");
    }

    /** Every message and errno reason in the chain of causes (and suppressed exceptions), joined. */
    private static String describeChain(Throwable failure) {
        List<String> parts = new ArrayList<>();
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        for (int i = 0; i < pending.size() && i < 32; i++) {
            Throwable t = pending.get(i);
            parts.add(String.valueOf(t.getMessage()));
            if (t instanceof FileSystemException fs && fs.getReason() != null) {
                parts.add(fs.getReason());
            }
            if (t.getCause() != null && !pending.contains(t.getCause())) {
                pending.add(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (!pending.contains(suppressed)) {
                    pending.add(suppressed);
                }
            }
        }
        return String.join(" | ", parts);
    }

    private static boolean isPermissionProblem(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return true;
            }
        }
        return text.contains("permission denied") || text.contains("sqlite_readonly")
                || text.contains("attempt to write a readonly database");
    }

    /** The process's soft RLIMIT_FSIZE from /proc/self/limits (Linux), when there is one. */
    static OptionalLong fileSizeLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max file size")) {
                    String[] fields = line.substring("Max file size".length()).trim().split("\\s+");
                    return fields[0].equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(fields[0]));
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // No /proc: the limit cannot be seen, so it is not claimed.
        }
        return OptionalLong.empty();
    }

    /** True when the file, or one SQLite writes beside it (-wal, -journal), is at the file size limit. */
    private static boolean sizeLimitReached(Path target) {
        OptionalLong limit = fileSizeLimit();
        if (limit.isEmpty()) {
            return false;
        }
        for (String suffix : List.of("", "-wal", "-journal")) {
            Path file = target.resolveSibling(target.getFileName() + suffix);
            try {
                if (Files.isRegularFile(file) && Files.size(file) >= limit.getAsLong() - LIMIT_SLACK_BYTES) {
                    return true;
                }
            } catch (IOException gone) {
                // Vanished meanwhile: it cannot be the one at the limit.
            }
        }
        return false;
    }

    private static OptionalLong usableSpace(Path target) {
        return store(target).map(store -> {
            try {
                return OptionalLong.of(store.getUsableSpace());
            } catch (IOException e) {
                return OptionalLong.empty();
            }
        }).orElse(OptionalLong.empty());
    }

    private static boolean storeIsReadOnly(Path target) {
        return store(target).map(FileStore::isReadOnly).orElse(false);
    }

    private static boolean isFat(Path target) {
        return store(target).map(store -> store.type().toLowerCase(Locale.ROOT)).filter(type -> type.contains("fat")
                || type.equals("msdos")).isPresent();
    }

    /** "/data (/dev/sdb1)": the mount point and device, as the JDK describes a file store. */
    private static String storeName(Path target) {
        return store(target).map(FileStore::toString).orElse(String.valueOf(target.getRoot()));
    }

    /** The file store of the path, or of its nearest existing parent (the file may not exist yet). */
    private static Optional<FileStore> store(Path target) {
        for (Path p = target; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    return Optional.of(Files.getFileStore(p));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** 312 KB, 4.2 MB, 1.5 GB. */
    static String bytes(long count) {
        if (count < 1L << 20) {
            return ((count + 512) >> 10) + " KB";
        }
        if (count < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MB", count / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f GB", count / (double) (1L << 30));
    }
}
