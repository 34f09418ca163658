package io.histoseek.index.slide.openslide;

import io.histoseek.index.slide.SharedSlides;
import io.histoseek.index.slide.SlideException;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.histoseek.index.slide.SharedSlides.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenSlideImageConcurrencyTest {
    /**
     * Readers hammer one handle while another thread closes it: close waits for the reads in
     * flight, later reads throw IllegalStateException, and nothing touches freed native memory
     * (which would kill this JVM, failing the run).
     */
    @Test
    void closingWhileManyThreadsReadNeverCrashes() throws Exception {
        for (String file : List.of(SharedSlides.CMU, SharedSlides.TIFF_05)) {
            for (int round = 0; round < 3; round++) {
                OpenSlideImage slide = OpenSlideImage.open(get(file));
                int threads = 12;
                CountDownLatch started = new CountDownLatch(threads);
                AtomicInteger reads = new AtomicInteger();
                AtomicInteger closedSeen = new AtomicInteger();
                ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
                List<Thread> readers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long seed = t * 31L + round;
                    readers.add(Thread.ofPlatform().start(() -> {
                        Random random = new Random(seed);
                        int[] pixels = new int[224 * 224];
                        started.countDown();
                        while (true) {
                            try {
                                int level = random.nextInt(slide.levelCount());
                                slide.readRegion(random.nextInt((int) slide.width() - 224),
                                        random.nextInt((int) slide.height() - 224), level, 224, 224, pixels);
                                reads.incrementAndGet();
                            } catch (IllegalStateException closed) {
                                closedSeen.incrementAndGet();
                                return;
                            } catch (Throwable other) {
                                unexpected.add(other);
                                return;
                            }
                        }
                    }));
                }
                started.await();
                Thread.sleep(150);
                slide.close();
                for (Thread reader : readers) {
                    reader.join(10_000);
                }
                assertTrue(unexpected.isEmpty(), () -> "unexpected: " + unexpected.peek());
                assertEquals(threads, closedSeen.get(), "every reader stopped on the closed slide");
                assertTrue(reads.get() > threads, "reads before close: " + reads.get());
            }
        }
    }
}
