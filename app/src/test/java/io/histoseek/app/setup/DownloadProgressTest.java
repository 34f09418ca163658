package io.histoseek.app.setup;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DownloadProgressTest {
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();

    @Test
    void lineShowsBytesPercentRateAndTimeLeftCountingOnlyThisTrysBytes() {
        DownloadProgress progress = new DownloadProgress(new PrintStream(text, true, StandardCharsets.UTF_8), false, "download");
        progress.started(1_000_000_000L, 4_540_000_000L);
        long tenSecondsLater = System.nanoTime() + 10_000_000_000L;
        // 500 MB in 10 s = 50 MB/s; 3.04 GB left at that rate = 60.8 s
        String line = progress.line(1_500_000_000L, 4_540_000_000L, tenSecondsLater);
        assertTrue(line.matches("download: 1\\.50 GB of 4\\.54 GB \\(33%\\)  (49\\.\\d|50\\.0) MB/s  ETA 1:0[01]"), line);
        assertTrue(text.toString(StandardCharsets.UTF_8).startsWith("download: resuming at 1.00 GB of 4.54 GB"));
    }

    @Test
    void terminalRewritesOneLineAndEndsItOnFinish() {
        DownloadProgress progress = new DownloadProgress(new PrintStream(text, true, StandardCharsets.UTF_8), true, "download");
        progress.started(0, 2_000_000);
        progress.finished(2_000_000, 2_000_000);
        String shown = text.toString(StandardCharsets.UTF_8);
        assertTrue(shown.startsWith("\rdownload: 2.0 MB of 2.0 MB (100%)"), shown);
        assertTrue(shown.endsWith("\u001b[K\n"), shown);
    }

    @Test
    void durationsReadLikeAClock() {
        assertEquals("0:59", DownloadProgress.duration(59));
        assertEquals("1:02:03", DownloadProgress.duration(3723));
    }
}
