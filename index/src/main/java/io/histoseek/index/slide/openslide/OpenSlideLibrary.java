package io.histoseek.index.slide.openslide;

import io.histoseek.index.slide.SlideException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The FFM binding to libopenslide: only the functions OpenSlide 3.4 (libopenslide.so.0) and
 * 4.x (libopenslide.so.1) both export; the 4.x-only ICC functions are looked up optionally.
 * Thin: no policy here, {@link OpenSlideImage} owns locking and error checks.
 */
final class OpenSlideLibrary {
    private static final String[] LIBRARY_NAMES = {"libopenslide.so.1", "libopenslide.so.0"};
    private static final String[] LIBTIFF_NAMES = {"libtiff.so.6", "libtiff.so.5"};
    /** char* returned by OpenSlide are zero-length segments; give them room to be read as C strings. */
    private static final long MAX_C_STRING = Long.MAX_VALUE;

    private static volatile OpenSlideLibrary instance;
    private static volatile String loadFailure;

    final String libraryName;
    final MethodHandle open;
    final MethodHandle close;
    final MethodHandle getError;
    final MethodHandle getLevelCount;
    final MethodHandle getLevelDimensions;
    final MethodHandle getLevelDownsample;
    final MethodHandle getBestLevelForDownsample;
    final MethodHandle readRegion;
    final MethodHandle getPropertyNames;
    final MethodHandle getPropertyValue;
    final MethodHandle getAssociatedImageNames;
    final MethodHandle getAssociatedImageDimensions;
    final MethodHandle readAssociatedImage;
    final MethodHandle getVersion;
    /** OpenSlide 4.x only: empty on 3.4. */
    final Optional<MethodHandle> getIccProfileSize;
    final Optional<MethodHandle> readIccProfile;

