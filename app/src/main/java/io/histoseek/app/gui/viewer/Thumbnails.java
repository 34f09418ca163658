package io.histoseek.app.gui.viewer;

import io.histoseek.model.support.DaemonThreads;
import io.histoseek.app.gui.fx.Background;
import io.histoseek.app.gui.fx.FxImages;
import io.histoseek.index.slide.RegionCache;
import io.histoseek.index.slide.RegionRequest;
import io.histoseek.index.slide.SlideException;
import io.histoseek.index.slide.SlideImage;
import io.histoseek.index.slide.SlideImagePool;
import javafx.application.Platform;
import javafx.scene.image.Image;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Pictures of whole slides for the screen (the viewer's backdrop and overview, the archive list):
 * read in the background, kept in a byte-bounded {@link RegionCache}, so a slide is read once
 * while it stays in memory and memory stays bounded however many slides are listed.
 */
public final class Thumbnails implements AutoCloseable {
    private record Key(Path file, int maxSide) {}

    private final SlideImagePool slides;
    private final RegionCache<Image> cache;
    /** Which region each file's thumbnail is: lets the FX thread look one up without opening the slide. */
    private final Map<Key, RegionRequest> regions = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(2, DaemonThreads.named("thumbnails"));

    public Thumbnails(SlideImagePool slides, long maxBytes) {
        this.slides = slides;
        this.cache = new RegionCache<>(maxBytes, FxImages::bytes);
    }

    /** The thumbnail of {@code file}, at most {@code maxSide} pixels, if it is in memory now (no I/O). */
    public Optional<Image> cached(Path file, int maxSide) {
        RegionRequest region = regions.get(new Key(key(file), maxSide));
        return region == null ? Optional.empty() : Optional.ofNullable(cache.get(region));
    }

    /** Reads the thumbnail of a slide file; {@code then} gets it, or empty when the slide cannot be read, on the FX thread. */
    public void load(Path file, int maxSide, Consumer<Optional<Image>> then) {
        readers.execute(() -> {
            Optional<Image> picture = slides.read(file, image -> read(image, maxSide));
            Platform.runLater(() -> then.accept(picture));
        });
    }

    /** As {@link #load(Path, int, Consumer)}, for a slide already open. */
    public void load(SlideImage image, int maxSide, Consumer<Optional<Image>> then) {
        readers.execute(() -> {
            Optional<Image> picture;
            try {
                picture = Optional.of(read(image, maxSide));
            } catch (SlideException | RuntimeException e) {
                picture = Optional.empty();
            }
            Optional<Image> loaded = picture;
            Platform.runLater(() -> then.accept(loaded));
        });
    }

    private Image read(SlideImage image, int maxSide) throws SlideException {
        RegionRequest region = RegionRequest.wholeImage(image, maxSide);
        Image picture = cache.get(region);
        if (picture == null) {
            picture = FxImages.of(image.thumbnail(maxSide));
            cache.put(region, picture);
        }
        regions.put(new Key(key(image.file()), maxSide), region);
        return picture;
    }

    /** The bytes the thumbnails in memory take (at most the bound given). */
    public long bytes() {
        return cache.bytes();
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
