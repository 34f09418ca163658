package io.histoseek.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What run-jvm.sh, shared by ./histoseek and the app image, promises about memory and stderr. */
class LaunchScriptTest {
    private record Run(int exit, String out, String err) {}

    private static Run launch(String javaOpts, String... mainAndArgs) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(LaunchScript.command(mainAndArgs));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (javaOpts == null) {
            builder.environment().remove("HISTOSEEK_JAVA_OPTS");
        } else {
            builder.environment().put("HISTOSEEK_JAVA_OPTS", javaOpts);
        }
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running after 60 s (half-alive?)");
        return new Run(process.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> keys(String text) {
        Map<String, String> keys = new LinkedHashMap<>();
        text.lines().forEach(line -> keys.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return keys;
    }

    @Test
    void outOfMemoryEndsTheProcessWithOneLineNamingTheSetting() throws Exception {
        Run run = launch("-Xmx32m", HeapHog.class.getName());
        assertTrue(run.exit() > 0, "exit " + run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().matches("histoseek: out of memory \\(Java heap space; the heap may use 32 MB of this machine's "
                + "[0-9.]+ GB\\); raise the limit, e\\.g\\. HISTOSEEK_JAVA_OPTS=-Xmx64m\\n"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void theHeapDefaultsToHalfTheMachineAndHistoseekJavaOptsOverridesIt() throws Exception {
        Map<String, String> defaults = keys(launch(null, JvmOptionsProbe.class.getName()).out());
        assertEquals("50.0", defaults.get("MaxRAMPercentage"));
        assertEquals("true", defaults.get("ExitOnOutOfMemoryError"));

        Map<String, String> percent = keys(launch("-XX:MaxRAMPercentage=70", JvmOptionsProbe.class.getName()).out());
        assertEquals("70.0", percent.get("MaxRAMPercentage"));
        Map<String, String> fixed = keys(launch("-Xmx300m", JvmOptionsProbe.class.getName()).out());
        assertEquals(Long.toString(300L << 20), fixed.get("MaxHeapSize"));
        assertEquals("true", fixed.get("ExitOnOutOfMemoryError"));
    }

    @Test
    void startUpNoticesAreDroppedSoAnErrorIsOneLine() throws Exception {
        Run run = launch("-Xmx300m", Main.class.getName(), "slide-info", "no-such-slide.svs");
        assertEquals(1, run.exit(), run.err());
        assertEquals(List.of("histoseek: no-such-slide.svs: no such file"), run.err().lines().toList());
    }
}
