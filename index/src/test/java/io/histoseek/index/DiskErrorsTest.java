package io.histoseek.index;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of failed write, first as the exception texts the JDK and SQLite produce, then for
 * real where this machine lets the test cause it: a full tmpfs (ENOSPC), a read-only mount
 * (EROFS), a file size limit (EFBIG). Mounting needs root; without it those tests are skipped
 * with the reason (JUnit lists them as skipped).
 */
class DiskErrorsTest {
    @TempDir
    Path dir;

    private DiskErrors.Problem problem(Throwable failure, long bytesNeeded) {
        DiskErrors.Problem problem = DiskErrors.of(dir.resolve("archive.db"), failure, bytesNeeded).orElseThrow();
        assertFalse(problem.message().contains("\n"), problem.message());
        assertTrue(problem.message().startsWith(dir.resolve("archive.db") + ": "), problem.message());
        return problem;
    }

    @Test
    void errnoTextsAnywhereInTheCausesAreTold() {
        Path db = dir.resolve("archive.db");
        DiskErrors.Problem full = problem(new SQLException("cannot commit",
                new FileSystemException(db.toString(), null, "No space left on device")), 0);
        assertEquals(DiskErrors.Kind.DISK_FULL, full.kind());
        assertTrue(full.reason().matches("disk is full \\([0-9.]+ [KMG]B free on .+; free some space and run again\\)"),
                full.reason());
        DiskErrors.Problem needing = problem(new IOException("No space left on device"), 1L << 50);
        assertTrue(needing.reason().matches("disk is full \\(.+; free at least [0-9.]+ [KMG]B and run again\\)"), needing.reason());

        assertEquals(DiskErrors.Kind.FILE_TOO_LARGE, problem(new IOException("wrapped", new IOException("File too large")), 0).kind());
        assertEquals(DiskErrors.Kind.QUOTA_EXCEEDED, problem(new IOException("Disk quota exceeded"), 0).kind());
        DiskErrors.Problem readOnly = problem(new FileSystemException(db.toString(), null, "Read-only file system"), 0);
        assertEquals(DiskErrors.Kind.READ_ONLY_FILE_SYSTEM, readOnly.kind());
        DiskErrors.Problem denied = problem(new AccessDeniedException(db.toString()), 0);
        assertEquals(new DiskErrors.Problem(DiskErrors.Kind.NOT_WRITABLE, db,
                "read-only folder (no permission to write in " + dir + ")"), denied);
        assertEquals(DiskErrors.Kind.NOT_WRITABLE, problem(new SQLException(
                "[SQLITE_READONLY] Attempt to write a readonly database (attempt to write a readonly database)"), 0).kind());
    }

    @Test
    void whatTheFileSystemDidNotCauseIsNotClaimed() {
        Path db = dir.resolve("archive.db");
        assertEquals(Optional.empty(), DiskErrors.of(db, new IOException("Connection reset"), 0));
        // SQLite says "full" for a file at a size limit too: with gigabytes free and no file at a limit, it is not
        // told as a full disk.
        assertEquals(Optional.empty(), DiskErrors.of(db, new SQLException(
                "[SQLITE_FULL] Insertion failed because database is full (database or disk is full)"), 0));
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertEquals("0 KB", DiskErrors.bytes(0));
        assertEquals("312 KB", DiskErrors.bytes(312 * 1024));
        assertEquals("4.5 MB", DiskErrors.bytes(9L << 19));
        assertEquals("1.5 GB", DiskErrors.bytes(3L << 29));
    }

    @Test
    void aRealFullDiskIsToldForPlainFilesAndForSqlite() throws Exception {
        Path disk = smallTmpfs("full");
        try {
            IOException failed = assertThrows(IOException.class, () -> fill(disk.resolve("filler")));
            DiskErrors.Problem file = DiskErrors.of(disk.resolve("filler"), failed, 0).orElseThrow();
            assertEquals(DiskErrors.Kind.DISK_FULL, file.kind(), file.message());
            assertTrue(file.reason().startsWith("disk is full (0 KB free on " + disk + " (tmpfs); "), file.reason());

            Files.delete(disk.resolve("filler"));
            Path db = disk.resolve("archive.db");
            SQLException sqliteFull = assertThrows(SQLException.class, () -> fillDatabase(db));
            DiskErrors.Problem store = DiskErrors.of(db, sqliteFull, 0).orElseThrow();
            assertEquals(DiskErrors.Kind.DISK_FULL, store.kind(), sqliteFull.getMessage());
        } finally {
            unmount(disk);
        }
    }

    @Test
    void aReadOnlyMountIsToldAsSuch() throws Exception {
        Path disk = smallTmpfs("read-only");
        try {
            run("mount", "-o", "remount,ro", disk.toString());
            IOException failed = assertThrows(IOException.class, () -> Files.writeString(disk.resolve("a.txt"), "x"));
            DiskErrors.Problem problem = DiskErrors.of(disk.resolve("a.txt"), failed, 0).orElseThrow();
            assertEquals(new DiskErrors.Problem(DiskErrors.Kind.READ_ONLY_FILE_SYSTEM, disk.resolve("a.txt"),
                    "read-only file system (" + disk + " (tmpfs) is mounted read-only)"), problem);
        } finally {
            unmount(disk);
        }
    }

    @Test
    void aFileSizeLimitIsToldAsTooLargeNotAsAFullDisk() throws Exception {
        assertEquals(dir.resolve("big.bin") + ": file too large (the process may write files of at most 64 KB (ulimit -f);"
                + " raise that limit)", underFileSizeLimit("file", dir.resolve("big.bin")));
        assertEquals(dir.resolve("big.db") + ": file too large (the process may write files of at most 64 KB (ulimit -f);"
                + " raise that limit)", underFileSizeLimit("sqlite", dir.resolve("big.db")));
    }

    /** Runs {@link DiskErrorsChild} under ulimit -f 64 (KB); SQLite's native library is unpacked here first. */
    private String underFileSizeLimit(String mode, Path target) throws Exception {
        Path natives = Files.createDirectories(dir.resolve("natives"));
        try (var in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream("/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so")) {
            Assumptions.assumeTrue(in != null, "skipped: sqlite-jdbc has no Linux x86_64 native library on this platform");
            Files.copy(in, natives.resolve("libsqlitejdbc.so"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "ulimit -f 64 && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED",
                "-Dorg.sqlite.lib.path=" + natives, "-Dorg.sqlite.lib.name=libsqlitejdbc.so",
                "-cp", System.getProperty("java.class.path"), DiskErrorsChild.class.getName(), mode, target.toString());
        builder.redirectErrorStream(true);
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        return output;
    }

    /** A 1 MiB tmpfs mounted in the test folder; skipped, with the reason, where mounting is not allowed. */
    private Path smallTmpfs(String name) throws Exception {
        Path mount = Files.createDirectories(dir.resolve(name));
        Process mounting;
        try {
            mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noMountCommand) {
            return Assumptions.abort("skipped: no mount command here (" + noMountCommand.getMessage() + ")");
        }
        String output = new String(mounting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assumptions.assumeTrue(mounting.waitFor() == 0, "skipped: cannot mount a tmpfs here (" + output + ")");
        return mount;
    }

    private static void unmount(Path mount) throws Exception {
        run("umount", "-l", mount.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    private static void fill(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(new byte[4096]);
            }
        }
    }

    private static void fillDatabase(Path db) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             var create = connection.createStatement()) {
            create.execute("CREATE TABLE t (data BLOB)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
                while (true) {
                    insert.setBytes(1, new byte[4096]);
                    insert.executeUpdate();
                }
            }
        }
    }
}
