package io.histoseek.index.slide.openslide;

import io.histoseek.index.slide.SlideException;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.Preprocessing;
import io.histoseek.model.TileEncoder;
import io.histoseek.model.load.Encoders;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Loads the native libraries as Histoseek does (OpenSlide reading a damaged file, then libtorch
 * through the encoder) in a JVM of its own. Prints the signal dispositions and the locale before
 * and after ("before: ..." / "after: ..." on stdout), and logs one GLib and one libtiff message
 * from outside OpenSlide, which must reach stderr. Args: DAMAGED_SLIDE CHECKPOINT.
 */
public final class NativeSideEffectsChild {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final int LC_ALL = 6;
    private static final int G_LOG_LEVEL_WARNING = 1 << 4;

    private NativeSideEffectsChild() {}

    public static void main(String[] args) throws Throwable {
        System.out.println("before: " + processState());
        try (OpenSlideImage slide = OpenSlideImage.open(Path.of(args[0]))) {
            slide.readRegion(0, 0, 0, 16, 16, new int[256]);
        } catch (SlideException expected) {
            // Damaged on purpose: what matters is what OpenSlide's libraries printed meanwhile.
        }
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup glib = SymbolLookup.libraryLookup("libglib-2.0.so.0", arena);
            LINKER.downcallHandle(glib.find("g_log").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS),
                    Linker.Option.firstVariadicArg(3)).invokeExact(arena.allocateFrom("histoseek-test"), G_LOG_LEVEL_WARNING,
                    arena.allocateFrom("%s"), arena.allocateFrom("glib message from outside OpenSlide"));
            SymbolLookup libtiff = SymbolLookup.libraryLookup("libtiff.so.6", arena);
            LINKER.downcallHandle(libtiff.find("TIFFWarning").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS),
                    Linker.Option.firstVariadicArg(2)).invokeExact(arena.allocateFrom("histoseek-test"),
                    arena.allocateFrom("%s"), arena.allocateFrom("libtiff message from outside OpenSlide"));
        }
        try (TileEncoder encoder = Encoders.open(Path.of(args[1]), EncoderOptions.defaults().withHeads(OptionalInt.of(3)))) {
            encoder.encode(new float[1][Preprocessing.TENSOR_LENGTH]);
        }
        System.out.println("after: " + processState());
    }

    /** Blocked, ignored and caught signals (from /proc) and the C locale. */
    private static String processState() throws Throwable {
        String signals = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("SigBlk") || line.startsWith("SigIgn") || line.startsWith("SigCgt"))
                .collect(Collectors.joining(" ")).replaceAll("\\s+", " ");
        MemorySegment locale = (MemorySegment) LINKER.downcallHandle(LINKER.defaultLookup().find("setlocale").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS)).invokeExact(LC_ALL, MemorySegment.NULL);
        return signals + " locale=" + locale.reinterpret(256).getString(0);
    }
}
