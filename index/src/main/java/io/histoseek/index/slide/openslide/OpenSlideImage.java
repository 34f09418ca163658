package io.histoseek.index.slide.openslide;

import io.histoseek.index.slide.Pixels;
import io.histoseek.index.slide.SlideException;
import io.histoseek.index.slide.SlideImage;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A whole-slide image read through OpenSlide (one native handle). Every method is thread-safe;
 * {@link #close()} waits for reads in flight, and any call after close throws
 * {@link IllegalStateException} instead of touching freed native memory. OpenSlide errors are
 * sticky: once a read fails, every later read of this handle fails too (reopen the file to retry).
 *
 * <p>Coordinates are always level-0 pixels; pixels come back as opaque 0xFFRRGGBB, transparent
 * areas (outside the scanned region) composited onto white.
 */
public final class OpenSlideImage implements SlideImage {
    /** Regions up to this many pixels reuse one native buffer per thread; larger ones get their own. */
    private static final long POOLED_PIXELS = 1L << 20;
    /** Labels, macros and thumbnails are a few megapixels; more means a damaged header. */
    private static final long MAX_ASSOCIATED_PIXELS = 1L << 26;
    private static final ThreadLocal<NativeBuffer> BUFFERS = ThreadLocal.withInitial(NativeBuffer::new);

    private final Path file;
    private final String id;
    private final OpenSlideLibrary lib;
    private final MemorySegment handle;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private final Map<String, String> properties;
    private final List<String> associatedImageNames;
    private final long[] levelWidths;
    private final long[] levelHeights;
    private final double[] levelDownsamples;

    private OpenSlideImage(Path file, String id, OpenSlideLibrary lib, MemorySegment handle) throws Throwable {
        this.file = file;
        this.id = id;
        this.lib = lib;
        this.handle = handle;
        Map<String, String> props = new TreeMap<>();
        for (String name : OpenSlideLibrary.stringArray((MemorySegment) lib.getPropertyNames.invokeExact(handle))) {
            try (Arena arena = Arena.ofConfined()) {
                String value = OpenSlideLibrary.string(
                        (MemorySegment) lib.getPropertyValue.invokeExact(handle, arena.allocateFrom(name)));
                if (value != null) {
                    props.put(name, value);
                }
            }
        }
        properties = Collections.unmodifiableMap(props);
        associatedImageNames = List.copyOf(OpenSlideLibrary.stringArray(
                (MemorySegment) lib.getAssociatedImageNames.invokeExact(handle)));
        int levels = (int) lib.getLevelCount.invokeExact(handle);
        if (levels < 1) {
            throw new SlideException(file, "no pyramid levels");
        }
        levelWidths = new long[levels];
        levelHeights = new long[levels];
        levelDownsamples = new double[levels];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment w = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment h = arena.allocate(ValueLayout.JAVA_LONG);
            for (int level = 0; level < levels; level++) {
                lib.getLevelDimensions.invokeExact(handle, level, w, h);
                levelWidths[level] = w.get(ValueLayout.JAVA_LONG, 0);
                levelHeights[level] = h.get(ValueLayout.JAVA_LONG, 0);
                levelDownsamples[level] = (double) lib.getLevelDownsample.invokeExact(handle, level);
                if (levelWidths[level] <= 0 || levelHeights[level] <= 0 || !(levelDownsamples[level] >= 1)) {
                    throw new SlideException(file, "level " + level + " has no valid size");
                }
            }
        }
        checkError("open");
    }

    /**
     * Opens a slide. Throws a SlideException naming the file and the reason: missing file, a
     * format OpenSlide does not recognise, or OpenSlide's own error for a broken file.
     */
    public static OpenSlideImage open(Path file) throws SlideException {
        if (!Files.exists(file)) {
            throw new SlideException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new SlideException(file, "is a folder, not a slide file");
        }
        if (!Files.isReadable(file)) {
            throw new SlideException(file, "not readable (permission denied)");
        }
        String id = id(file);
        OpenSlideLibrary lib = OpenSlideLibrary.get();
        MemorySegment handle;
        try (Arena arena = Arena.ofConfined()) {
            handle = (MemorySegment) lib.open.invokeExact(arena.allocateFrom(file.toAbsolutePath().toString()));
        } catch (Throwable t) {
            throw new SlideException(file, "OpenSlide failed: " + t);
        }
        if (handle.equals(MemorySegment.NULL)) {
            throw new SlideException(file, "not a slide format OpenSlide " + version(lib) + " can read");
        }
        try {
            String error = OpenSlideLibrary.string((MemorySegment) lib.getError.invokeExact(handle));
            if (error != null) {
                throw new SlideException(file, error);
            }
            return new OpenSlideImage(file, id, lib, handle);
        } catch (Throwable t) {
            try {
                lib.close.invokeExact(handle);
            } catch (Throwable ignored) {
                // Closing a handle that failed to open; the open failure is what the user needs.
            }
            if (t instanceof SlideException e) {
                throw e;
            }
            throw new SlideException(file, "OpenSlide failed: " + t);
        }
    }

    /** The absolute file, its size and modification time: a changed file is another image. */
    private static String id(Path file) throws SlideException {
        try {
            return file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new SlideException(file, "cannot read the file's size and date (" + e.getMessage() + ")");
        }
    }

    /** The OpenSlide version in use, e.g. "3.4.1". */
    public static String libraryVersion() throws SlideException {
        return version(OpenSlideLibrary.get());
    }

    private static String version(OpenSlideLibrary lib) {
        try {
            return OpenSlideLibrary.string((MemorySegment) lib.getVersion.invokeExact());
        } catch (Throwable t) {
            return lib.libraryName;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Path file() {
        return file;
    }

    /** OpenSlide's vendor name (aperio, mirax, hamamatsu, generic-tiff, ...). */
    public String vendor() {
        return properties.getOrDefault("openslide.vendor", "unknown");
    }

    @Override
    public long width() {
        return levelWidths[0];
    }

    @Override
    public long height() {
        return levelHeights[0];
    }

    @Override
    public int levelCount() {
        return levelWidths.length;
    }

    @Override
    public long levelWidth(int level) {
        return levelWidths[level];
    }

    @Override
    public long levelHeight(int level) {
        return levelHeights[level];
    }

    @Override
    public double levelDownsample(int level) {
        return levelDownsamples[level];
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    /** openslide.quickhash-1: a content hash that identifies the slide whatever its file name. */
    public Optional<String> quickHash() {
        return property("openslide.quickhash-1");
    }

    /** Nominal scanner objective (openslide.objective-power), when the file records a positive number. */
    @Override
    public OptionalDouble objectivePower() {
        try {
            double power = Double.parseDouble(property("openslide.objective-power").orElse("").strip());
            return power > 0 && Double.isFinite(power) ? OptionalDouble.of(power) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    @Override
    public List<String> associatedImageNames() {
        return associatedImageNames;
    }

    /** OpenSlide's choice of level for reading at this downsample. */
    public int bestLevelForDownsample(double downsample) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return (int) lib.getBestLevelForDownsample.invokeExact(handle, downsample);
        } catch (Throwable t) {
            throw rethrowUnchecked(t);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The embedded ICC profile (OpenSlide 4.x only; always empty with 3.4). */
    public Optional<byte[]> iccProfile() throws SlideException {
        if (lib.getIccProfileSize.isEmpty() || lib.readIccProfile.isEmpty()) {
            return Optional.empty();
        }
        return whileOpen("ICC profile read failed", () -> {
            try (Arena arena = Arena.ofConfined()) {
                long size = (long) lib.getIccProfileSize.get().invokeExact(handle);
                if (size <= 0) {
                    return Optional.<byte[]>empty();
                }
                MemorySegment buffer = arena.allocate(size);
                lib.readIccProfile.get().invokeExact(handle, buffer);
                checkError("ICC profile read");
                return Optional.of(buffer.toArray(ValueLayout.JAVA_BYTE));
            }
        });
    }

    @Override
    public void readRegion(long x0, long y0, int level, int w, int h, int[] out) throws SlideException {
        if (level < 0 || level >= levelCount()) {
            throw new IllegalArgumentException("level " + level + " outside 0.." + (levelCount() - 1));
        }
        if (w <= 0 || h <= 0 || (long) w * h > out.length) {
            throw new IllegalArgumentException("region " + w + "x" + h + " does not fit " + out.length + " pixels");
        }
        long pixels = (long) w * h;
        whileOpen("read failed", () -> {
            try (Arena oversize = pixels > POOLED_PIXELS ? Arena.ofConfined() : null) {
                MemorySegment buffer = oversize != null
                        ? oversize.allocate(ValueLayout.JAVA_INT, pixels)
                        : BUFFERS.get().ofPixels(pixels);
                lib.readRegion.invokeExact(handle, buffer, x0, y0, level, (long) w, (long) h);
                checkError("read of " + w + "x" + h + " at (" + x0 + ", " + y0 + ") level " + level);
                MemorySegment.copy(buffer, ValueLayout.JAVA_INT, 0, out, 0, (int) pixels);
                return null;
            }
        });
        Pixels.compositeOntoWhite(out, (int) pixels);
    }

    /** Like {@link #readRegion(long, long, int, int, int, int[])}, as a TYPE_INT_RGB image. */
    public BufferedImage readRegion(long x0, long y0, int level, int w, int h) throws SlideException {
        int[] pixels = new int[Math.multiplyExact(w, h)];
        readRegion(x0, y0, level, w, h, pixels);
        return Pixels.toImage(pixels, w, h);
    }

    @Override
    public long[] associatedImageSize(String name) throws SlideException {
        return whileOpen("associated image " + name, () -> {
            try (Arena arena = Arena.ofConfined()) {
                return associatedSize(arena, name);
            }
        });
    }

    @Override
    public BufferedImage readAssociatedImage(String name) throws SlideException {
        long[] size = associatedImageSize(name);
        if (size[0] * size[1] > MAX_ASSOCIATED_PIXELS) {
            throw new SlideException(file, "associated image " + name + " is too large to decode");
        }
        int[] pixels = whileOpen("associated image " + name, () -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buffer = arena.allocate(ValueLayout.JAVA_INT, size[0] * size[1]);
                lib.readAssociatedImage.invokeExact(handle, arena.allocateFrom(name), buffer);
                checkError("read of associated image " + name);
                return buffer.toArray(ValueLayout.JAVA_INT);
            }
        });
        Pixels.compositeOntoWhite(pixels, pixels.length);
        return Pixels.toImage(pixels, (int) size[0], (int) size[1]);
    }

    private long[] associatedSize(Arena arena, String name) throws Throwable {
        if (!associatedImageNames.contains(name)) {
            throw new SlideException(file, "no associated image named " + name);
        }
        MemorySegment w = arena.allocate(ValueLayout.JAVA_LONG);
        MemorySegment h = arena.allocate(ValueLayout.JAVA_LONG);
        lib.getAssociatedImageDimensions.invokeExact(handle, arena.allocateFrom(name), w, h);
        checkError("associated image " + name);
        long width = w.get(ValueLayout.JAVA_LONG, 0);
        long height = h.get(ValueLayout.JAVA_LONG, 0);
        if (width <= 0 || height <= 0) {
            throw new SlideException(file, "associated image " + name + " has no valid size");
        }
        return new long[] {width, height};
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                lib.close.invokeExact(handle);
            }
        } catch (Throwable t) {
            throw rethrowUnchecked(t);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean isClosed() {
        lock.readLock().lock();
        try {
            return closed;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A call on the native handle. */
    private interface NativeCall<T> {
        T call() throws Throwable;
    }

    /**
     * Runs {@code call} on the open handle; close waits until it is done. A failure of the native
     * call itself (not an OpenSlide error, which checkError reports) becomes "{failure}: {cause}".
     */
    private <T> T whileOpen(String failure, NativeCall<T> call) throws SlideException {
        lock.readLock().lock();
        try {
            ensureOpen();
            return call.call();
        } catch (SlideException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new SlideException(file, failure + ": " + t);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(file + ": slide is closed");
        }
    }

    /** OpenSlide errors are sticky: the handle stays broken, so every later call reports it too. */
    private void checkError(String operation) throws SlideException {
        String error;
        try {
            error = OpenSlideLibrary.string((MemorySegment) lib.getError.invokeExact(handle));
        } catch (Throwable t) {
            throw new SlideException(file, operation + " failed: " + t);
        }
        if (error != null) {
            throw new SlideException(file, operation.equals("open") ? error : operation + " failed: " + error);
        }
    }

    private static RuntimeException rethrowUnchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    @Override
    public String toString() {
        return "OpenSlideImage[" + file + ", " + vendor() + ", " + width() + "x" + height() + "]";
    }

    /** One growable native pixel buffer per thread, freed with the thread. */
    private static final class NativeBuffer {
        private MemorySegment segment = MemorySegment.NULL;

        MemorySegment ofPixels(long pixels) {
            long bytes = pixels * Integer.BYTES;
            if (segment.byteSize() < bytes) {
                segment = Arena.ofAuto().allocate(ValueLayout.JAVA_INT, Math.max(pixels, 256 * 256));
            }
            return segment;
        }
    }
}