    private OpenSlideLibrary(String libraryName, SymbolLookup lookup) {
        this.libraryName = libraryName;
        Linker linker = Linker.nativeLinker();
        open = bind(linker, lookup, "openslide_open", FunctionDescriptor.of(ADDRESS, ADDRESS));
        close = bind(linker, lookup, "openslide_close", FunctionDescriptor.ofVoid(ADDRESS));
        getError = bind(linker, lookup, "openslide_get_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getLevelCount = bind(linker, lookup, "openslide_get_level_count", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getLevelDimensions = bind(linker, lookup, "openslide_get_level_dimensions",
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        getLevelDownsample = bind(linker, lookup, "openslide_get_level_downsample",
                FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, JAVA_INT));
        getBestLevelForDownsample = bind(linker, lookup, "openslide_get_best_level_for_downsample",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_DOUBLE));
        readRegion = bind(linker, lookup, "openslide_read_region",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
        getPropertyNames = bind(linker, lookup, "openslide_get_property_names", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getPropertyValue = bind(linker, lookup, "openslide_get_property_value",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        getAssociatedImageNames = bind(linker, lookup, "openslide_get_associated_image_names",
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        getAssociatedImageDimensions = bind(linker, lookup, "openslide_get_associated_image_dimensions",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        readAssociatedImage = bind(linker, lookup, "openslide_read_associated_image",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        getVersion = bind(linker, lookup, "openslide_get_version", FunctionDescriptor.of(ADDRESS));
        getIccProfileSize = lookup.find("openslide_get_icc_profile_size")
                .map(symbol -> NativeMessages.scoped(linker.downcallHandle(symbol, FunctionDescriptor.of(JAVA_LONG, ADDRESS))));
        readIccProfile = lookup.find("openslide_read_icc_profile")
                .map(symbol -> NativeMessages.scoped(linker.downcallHandle(symbol, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS))));
    }

    /** A downcall to OpenSlide, marked so that what libtiff and GLib say during it counts as OpenSlide's. */
    private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libopenslide lacks " + name));
        return NativeMessages.scoped(linker.downcallHandle(symbol, descriptor));
    }

    /** The loaded library; a SlideException saying how to install it when no version is present. */
    static OpenSlideLibrary get() throws SlideException {
        OpenSlideLibrary loaded = instance;
        if (loaded != null) {
            return loaded;
        }
        synchronized (OpenSlideLibrary.class) {
            if (instance == null && loadFailure == null) {
                load();
            }
            if (instance == null) {
                throw new SlideException(loadFailure);
            }
            return instance;
        }
    }

    private static void load() {
        List<String> failures = new ArrayList<>();
        for (String name : LIBRARY_NAMES) {
            try {
                instance = new OpenSlideLibrary(name, SymbolLookup.libraryLookup(name, Arena.global()));
                NativeMessages.install();
                keepTileBuffersInMallocArenas();
                return;
            } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        loadFailure = "OpenSlide is not installed (install libopenslide0 or libopenslide1; tried "
                + String.join("; ", failures) + ")";
    }

    /** glibc mallopt parameters (malloc.h). */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int MMAP_THRESHOLD_BYTES = 4 << 20;

    /**
     * OpenSlide decodes every tile into a fresh malloc'd buffer (240x240x4 = 225 KiB on Aperio).
     * In a JVM, glibc keeps serving those with mmap/munmap (its adaptive threshold does not rise
     * here), so every decoded tile also pays for zeroing fresh pages: cold reads ran ~40% slower
     * than the same library under Python (bench/tiles.sh). Serving blocks below 4 MiB from
     * malloc's arenas, as glibc's own adaptive rule would, removes that. Process-wide, glibc only.
     */
    private static void keepTileBuffersInMallocArenas() {
        try {
            Linker linker = Linker.nativeLinker();
            // mallopt returns 1 on success; a refusal only leaves glibc's default policy, so ignore it.
            MethodHandle mallopt = linker.downcallHandle(linker.defaultLookup().find("mallopt").orElseThrow(),
                    FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT));
            mallopt.invokeExact(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
            mallopt.invokeExact(M_TRIM_THRESHOLD, 2 * MMAP_THRESHOLD_BYTES);
        } catch (Throwable notGlibc) {
            // Another C library: its allocator keeps its own policy.
        }
    }

    /**
     * What libtiff and GLib print while OpenSlide works. libtiff's default handlers print every
     * warning and error on stderr ("TIFFReadDirectory: Warning, Unknown field ..."), and OpenSlide
     * makes GLib log criticals on damaged files; OpenSlide reports its failures itself through
     * openslide_get_error, so those lines only break the one-line error promise. Both handlers are
     * process-wide, and other code in the process relies on them (GTK, under JavaFX, logs through
     * GLib's default handler): so the handlers installed here drop a message only when the thread
     * that logs it is inside an OpenSlide call ({@link #scoped}) and HISTOSEEK_DEBUG is not 1, and
     * hand every other message to the handler that was there before.
     */
    static final class NativeMessages {
        /** Calls into OpenSlide the current thread is inside (downcalls do not nest, but may in future). */
        private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
        private static final boolean DEBUG = "1".equals(System.getenv("HISTOSEEK_DEBUG"));
        private static final MethodHandle ENTER;
        private static final MethodHandle LEAVE;
        private static final FunctionDescriptor TIFF_HANDLER = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS);
        private static final FunctionDescriptor GLIB_HANDLER = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        private static volatile MethodHandle previousTiffWarning;
        private static volatile MethodHandle previousTiffError;
        private static volatile MethodHandle previousGlib;

        static {
            try {
                MethodHandles.Lookup here = MethodHandles.lookup();
                ENTER = here.findStatic(NativeMessages.class, "enter", MethodType.methodType(void.class));
                LEAVE = here.findStatic(NativeMessages.class, "leave", MethodType.methodType(void.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private NativeMessages() {}

        private static void enter() {
            DEPTH.get()[0]++;
        }

        private static void leave() {
            DEPTH.get()[0]--;
        }

        static boolean insideOpenSlide() {
            return DEPTH.get()[0] > 0;
        }

        /** {@code downcall}, with the current thread marked as inside OpenSlide while it runs. */
        static MethodHandle scoped(MethodHandle downcall) {
            MethodType type = downcall.type();
            MethodHandle entering = MethodHandles.foldArguments(downcall, MethodHandles.dropArguments(ENTER, 0, type.parameterList()));
            // tryFinally's cleanup takes (Throwable, result if any, arguments...) and returns the result.
            MethodHandle cleanup;
            if (type.returnType() == void.class) {
                cleanup = MethodHandles.dropArguments(LEAVE, 0, Throwable.class);
            } else {
                MethodHandle leaveThenReturn = MethodHandles.foldArguments(MethodHandles.identity(type.returnType()),
                        MethodHandles.dropArguments(LEAVE, 0, type.returnType()));
                cleanup = MethodHandles.dropArguments(leaveThenReturn, 0, Throwable.class);
            }
            cleanup = MethodHandles.dropArguments(cleanup, cleanup.type().parameterCount(), type.parameterList());
            return MethodHandles.tryFinally(entering, cleanup);
        }

        /** Puts the handlers in front of libtiff's and GLib's current ones. Once, when OpenSlide loads. */
        static void install() {
            Linker linker = Linker.nativeLinker();
            for (String name : LIBTIFF_NAMES) {
                try {
                    SymbolLookup libtiff = SymbolLookup.libraryLookup(name, Arena.global());
                    previousTiffWarning = chain(linker, libtiff, "TIFFSetWarningHandler", "onTiffWarning");
                    previousTiffError = chain(linker, libtiff, "TIFFSetErrorHandler", "onTiffError");
                    break;
                } catch (Throwable notThere) {
                    // Try the next soname; without libtiff there is nothing to route.
                }
            }
            try {
                SymbolLookup glib = SymbolLookup.libraryLookup("libglib-2.0.so.0", Arena.global());
                MemorySegment stub = linker.upcallStub(MethodHandles.lookup().findStatic(NativeMessages.class, "onGlibMessage",
                        GLIB_HANDLER.toMethodType()), GLIB_HANDLER, Arena.global());
                MemorySegment previous = (MemorySegment) linker.downcallHandle(glib.find("g_log_set_default_handler").orElseThrow(),
                        FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS)).invokeExact(stub, MemorySegment.NULL);
                previousGlib = previous.equals(MemorySegment.NULL) ? null
                        : linker.downcallHandle(previous, GLIB_HANDLER);
            } catch (Throwable notThere) {
                // No GLib: its messages, if any, keep their destination.
            }
        }

        /** Sets the libtiff handler {@code handler} through {@code setter}; returns a call of the previous one, if any. */
        private static MethodHandle chain(Linker linker, SymbolLookup libtiff, String setter, String handler) throws Throwable {
            MemorySegment stub = linker.upcallStub(MethodHandles.lookup().findStatic(NativeMessages.class, handler,
                    TIFF_HANDLER.toMethodType()), TIFF_HANDLER, Arena.global());
            MemorySegment previous = (MemorySegment) linker.downcallHandle(libtiff.find(setter).orElseThrow(),
                    FunctionDescriptor.of(ADDRESS, ADDRESS)).invokeExact(stub);
            return previous.equals(MemorySegment.NULL) ? null : linker.downcallHandle(previous, TIFF_HANDLER);
        }

        private static boolean drop() {
            return insideOpenSlide() && !DEBUG;
        }

        // Upcalls must not throw (the JVM would end): a message that cannot be passed on is lost instead.
        // The va_list is passed on as the pointer it is in the C calling conventions of Linux (x86-64, AArch64).
        private static void onTiffWarning(MemorySegment module, MemorySegment format, MemorySegment arguments) {
            forwardTiff(previousTiffWarning, module, format, arguments);
        }

        private static void onTiffError(MemorySegment module, MemorySegment format, MemorySegment arguments) {
            forwardTiff(previousTiffError, module, format, arguments);
        }

        private static void forwardTiff(MethodHandle previous, MemorySegment module, MemorySegment format, MemorySegment arguments) {
            if (!drop() && previous != null) {
                try {
                    previous.invokeExact(module, format, arguments);
                } catch (Throwable lost) {
                    // See above.
                }
            }
        }

        private static void onGlibMessage(MemorySegment domain, int level, MemorySegment message, MemorySegment data) {
            MethodHandle previous = previousGlib;
            if (!drop() && previous != null) {
                try {
                    // g_log_set_default_handler does not return the previous handler's data; GLib's own ignores it.
                    previous.invokeExact(domain, level, message, MemorySegment.NULL);
                } catch (Throwable lost) {
                    // See above.
                }
            }
        }
    }

    /** Reads a NUL-terminated UTF-8 string that OpenSlide owns; null for NULL. */
    static String string(MemorySegment cString) {
        if (cString.equals(MemorySegment.NULL)) {
            return null;
        }
        return cString.reinterpret(MAX_C_STRING).getString(0);
    }

    /** Reads a NULL-terminated array of C strings that OpenSlide owns. */
    static List<String> stringArray(MemorySegment array) {
        List<String> values = new ArrayList<>();
        if (array.equals(MemorySegment.NULL)) {
            return values;
        }
        MemorySegment entries = array.reinterpret(MAX_C_STRING);
        for (long i = 0; ; i++) {
            MemorySegment entry = entries.getAtIndex(ValueLayout.ADDRESS, i);
            if (entry.equals(MemorySegment.NULL)) {
                return values;
            }
            values.add(string(entry));
        }
    }
}
