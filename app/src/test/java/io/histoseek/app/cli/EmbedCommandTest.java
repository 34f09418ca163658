package io.histoseek.app.cli;

import io.histoseek.app.SharedTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbedCommandTest {
    private static final Path FIXTURES = SharedTestData.path("fixtures/model");

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {}

    @Test
    void bothFormatsPrintTheReferenceVectors() throws IOException {
        List<String> expected = Files.readAllLines(FIXTURES.resolve("tiny-hoptimus.expected.txt"));
        String[] tiles = new String[4];
        for (int i = 0; i < 4; i++) {
            tiles[i] = FIXTURES.resolve("tile-" + i + ".png").toString();
        }
        for (String checkpoint : List.of("tiny-hoptimus.pth", "tiny-hoptimus.safetensors")) {
            String[] args = concat(new String[] {"embed", "--checkpoint", FIXTURES.resolve(checkpoint).toString(),
                    "--device", "cpu", "--batch-size", "3"}, tiles);
            Run run = run(args);
            assertEquals(0, run.exit(), run.err());
            assertEquals("", run.err());
            List<String> lines = run.out().lines().toList();
            assertEquals(4, lines.size());
            for (int i = 0; i < 4; i++) {
                String[] pathAndValues = lines.get(i).split("\t");
                assertEquals(tiles[i], pathAndValues[0]);
                String[] values = pathAndValues[1].split(" ", -1);
                String[] reference = expected.get(i).trim().split(" ");
                assertEquals(48, values.length);
                for (int j = 0; j < 48; j++) {
                    assertTrue(values[j].matches("-?\\d\\.\\d{8}(e[+-]\\d+)?|-?\\d+\\.\\d+"), values[j]);
                    assertEquals(Float.parseFloat(reference[j]), Float.parseFloat(values[j]), 1e-4f, checkpoint + " tile " + i);
                }
            }
        }
    }

    @Test
    void badCheckpointsExitOneWithOneLineNamingTheFile() throws IOException {
        byte[] pth = Files.readAllBytes(FIXTURES.resolve("tiny-hoptimus.pth"));
        byte[] random = new byte[4096];
        new Random(11).nextBytes(random);
        Map<Path, String> bad = new LinkedHashMap<>();
        bad.put(temp.resolve("missing.pth"), "no such file");
        bad.put(Files.write(temp.resolve("truncated.pth"), Arrays.copyOf(pth, pth.length / 3)), "truncated");
        bad.put(Files.write(temp.resolve("random.bin"), random), "not a PyTorch");
        bad.put(Files.write(temp.resolve("notes.txt"), "hello\n".getBytes()), "not a PyTorch");
        bad.put(FIXTURES.resolve("tile-0.png"), "not a PyTorch");
        bad.put(maliciousCheckpoint(), "refused pickle global 'os.system'");
        Path marker = temp.resolve("pwned");
        for (Map.Entry<Path, String> entry : bad.entrySet()) {
            Run run = run("embed", "--checkpoint", entry.getKey().toString(), FIXTURES.resolve("tile-0.png").toString());
            assertEquals(1, run.exit(), run.err());
            assertEquals("", run.out());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("histoseek: " + entry.getKey() + ": "), run.err());
            assertTrue(run.err().contains(entry.getValue()), run.err());
        }
        assertFalse(Files.exists(marker));
    }

    @Test
    void badImagesAndMissingCheckpointAreOneLineErrors() throws IOException {
        Path small = temp.resolve("small.png");
        javax.imageio.ImageIO.write(new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB), "png", small.toFile());
        Path checkpoint = FIXTURES.resolve("tiny-hoptimus.pth");
        Run wrongSize = run("embed", "--checkpoint", checkpoint.toString(), small.toString());
        assertEquals(1, wrongSize.exit());
        assertEquals("histoseek: " + small + ": image is 100x80 pixels; tiles must be 224x224\n", wrongSize.err());
        Run notImage = run("embed", "--checkpoint", checkpoint.toString(), checkpoint.toString());
        assertEquals(1, notImage.exit());
        assertTrue(notImage.err().startsWith("histoseek: " + checkpoint + ": not an image"), notImage.err());
        Run gpu = run("embed", "--checkpoint", checkpoint.toString(), "--device", "gpu", FIXTURES.resolve("tile-0.png").toString());
        assertEquals(1, gpu.exit());
        assertTrue(gpu.err().contains("no CUDA GPU"), gpu.err());
    }

    @Test
    void checkpointComesFromTheEnvironmentWhenNotGiven() {
        ModelOptions options = new ModelOptions();
        assertEquals(Path.of("/models/h.pth"), options.resolveCheckpoint(Map.of(ModelOptions.CHECKPOINT_ENV, "/models/h.pth")));
        IllegalArgumentException none = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> options.resolveCheckpoint(Map.of()));
        assertTrue(none.getMessage().contains("--checkpoint"));
        options.checkpoint = Path.of("given.pth");
        assertEquals(Path.of("given.pth"), options.resolveCheckpoint(Map.of(ModelOptions.CHECKPOINT_ENV, "/models/h.pth")));
    }

    private Path maliciousCheckpoint() throws IOException {
        Path file = temp.resolve("evil.pth");
        byte[] pickle = ("\u0080\u0002cos\nsystem\n(X\u0000\u0000\u0000\u0000tR.").getBytes(StandardCharsets.ISO_8859_1);
        String command = "touch " + temp.resolve("pwned");
        byte[] withCommand = new byte[pickle.length + command.length()];
        int split = pickle.length - 3;
        System.arraycopy(pickle, 0, withCommand, 0, split);
        withCommand[split - 4] = (byte) command.length();
        System.arraycopy(command.getBytes(StandardCharsets.ISO_8859_1), 0, withCommand, split, command.length());
        System.arraycopy(pickle, split, withCommand, split + command.length(), 3);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            ZipEntry entry = new ZipEntry("evil/data.pkl");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(withCommand.length);
            CRC32 crc = new CRC32();
            crc.update(withCommand);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(withCommand);
            zip.closeEntry();
        }
        return file;
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HistoseekCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
