package io.histoseek.index.pipeline;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextProgressPrinterTest {
    private static final IndexingProgress MID = new IndexingProgress(1, 3, 120, 10.0,
            Optional.of(Duration.ofSeconds(75)), Optional.of("a/b.svs"));

    @Test
    void aTerminalGetsOneRefreshingLineAndMessagesOnTheirOwn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextProgressPrinter printer = new TextProgressPrinter(new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true), true, Duration.ZERO);
        printer.progress(MID);
        printer.slideFinished(SlideOutcome.failed("x.svs", "Bogus marker length"));
        printer.progress(MID);
        printer.finish();
        String line = "slides 1/3, tiles 120, 10.0 tiles/s, ETA 1m15s, b.svs";
        String blank = " ".repeat(line.length());
        assertEquals("\r" + line + "\r" + blank + "\rfailed: x.svs: Bogus marker length\n\r" + line + "\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLogGetsPlainLinesNoMoreOftenThanTheInterval() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextProgressPrinter printer = new TextProgressPrinter(new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true), false, Duration.ofHours(1));
        printer.progress(MID);
        printer.progress(MID);
        printer.progress(new IndexingProgress(3, 3, 300, 10.0, Optional.of(Duration.ZERO), Optional.empty()));
        assertEquals("slides 1/3, tiles 120, 10.0 tiles/s, ETA 1m15s, b.svs\n"
                + "slides 3/3, tiles 300, 10.0 tiles/s, ETA 0m00s\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
