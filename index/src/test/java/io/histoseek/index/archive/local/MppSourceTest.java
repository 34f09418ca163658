package io.histoseek.index.archive.local;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideMetadata;
import io.histoseek.index.archive.WriterOptions;
import io.histoseek.model.ModelIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;

import static io.histoseek.index.archive.local.LocalArchiveTest.grid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each slide's mpp source is recorded (schema 4); an archive of schema 3 opens for reading as is and gets the column on its next write. */
class MppSourceTest {
    @TempDir
    Path dir;

    private static SlideMetadata slide(String path, double mpp, String source) {
        return new SlideMetadata(path, 1, 1, "qh-" + path, "aperio", mpp, source, 4096, 2048);
    }

    @Test
    void theSourceIsStoredAndSaysWhetherTheFigureIsAnEstimate() {
        Path folder = dir.resolve("archive");
        try (ArchiveWriter writer = Archives.openForWriting(folder, WriterOptions.of("index").creatingWithRoot(dir))) {
            writer.bindModel(new ModelIdentity("fp", "test", 8));
            writer.commitSlide(slide("estimated.svs", 0.5, "objective-power (estimate)"), grid(1, 1, 224, 8));
            writer.commitSlide(slide("measured.svs", 0.4990, "slide"), grid(1, 1, 224, 8));
        }
        try (Archive reader = Archives.openForReading(folder)) {
            SlideMetadata estimated = reader.slide("estimated.svs").orElseThrow().metadata();
            assertEquals("objective-power (estimate)", estimated.mppSource());
            assertTrue(estimated.mppEstimated());
            assertEquals("0.5 (estimate)", estimated.describeMpp());
            SlideMetadata measured = reader.slide("measured.svs").orElseThrow().metadata();
            assertEquals("slide", measured.mppSource());
            assertFalse(measured.mppEstimated());
            assertEquals("0.499", measured.describeMpp());
        }
    }

    @Test
    void aSchema3ArchiveOpensForReadingAndIsUpgradedByItsNextWriter() throws Exception {
        Path folder = dir.resolve("archive");
        try (ArchiveWriter writer = Archives.openForWriting(folder, WriterOptions.of("index").creatingWithRoot(dir))) {
            writer.bindModel(new ModelIdentity("fp", "test", 8));
            writer.commitSlide(slide("old.svs", 0.5, "slide"), grid(1, 1, 224, 8));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(Database.FILE)); var st = c.createStatement()) {
            st.execute("ALTER TABLE slides DROP COLUMN mpp_source");
            st.execute("PRAGMA user_version = 3");
        }
        try (Archive reader = Archives.openForReading(folder)) {
            SlideMetadata old = reader.slide("old.svs").orElseThrow().metadata();
            assertEquals("", old.mppSource(), "not recorded");
            assertEquals("0.5", old.describeMpp());
            assertEquals(1, reader.slides().size());
        }
        assertEquals(3, version(folder), "a reader changes nothing");
        try (ArchiveWriter writer = Archives.openForWriting(folder, WriterOptions.of("index"))) {
            writer.commitSlide(slide("new.svs", 0.25, "user"), grid(1, 1, 224, 8));
        }
        assertEquals(Schema.CURRENT_VERSION, version(folder));
        try (Archive reader = Archives.openForReading(folder)) {
            assertEquals("", reader.slide("old.svs").orElseThrow().metadata().mppSource());
            assertEquals("user", reader.slide("new.svs").orElseThrow().metadata().mppSource());
        }
    }

    private static int version(Path folder) {
        try (Database db = Database.open(folder)) {
            return db.read("version", Schema::version);
        }
    }
}
