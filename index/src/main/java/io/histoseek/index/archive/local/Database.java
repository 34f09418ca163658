package io.histoseek.index.archive.local;

import io.histoseek.model.support.OneLine;
import io.histoseek.index.DiskErrors;
import io.histoseek.index.archive.ArchiveException;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
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
        Path file = folder.resolve(FILE);
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
