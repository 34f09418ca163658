package io.histoseek.model.vit;

import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.load.Encoders;
import io.histoseek.model.TileEncoder;
import io.histoseek.model.VitArchitecture;
import io.histoseek.model.TinyFixture;
import io.histoseek.model.checkpoint.Checkpoint;
import io.histoseek.model.checkpoint.CheckpointFixtures;
import io.histoseek.model.checkpoint.CheckpointReader;
import io.histoseek.model.checkpoint.SafetensorsWriter;
import io.histoseek.model.checkpoint.SyntheticVit;
import io.histoseek.model.checkpoint.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints past 2 GiB (zip64, tensors mapped beyond the 2 GiB offset) load and run. */
class LargeCheckpointTest {
    /** 20 real-width blocks of float32: 2.27 GB, over the 2 GiB a Java array or DJL's decoder can hold. */
    private static final VitArchitecture WIDE = new VitArchitecture(1536, 20, 24, 4096, 4, 14);

    @TempDir
    Path temp;

    @Test
    void realWidthCheckpointOverTwoGibLoadsAndRuns() throws Exception {
        Path file = temp.resolve("synthetic-real-width.pth");
        try {
            SyntheticVit.write(file, WIDE);
            assertTrue(Files.size(file) > (2L << 30), "only " + Files.size(file) + " bytes");

            try (Checkpoint checkpoint = CheckpointReader.read(file)) {
                List<String> names = List.copyOf(VitLayout.expectedShapes(WIDE).keySet());
                String last = "blocks.19.mlp.fc2.weight";
                TensorData lastWeight = checkpoint.tensors().get(last);
                float scale = SyntheticVit.scale(last, lastWeight.shape());
                for (long index : new long[] {0, 1, lastWeight.numel() - 1}) {
                    assertEquals(SyntheticVit.value(names.indexOf(last) + 1, index, scale, 0f),
                            lastWeight.get((int) index), 0f, "value past the 2 GiB offset");
                }
            }
            assertEquals(WIDE.toString(), Encoders.inspect(file, OptionalInt.empty()).architecture());

            float[] tile = new float[3 * 224 * 224];
            Random random = new Random(3);
            for (int i = 0; i < tile.length; i++) {
                tile[i] = (float) random.nextGaussian();
            }
            try (TileEncoder encoder = Encoders.open(file, EncoderOptions.defaults().withDevice(Device.CPU))) {
                float[][] once = encoder.encode(new float[][] {tile});
                assertEquals(1536, once[0].length);
                float spread = 0;
                for (float value : once[0]) {
                    assertTrue(Float.isFinite(value));
                    spread = Math.max(spread, Math.abs(value - once[0][0]));
                }
                assertTrue(spread > 0.1f, "the output is flat");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void safetensorsWithTensorsBeyondTwoGibReproducesTheReference() throws Exception {
        Path file = temp.resolve("far.safetensors");
        try {
            SafetensorsWriter.write(file, CheckpointFixtures.tinyTensors(), 5L << 29);
            assertTrue(Files.size(file) > (2L << 30));
            try (TileEncoder encoder = Encoders.open(file, EncoderOptions.defaults().withDevice(Device.CPU))) {
                float diff = TinyFixture.maxAbsDiff(TinyFixture.expected(), encoder.encode(TinyFixture.tiles()));
                assertTrue(diff <= 1e-4f, "max abs diff " + diff);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
