package io.histoseek.model.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.load.Encoders;
import io.histoseek.model.Precision;
import io.histoseek.model.SharedFixtures;
import io.histoseek.model.TileEncoder;
import io.histoseek.model.TinyFixture;
import io.histoseek.model.checkpoint.CheckpointFixtures;
import io.histoseek.model.checkpoint.DType;
import io.histoseek.model.checkpoint.TorchCheckpointWriter;
import io.histoseek.model.checkpoint.TensorData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VitTileEncoderTest {
    private static final EncoderOptions CPU = EncoderOptions.defaults().withDevice(Device.CPU);
    private static float[][] tiles;
    private static float[][] expected;

    @TempDir
    Path temp;

    @BeforeAll
    static void readFixtures() throws IOException {
        tiles = TinyFixture.tiles();
        expected = TinyFixture.expected();
    }

    @Test
    void bothFormatsReproducePyTorchInBatchesOfOneAndFour() throws Exception {
        for (String file : List.of("tiny-hoptimus.pth", "tiny-hoptimus.safetensors")) {
            for (int batch : new int[] {1, 4}) {
                try (TileEncoder encoder = Encoders.open(SharedFixtures.model(file), CPU.withBatchSize(batch))) {
                    assertEquals(48, encoder.dimension());
                    float diff = TinyFixture.maxAbsDiff(expected, encoder.encode(tiles));
                    assertTrue(diff <= 1e-4f, file + " batch " + batch + ": max abs diff " + diff);
                }
            }
        }
    }

    @Test
    void everyStageMatchesPyTorchsIntermediates() throws Exception {
        Map<String, float[]> reference = new HashMap<>();
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             InputStream npz = Files.newInputStream(SharedFixtures.model("tiny-hoptimus.debug.npz"))) {
            for (NDArray array : NDList.decode(manager, npz)) {
                reference.put(array.getName(), array.toFloatArray());
            }
        }
        assertTrue(TinyFixture.maxAbsDiff(reference.get("input"), tiles[0]) <= 1e-6f, "preprocessing");
        Map<String, float[]> ours = new HashMap<>();
        try (TileEncoder encoder = Encoders.open(SharedFixtures.model("tiny-hoptimus.pth"), CPU)) {
            ((VitTileEncoder) encoder).trace(new float[][] {tiles[0]}, (name, value) -> ours.put(name, value.toFloatArray()));
            ours.put("output", encoder.encode(new float[][] {tiles[0]})[0]);
        }
        for (String stage : List.of("tokens", "block0", "block1", "norm", "output")) {
            float diff = TinyFixture.maxAbsDiff(reference.get(stage), ours.get(stage));
            assertTrue(diff <= 1e-4f, stage + ": max abs diff " + diff);
        }
    }

    @Test
    void float16AutocastStaysClose() throws Exception {
        try (TileEncoder encoder = Encoders.open(SharedFixtures.model("tiny-hoptimus.safetensors"),
                CPU.withPrecision(Precision.FP16).withBatchSize(4))) {
            float diff = TinyFixture.maxAbsDiff(expected, encoder.encode(tiles));
            assertTrue(diff <= 2e-2f, "fp16 max abs diff " + diff);
        }
    }

    @Test
    void bfloat16CheckpointIsWidenedExactly() throws Exception {
        Path bf16 = temp.resolve("bf16.pth");
        TorchCheckpointWriter.write(bf16, CheckpointFixtures.tinyAs(DType.BF16, name -> name));
        // The same bf16-rounded values stored as float32: widening must give exactly these.
        Path rounded = temp.resolve("rounded.pth");
        List<TorchCheckpointWriter.Tensor> roundedTensors = new ArrayList<>();
        CheckpointFixtures.tinyTensors().forEach((name, tensor) -> roundedTensors.add(
                new TorchCheckpointWriter.Tensor(name, DType.F32, tensor.shape(), bfloat16Rounded(tensor))));
        TorchCheckpointWriter.write(rounded, roundedTensors);
        try (TileEncoder fromBf16 = Encoders.open(bf16, CPU.withBatchSize(4));
             TileEncoder fromF32 = Encoders.open(rounded, CPU.withBatchSize(4))) {
            float[][] widened = fromBf16.encode(tiles);
            assertEquals(0f, TinyFixture.maxAbsDiff(fromF32.encode(tiles), widened), 1e-6f);
            float diff = TinyFixture.maxAbsDiff(expected, widened);
            assertTrue(diff <= 5e-2f, "bf16 weights vs fp32 reference: " + diff);
        }
    }

    @Test
    void memoryStaysFlatAcrossBatches() throws Exception {
        try (TileEncoder encoder = Encoders.open(SharedFixtures.model("tiny-hoptimus.pth"), CPU.withBatchSize(3))) {
            VitTileEncoder vit = (VitTileEncoder) encoder;
            int before = vit.managedArrayCount();
            encoder.encode(tiles);
            encoder.encode(tiles);
            assertEquals(before, vit.managedArrayCount(), "arrays left behind in the weights' manager");
        }
    }

    /**
     * The tiny model has 2 blocks, so a batch asks 7 times: before the batch, after the tokens,
     * after each block's attention and after each block, after the final norm.
     */
    @Test
    void cancellationStopsInsideABlockFreesTheBatchAndLeavesTheEncoderUsable() throws Exception {
        try (TileEncoder encoder = Encoders.open(SharedFixtures.model("tiny-hoptimus.pth"), CPU.withBatchSize(2))) {
            VitTileEncoder vit = (VitTileEncoder) encoder;
            int before = vit.managedArrayCount();
            CancellationException inBlock = assertThrows(CancellationException.class,
                    () -> encoder.encode(tiles, trueFromCall(3)));
            assertEquals("encoding cancelled after block0.attention", inBlock.getMessage());
            CancellationException betweenBatches = assertThrows(CancellationException.class,
                    () -> encoder.encode(tiles, trueFromCall(8)));
            assertEquals("encoding cancelled before tile 2", betweenBatches.getMessage());
            assertEquals(before, vit.managedArrayCount(), "a cancelled batch left arrays behind");
            float diff = TinyFixture.maxAbsDiff(expected, encoder.encode(tiles, () -> false));
            assertTrue(diff <= 1e-4f, "after a cancel: max abs diff " + diff);
        }
    }

    /** A cancel flag that turns true on its n-th reading (counting from 1). */
    private static BooleanSupplier trueFromCall(int n) {
        AtomicInteger calls = new AtomicInteger();
        return () -> calls.incrementAndGet() >= n;
    }

    @Test
    void wrongTilesAndClosedEncoderAreRefused() throws Exception {
        TileEncoder encoder = Encoders.open(SharedFixtures.model("tiny-hoptimus.pth"), CPU);
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new float[][] {new float[10]}));
        encoder.close();
        assertThrows(IllegalStateException.class, () -> encoder.encode(tiles));
    }

    @Test
    void gpuWithoutCudaIsAOneLineError() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () ->
                Encoders.open(SharedFixtures.model("tiny-hoptimus.pth"), CPU.withDevice(Device.GPU)).close());
        assertEquals(1, error.getMessage().lines().count());
        assertTrue(error.getMessage().contains("no CUDA GPU"), error.getMessage());
    }

    private static TorchCheckpointWriter.Filler bfloat16Rounded(TensorData tensor) {
        return (ByteBuffer chunk, long offset) -> {
            int index = (int) offset;
            while (chunk.hasRemaining()) {
                chunk.putFloat(Float.intBitsToFloat(CheckpointFixtures.toBfloat16(tensor.get(index++)) << 16));
            }
        };
    }

}
