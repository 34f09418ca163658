package io.histoseek.app.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {
    @Test
    void rateAndEtaFromTheStageStart() {
        assertEquals("searching tiles 0/100, ETA --", ProgressLine.format("searching tiles", 0, 100, 0));
        assertEquals("searching tiles 50/100, 5.0/s, ETA 0m10s", ProgressLine.format("searching tiles", 50, 100, 10));
        assertEquals("embedding tiles 10/100000, 0.1/s, ETA 277h45m", ProgressLine.format("embedding tiles", 10, 100_000, 100));
    }

    @Test
    void inALogALineEveryTenSecondsAndAtTheEnd() {
        StringWriter text = new StringWriter();
        AtomicLong clock = new AtomicLong();
        ProgressLine progress = new ProgressLine(new PrintWriter(text, true), false, clock::get);
        progress.update("searching tiles", 0, 100);
        clock.set(2_000_000_000L);
        progress.update("searching tiles", 10, 100);
        clock.set(5_000_000_000L);
        progress.update("searching tiles", 20, 100);
        clock.set(13_000_000_000L);
        progress.update("searching tiles", 60, 100);
        clock.set(14_000_000_000L);
        progress.update("searching tiles", 100, 100);
        assertEquals("searching tiles 60/100, 4.6/s, ETA 0m09s\nsearching tiles 100/100, 7.1/s, ETA 0m00s\n", text.toString());
    }
}
