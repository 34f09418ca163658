package io.histoseek.index.archive.local;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.ArchiveBusyException;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveProvider;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.ArchiveWriterInfo;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.TileSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Opens local archives (a folder): for reading, checking only that this Histoseek reads it; for
 * writing, under the writer lock, creating a new archive inside the lock (so two runs started
 * together never both create it) under a temporary name renamed into place (so nobody ever sees
 * half of one), migrating an old one and restoring consistency after a crash.
 */
public final class LocalArchives implements ArchiveProvider {
    @Override
    public boolean accepts(ArchiveAddress address) {
        return address.isFolder();
    }

    @Override
    public Archive openForReading(ArchiveAddress address) {
        Path folder = address.folder();
        requireFolder(folder);
        Path file = folder.resolve(Database.FILE);
        if (!Files.isRegularFile(file)) {
            WriterLock.holder(folder).ifPresent(holder -> {
                throw new ArchiveBusyException("archive " + folder + " is being created by " + holder.describe()
                        + "; open it again when that ends", holder);
            });
            throw new ArchiveException(folder + ": no archive here (" + Database.FILE + " is missing)");
        }
        Database db = Database.open(folder);
        LuceneVectorEngine engine = null;
        try {
            int version = db.read("read the schema version", c -> Schema.check(c, file.toString()));
            if (version == 0) throw new ArchiveException(file + ": not a Histoseek archive (no schema)");
            if (version < Schema.OLDEST_READABLE) {
                Optional<ArchiveWriterInfo> upgrading = WriterLock.holder(folder);
                if (upgrading.isPresent()) {
                    throw new ArchiveBusyException("archive " + folder + " is being upgraded by " + upgrading.get().describe()
                            + "; open it again when that ends", upgrading.get());
                }
                throw new ArchiveException(folder + ": archive written by an older Histoseek (schema " + version
                        + "); upgrade it once with `histoseek migrate --archive " + folder + "` (or any command that writes to it)");
            }
            db.read("read an older schema as the current one", c -> Schema.readAsCurrent(c, version));
            TileSpec spec = checkedArchive(db, file);
            engine = LuceneVectorEngine.openForReading(folder, LuceneSettings.current());
            return new LocalArchive(folder, db, engine, spec, null);
        } catch (RuntimeException e) {
            if (engine != null) engine.close();
            db.close();
            throw e;
        }
    }

    @Override
    public ArchiveWriter openForWriting(ArchiveAddress address, WriterOptions options) {
        Path folder = address.folder();
        if (options.createRoot().isPresent()) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new ArchiveException(folder + ": cannot create the archive folder (" + e.getMessage() + ")", e);
            }
        } else {
            requireFolder(folder);
            if (!Files.isRegularFile(folder.resolve(Database.FILE))) {
                throw new ArchiveException(folder + ": no archive here (" + Database.FILE + " is missing)");
            }
        }
        WriterLock lock = WriterLock.acquire(folder, folder.toString(), options);
        Database db = null;
        LuceneVectorEngine engine = null;
        try {
            if (!Files.isRegularFile(folder.resolve(Database.FILE))) {
                Database.create(folder, c -> create(c, options.createRoot().orElseThrow()));
            }
            db = Database.open(folder);
            Path file = db.file();
            int version = db.read("read the schema version", c -> Schema.check(c, file.toString()));
            if (version == 0) {
                // An empty file: a creation by an older Histoseek that crashed, or a stranger's.
                if (options.createRoot().isEmpty()) throw new ArchiveException(file + ": not a Histoseek archive (no schema)");
                db.write("create the archive", c -> create(c, options.createRoot().get()));
            }
            engine = LuceneVectorEngine.openForWriting(folder, LuceneSettings.current());
            boolean migrated = version == 1;
            if (migrated) V1Migration.run(db, engine, options.progress());
            V1Migration.finish(db, folder);
            Schema.upgrade(db);
            TileSpec spec = checkedArchive(db, file);
            Consistency.restore(db, engine, options.fullCheck() || migrated, options.progress());
            return new LocalArchive(folder, db, engine, spec, lock);
        } catch (RuntimeException e) {
            if (engine != null) engine.close();
            if (db != null) db.close();
            lock.close();
            throw e;
        }
    }

    /** A folder that is not there yet is fine (the first run creates it); a file in its place is not. */
    @Override
    public void check(ArchiveAddress address) {
        Path folder = address.folder();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new ArchiveException(folder + ": not a folder, so it cannot hold an archive");
        }
    }

    private static void requireFolder(Path folder) {
        if (!Files.isDirectory(folder)) throw new ArchiveException(folder + ": no such archive folder");
    }

    /** A new archive's schema and facts, inside the caller's one transaction. */
    private static Void create(Connection c, Path slideRoot) throws SQLException {
        Schema.create(c);
        Meta.put(c, Meta.ROOT, slideRoot.toAbsolutePath().normalize().toString());
        Meta.put(c, Meta.ARCHIVE_ID, UUID.randomUUID().toString());
        Meta.put(c, Meta.TILE_SPEC, TileSpec.DEFAULT.key());
        return null;
    }

    @Override
    public Optional<ArchiveWriterInfo> writer(ArchiveAddress address) {
        return Files.isDirectory(address.folder()) ? WriterLock.holder(address.folder()) : Optional.empty();
    }

    /** Refuses an archive without a root or made with another tile spec. */
    private static TileSpec checkedArchive(Database db, Path file) {
        return db.read("read the archive's facts", c -> {
            if (Meta.get(c, Meta.ROOT).isEmpty()) throw new ArchiveException(file + ": not a Histoseek archive (no recorded root)");
            return Provenance.requireTileSpec(c, file.getParent().toString());
        });
    }
}
