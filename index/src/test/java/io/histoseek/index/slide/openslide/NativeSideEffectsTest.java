package io.histoseek.index.slide.openslide;

import io.histoseek.index.slide.SharedSlides;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native libraries change nothing process-wide that other code relies on: OpenSlide and
 * libtorch leave the signal handlers and the locale as the JVM set them, and the binding's
 * libtiff and GLib handlers drop only what is said inside an OpenSlide call.
 */
class NativeSideEffectsTest {
    /** boxes.tiff cut short: reading its directory makes libtiff warn about the ICC profile. */
    private static final int TRUNCATED_LENGTH = 7141;

    @TempDir
    Path dir;

    private record Run(List<String> out, String err) {}

    private Run child(boolean debug) throws Exception {
        Path damaged = dir.resolve("truncated-boxes.tiff");
        Files.write(damaged, Arrays.copyOf(Files.readAllBytes(SharedSlides.get(SharedSlides.BOXES)), TRUNCATED_LENGTH));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                NativeSideEffectsChild.class.getName(), damaged.toString(),
                SharedSlides.shared().resolve("fixtures/model/tiny-hoptimus.pth").toString());
        builder.environment().put("HISTOSEEK_DEBUG", debug ? "1" : "0");
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        List<String> out = read(process.getInputStream()).lines().toList();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err.join());
        return new Run(out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void signalsLocaleAndOtherCodesMessagesAreLeftAlone() throws Exception {
        Run run = child(false);
        assertEquals(2, run.out().size(), run.out().toString());
        assertEquals(run.out().get(0).substring("before: ".length()), run.out().get(1).substring("after: ".length()),
                "signal dispositions or locale changed by OpenSlide or libtorch");
        assertTrue(run.err().contains("glib message from outside OpenSlide"), run.err());
        assertTrue(run.err().contains("histoseek-test: Warning, libtiff message from outside OpenSlide"), run.err());
        assertFalse(run.err().contains("ICC Profile"), "OpenSlide's libtiff warning must not reach stderr: " + run.err());
    }

    @Test
    void histoseekDebugLetsOpenSlidesMessagesThrough() throws Exception {
        assertTrue(child(true).err().contains("TIFFFetchNormalTag: Warning, IO error during reading of \"ICC Profile\"; tag ignored."));
    }
}
