package io.histoseek.index.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared fixtures written by h5py: the good ones read as h5py wrote them, every broken one fails in one line. */
class FeatureFileReaderTest {
    @Test
    void readsTheGoodFileInSlicesWithItsAttributes() {
        try (FeatureFileReader reader = FeatureFileReader.open(SharedFeatures.get(SharedFeatures.GOOD))) {
            FeatureFileHeader header = reader.header();
            assertEquals("CMU-1-Small-Region", header.name());
            assertEquals(51, header.rows());
            assertEquals(48, header.dimension());
            assertEquals(224, header.patchSizeLevel0());
            assertEquals(OptionalDouble.of(0.5), header.mppFromMagnification());
            float[][] all = reader.rows(0, 51);
            float[][] slice = reader.rows(20, 7);
            for (int i = 0; i < 7; i++) assertArrayEquals(all[20 + i], slice[i]);
            double length = 0;
            for (float v : all[3]) length += v * v;
            assertEquals(1, Math.sqrt(length), 1e-5, "the fixture's vectors are unit length");
            long[][] coords = reader.coords();
            assertEquals(51, coords.length);
            assertTrue(coords[0][0] >= 0 && coords[0][1] >= 0 && coords[0][0] % 1 == 0);
        }
    }

    @Test
    void float16ReadsAsTheSameValuesRounded() {
        try (FeatureFileReader full = FeatureFileReader.open(SharedFeatures.get(SharedFeatures.GOOD));
             FeatureFileReader half = FeatureFileReader.open(SharedFeatures.get(SharedFeatures.FLOAT16))) {
            assertEquals(full.header().dimension(), half.header().dimension());
            float[][] a = full.rows(0, 51);
            float[][] b = half.rows(0, 51);
            for (int i = 0; i < 51; i++) assertArrayEquals(a[i], b[i], 1e-3f);
            assertArrayEquals(full.coords(), half.coords());
        }
    }

    @Test
    void everyInvalidFixtureFailsInOneLineNamingTheFileAndTheProblem() {
        Map<String, String> problems = Map.of(
                "no-coords.h5", "no 'coords' dataset",
                "no-features.h5", "no 'features' dataset",
                "row-mismatch.h5", "51 feature rows but 50 coordinate rows",
                "nan.h5", "holds NaN",
                "negative-coords.h5", "negative coordinates (-224, ",
                "not-hdf5.h5", "not an HDF5 file",
                "truncated.h5", "truncated or damaged");
        for (Map.Entry<String, String> expected : problems.entrySet()) {
            Path file = SharedFeatures.get("invalid/" + expected.getKey());
            FeatureFileException e = assertThrows(FeatureFileException.class, () -> {
                try (FeatureFileReader reader = FeatureFileReader.open(file)) {
                    reader.rows(0, reader.header().rows());
                }
            }, expected.getKey());
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(expected.getValue()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        // A 64-d file is a good file; the archive it goes into refuses it (FeatureImportTest).
        try (FeatureFileReader reader = FeatureFileReader.open(SharedFeatures.get("invalid/wrong-dimension.h5"))) {
            assertEquals(64, reader.header().dimension());
        }
    }

    @Test
    void writtenFilesReadBackExactly(@TempDir Path dir) {
        long[][] coords = {{0, 0}, {224, 0}, {448, 672}};
        float[][] features = {{1, 0, 0.5f}, {-0.25f, 2, 3}, {0, 0, 1e-7f}};
        Path file = dir.resolve("out/s042.h5");
        FeatureFileWriter.write(file, "s042", 224, OptionalDouble.of(20), coords, features);
        assertTrue(Files.isRegularFile(file));
        assertEquals(1, dir.resolve("out").toFile().list().length, "no partial file left");
        try (FeatureFileReader reader = FeatureFileReader.open(file)) {
            assertEquals(new FeatureFileHeader(file, "s042", 3, 3, 224, OptionalDouble.of(20)), reader.header());
            assertArrayEquals(coords, reader.coords());
            float[][] read = reader.rows(0, 3);
            for (int i = 0; i < 3; i++) assertArrayEquals(features[i], read[i]);
        }
    }
}
