package io.histoseek.model.checkpoint;

import io.histoseek.model.CheckpointException;
import io.histoseek.model.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointReaderTest {
    @TempDir
    Path temp;

    @Test
    void torchZipAndSafetensorsHoldTheSameTensors() throws CheckpointException {
        try (Checkpoint pthFile = CheckpointReader.read(SharedFixtures.model("tiny-hoptimus.pth"));
             Checkpoint safetensorsFile = CheckpointReader.read(SharedFixtures.model("tiny-hoptimus.safetensors"))) {
            Map<String, TensorData> pth = pthFile.tensors();
            Map<String, TensorData> safetensors = safetensorsFile.tensors();
        assertEquals(35, pth.size());
        assertEquals("cls_token", pth.keySet().iterator().next(), "state_dict order kept");
        assertEquals(safetensors.keySet(), pth.keySet());
        pth.forEach((name, tensor) -> assertSameValues(name, safetensors.get(name), tensor));
            assertArrayEquals(new long[] {1, 4, 48}, pth.get("reg_token").shape());
        }
    }

    @Test
    void closingUnmapsTheData() throws CheckpointException {
        Checkpoint checkpoint = CheckpointReader.read(SharedFixtures.model("tiny-hoptimus.pth"));
        TensorData norm = checkpoint.tensors().get("norm.weight");
        norm.get(0);
        checkpoint.close();
        assertThrows(IllegalStateException.class, () -> norm.get(0));
    }

    @Test
    void zip64ArchiveWithDataParallelPrefixReadsBack() throws Exception {
        Path file = temp.resolve("wrapped.pth");
        TorchCheckpointWriter.write(file, CheckpointFixtures.tinyAs(DType.F32, name -> "module." + name));
        try (Checkpoint checkpoint = CheckpointReader.read(file)) {
            Map<String, TensorData> tensors = checkpoint.tensors();
            Map<String, TensorData> expected = CheckpointFixtures.tinyTensors();
            assertEquals(expected.keySet(), tensors.keySet(), "module. prefix stripped");
            expected.forEach((name, tensor) -> assertSameValues(name, tensor, tensors.get(name)));
        }
    }

    @Test
    void bfloat16AndFloat16StoragesAreRead() throws Exception {
        for (DType dtype : List.of(DType.BF16, DType.F16)) {
            Path file = temp.resolve(dtype + ".pth");
            TorchCheckpointWriter.write(file, CheckpointFixtures.tinyAs(dtype, name -> name));
            try (Checkpoint checkpoint = CheckpointReader.read(file)) {
                TensorData qkv = checkpoint.tensors().get("blocks.1.attn.qkv.weight");
                TensorData reference = CheckpointFixtures.tinyTensors().get("blocks.1.attn.qkv.weight");
                assertEquals(dtype, qkv.dtype());
                for (int i = 0; i < reference.numel(); i += 97) {
                    float expected = dtype == DType.BF16
                            ? Float.intBitsToFloat(CheckpointFixtures.toBfloat16(reference.get(i)) << 16)
                            : Float.float16ToFloat(Float.floatToFloat16(reference.get(i)));
                    assertEquals(expected, qkv.get(i), 0f, dtype + " element " + i);
                }
            }
        }
    }

    @Test
    void maliciousPicklesAreRefusedWithoutRunningAnything() throws IOException {
        Path marker = temp.resolve("pwned");
        byte[] system = new TorchCheckpointWriter.Pickle().proto().global("os", "system")
                .mark().text("touch " + marker).tuple().reduce().stop().bytes();
        byte[] eval = new TorchCheckpointWriter.Pickle().proto().global("builtins", "eval")
                .mark().text("open('" + marker + "', 'w')").tuple().reduce().stop().bytes();
        // Hidden inside an otherwise valid state_dict, after a tensor the reader already accepted.
        byte[] hidden = new TorchCheckpointWriter.Pickle().proto().global("collections", "OrderedDict").emptyTuple()
                .reduce().mark().text("x").global("subprocess", "call").mark().text("id").tuple().reduce()
                .setItems().stop().bytes();
        Map<String, byte[]> pickles = Map.of("os.system", system, "builtins.eval", eval, "subprocess.call", hidden);
        for (Map.Entry<String, byte[]> pickle : pickles.entrySet()) {
            Path file = temp.resolve(pickle.getKey() + ".pth");
            TorchCheckpointWriter.writeRaw(file, pickle.getValue(), List.of());
            CheckpointException refused = assertThrows(CheckpointException.class, () -> CheckpointReader.read(file));
            assertOneLineNaming(file, refused);
            assertTrue(refused.getMessage().contains("refused pickle global '" + pickle.getKey() + "'"), refused.getMessage());
        }
        byte[] instOpcode = new TorchCheckpointWriter.Pickle().proto().raw('i').stop().bytes();
        Path inst = temp.resolve("inst.pth");
        TorchCheckpointWriter.writeRaw(inst, instOpcode, List.of());
        assertTrue(assertThrows(CheckpointException.class, () -> CheckpointReader.read(inst)).getMessage()
                .contains("refused pickle opcode 0x69"));
        assertFalse(Files.exists(marker), "the pickle ran code");
    }

    @Test
    void badFilesGetOneLineErrorsNamingThem() throws IOException {
        byte[] pth = Files.readAllBytes(SharedFixtures.model("tiny-hoptimus.pth"));
        byte[] safetensors = Files.readAllBytes(SharedFixtures.model("tiny-hoptimus.safetensors"));
        byte[] random = new byte[10_000];
        new Random(7).nextBytes(random);
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("empty.pth", new byte[0]);
        files.put("random.pth", random);
        files.put("tile.png", Files.readAllBytes(SharedFixtures.model("tile-0.png")));
        files.put("notes.txt", "just some text\n".getBytes());
        for (int cut : new int[] {3, 30, 2_000, pth.length / 2, pth.length - 10}) {
            files.put("cut-" + cut + ".pth", java.util.Arrays.copyOf(pth, cut));
        }
        for (int cut : new int[] {5, 12, 3_000, safetensors.length / 2, safetensors.length - 1}) {
            files.put("cut-" + cut + ".safetensors", java.util.Arrays.copyOf(safetensors, cut));
        }
        for (Map.Entry<String, byte[]> bad : files.entrySet()) {
            Path file = Files.write(temp.resolve(bad.getKey()), bad.getValue());
            assertOneLineNaming(file, assertThrows(CheckpointException.class, () -> CheckpointReader.read(file)));
        }
        Path missing = temp.resolve("missing.pth");
        assertEquals(missing + ": no such file",
                assertThrows(CheckpointException.class, () -> CheckpointReader.read(missing)).getMessage());
        assertOneLineNaming(temp, assertThrows(CheckpointException.class, () -> CheckpointReader.read(temp)));
    }

    static void assertOneLineNaming(Path file, CheckpointException error) {
        assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }

    private static void assertSameValues(String name, TensorData expected, TensorData actual) {
        assertArrayEquals(expected.shape(), actual.shape(), name);
        for (int i = 0; i < expected.numel(); i++) {
            if (expected.get(i) != actual.get(i)) {
                throw new AssertionError(name + " differs at " + i + ": " + expected.get(i) + " vs " + actual.get(i));
            }
        }
    }
}
