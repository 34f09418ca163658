package io.histoseek.index.archive.local;

import io.histoseek.model.support.OneLine;
import io.histoseek.index.DiskErrors;
import io.histoseek.index.archive.ArchiveException;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The archive's SQLite file ({@code archive.db}, WAL) behind one connection, and the one
 * transaction helper: {@link #read} runs a query, {@link #write} runs work in one transaction and
 * rolls it back on any failure, so a failed write (a full disk included) leaves the file as it
 * was. Calls are serialized on this object; readers in other processes run beside a write (WAL).
 */
final class Database implements AutoCloseable {
    static final String FILE = "archive.db";
    private static final int BUSY_TIMEOUT_MS = 30_000;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static Database open(Path folder) {
        return openFile(folder.resolve(FILE));
    }

    /**
     * Makes a new {@value #FILE} in {@code folder} whole under a temporary name, then renames it into
     * place: a reader (or a crash) sees no archive or a complete one, never an empty or half-made
     * file. The caller holds the writer lock, so no other process creates it meanwhile.
     */
    static void create(Path folder, Work<?> init) {
        Path temp = folder.resolve(FILE + ".new");
        try {
            deleteWithCompanions(temp); // a creation that crashed
            try (Database db = openFile(temp)) {
                db.write("create the archive", init);
            }
            Files.move(temp, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            String problem = DiskErrors.of(temp, e, 0).map(DiskErrors.Problem::reason).orElse(e.toString());
            throw new ArchiveException(folder.resolve(FILE) + ": cannot create the archive (" + problem + ")", e);
        } finally {
            try {
                deleteWithCompanions(temp);
            } catch (IOException ignored) {
                // Left for the next creation to delete.
            }
        }
    }

    private static void deleteWithCompanions(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    private static Database openFile(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            return new Database(file, config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()));
        } catch (SQLException e) {
            throw new ArchiveException(file + ": cannot open the archive database (" + OneLine.of(e) + ")", e);
        }
    }

    Path file() {
        return file;
    }

    synchronized <T> T read(String what, Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new ArchiveException(file + ": cannot " + what + " (" + OneLine.of(e) + ")", e);
        }
    }

    /** Runs {@code work} in one transaction; on any failure rolls back so the archive stays as it was. */
    synchronized <T> T write(String what, Work<T> work) {
        try {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            String problem = DiskErrors.of(file, e, 0).map(DiskErrors.Problem::reason).orElse(OneLine.of(e));
            throw new ArchiveException(file + ": cannot " + what + " (" + problem + "); nothing of it was stored", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // The connection is broken; the next call reports it.
            }
        }
    }

    /** Runs a statement that cannot run inside a transaction (VACUUM). */
    synchronized void execute(String what, String sql) {
        read(what, c -> {
            try (var st = c.createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // SQLite already rolled back (e.g. after SQLITE_FULL); the transaction is gone either way.
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing to save on a connection we are abandoning.
        }
    }
}
