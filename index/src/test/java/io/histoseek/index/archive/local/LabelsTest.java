package io.histoseek.index.archive.local;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.Archives;
import io.histoseek.index.archive.SlideLabel;
import io.histoseek.index.archive.WriterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slide labels in the local archive: stored, updated, removed with their slide, and added to older archives. */
class LabelsTest {
    @TempDir
    Path dir;

    private ArchiveWriter writer() {
        ArchiveWriter writer = Archives.openForWriting(dir.resolve("a"), WriterOptions.of("test").creatingWithRoot(dir.resolve("slides")));
        writer.bindModel(LocalArchiveTest.MODEL);
        return writer;
    }

    @Test
    void labelsAreStoredUpdatedAndGoWithTheirSlide() {
        long a, b;
        try (ArchiveWriter store = writer()) {
            a = store.commitSlide(LocalArchiveTest.slide("a.svs"), LocalArchiveTest.grid(2, 2, 224, 8)).id();
            b = store.commitSlide(LocalArchiveTest.slide("b.svs"), LocalArchiveTest.grid(2, 1, 224, 8)).id();
            store.putLabels(List.of(new SlideLabel(a, "tumour", "P1"), new SlideLabel(b, "stroma", null)));
            assertEquals(Map.of(a, new SlideLabel(a, "tumour", "P1"), b, new SlideLabel(b, "stroma", null)), store.labels());
            store.putLabels(List.of(new SlideLabel(b, "necrosis", "P2")));
            assertEquals(new SlideLabel(b, "necrosis", "P2"), store.labels().get(b));
            // Re-indexing a slide keeps its label: the slide keeps its id.
            store.commitSlide(LocalArchiveTest.slide("a.svs"), LocalArchiveTest.grid(3, 1, 224, 8));
            assertEquals("tumour", store.labels().get(a).label());
        }
        try (Archive reader = Archives.openForReading(dir.resolve("a"))) {
            assertEquals(2, reader.labels().size());
            assertEquals("case:P1", reader.labels().get(a).caseId());
        }
        try (ArchiveWriter store = Archives.openForWriting(dir.resolve("a"), WriterOptions.of("test"))) {
            assertEquals(1, store.removeLabels(List.of(b, 999L)));
            assertTrue(store.removeSlide("a.svs"));
            assertEquals(Map.of(), store.labels());
        }
    }

    @Test
    void aLabelForAnUnknownSlideStoresNothing() {
        try (ArchiveWriter store = writer()) {
            long a = store.commitSlide(LocalArchiveTest.slide("a.svs"), LocalArchiveTest.grid(1, 1, 224, 8)).id();
            ArchiveException e = assertThrows(ArchiveException.class,
                    () -> store.putLabels(List.of(new SlideLabel(a, "tumour", null), new SlideLabel(a + 50, "x", null))));
            assertTrue(e.getMessage().contains("nothing of it was stored"), e.getMessage());
            assertEquals(Map.of(), store.labels());
        }
    }

    @Test
    void aVersion2ArchiveGetsItsLabelsTableOnItsNextWrite() throws Exception {
        try (ArchiveWriter store = writer()) {
            store.commitSlide(LocalArchiveTest.slide("a.svs"), LocalArchiveTest.grid(1, 1, 224, 8));
        }
        Path db = dir.resolve("a").resolve(Database.FILE);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var st = c.createStatement()) {
            st.execute("DROP TABLE labels");
            st.execute("ALTER TABLE slides DROP COLUMN mpp_source");
            st.execute("PRAGMA user_version = 2");
        }
        ArchiveException refused = assertThrows(ArchiveException.class, () -> Archives.openForReading(dir.resolve("a")));
        assertTrue(refused.getMessage().contains("histoseek migrate"), refused.getMessage());
        try (ArchiveWriter store = Archives.openForWriting(dir.resolve("a"), WriterOptions.of("labels"))) {
            long a = store.slides().getFirst().id();
            store.putLabels(List.of(new SlideLabel(a, "tumour", null)));
        }
        try (Archive reader = Archives.openForReading(dir.resolve("a"))) {
            assertEquals("tumour", reader.labels().values().iterator().next().label());
        }
    }
}
