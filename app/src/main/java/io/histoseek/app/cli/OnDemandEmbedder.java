package io.histoseek.app.cli;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.pipeline.RegionEmbedding;
import io.histoseek.index.pipeline.SlideQueryEmbedder;
import io.histoseek.index.search.QueryEmbedder;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The archive's embedder, made on the first query that needs it: a search on stored tiles works
 * without the checkpoint (moved, or never recorded for a synthetic or imported archive).
 */
final class OnDemandEmbedder implements QueryEmbedder, AutoCloseable {
    private final Supplier<SlideQueryEmbedder> open;
    private SlideQueryEmbedder embedder;

    OnDemandEmbedder(Archive archive, Optional<Path> checkpoint, Double assumeMpp, Consumer<RegionEmbedding> onSampled) {
        this.open = () -> {
            SlideQueryEmbedder opened = SlideQueryEmbedder.forArchive(archive, checkpoint, assumeMpp);
            opened.onSampled(onSampled);
            return opened;
        };
    }

    @Override
    public synchronized Optional<float[]> embed(Path slide, long x, long y, long width, long height) {
        if (embedder == null) embedder = open.get();
        return embedder.embed(slide, x, y, width, height);
    }

    @Override
    public synchronized void close() {
        if (embedder != null) embedder.close();
    }
}
