package io.histoseek.index.pipeline;

import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.TileEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The encoder and tiling an archive was made with, recorded in the archive so that a search can
 * embed a slide or point the archive lacks exactly as indexing would have: the checkpoint's
 * place, the head count, the tissue threshold. The checkpoint's identity (fingerprint) is the
 * archive's own record and is what guards against mixing vectors of another checkpoint.
 */
public record EncoderSettings(Path checkpoint, OptionalInt heads, TilingOptions tiling) {
    static final String CHECKPOINT = "encoder.checkpoint";
    static final String HEADS = "encoder.heads";
    static final String TISSUE_THRESHOLD = "tiling.tissue_threshold";

    /** Records the model (refusing a different checkpoint) and the settings of this run. */
    static void bind(ArchiveWriter store, IndexingRequest request, TileEncoder encoder) {
        store.bindModel(encoder.identity());
        store.putSetting(CHECKPOINT, request.checkpoint().toAbsolutePath().normalize().toString());
        store.putSetting(HEADS, Integer.toString(encoder.architecture().heads()));
        if (request.tiling().tissueThreshold() != null) {
            store.putSetting(TISSUE_THRESHOLD, request.tiling().tissueThreshold().toString());
        }
    }

    /** The settings recorded by the last indexing run, with the checkpoint replaced when one is given. */
    public static EncoderSettings of(Archive store, Optional<Path> checkpointOverride) {
        Path checkpoint = checkpointOverride.or(() -> store.setting(CHECKPOINT).map(Path::of)).orElseThrow(() ->
                new IllegalStateException(store.address() + ": the archive records no checkpoint; give --checkpoint"));
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalStateException(checkpoint + ": checkpoint not found (the archive "
                    + store.address() + " was made with it); give its new place with --checkpoint");
        }
        OptionalInt heads = store.setting(HEADS).map(h -> OptionalInt.of(Integer.parseInt(h))).orElse(OptionalInt.empty());
        Double threshold = store.setting(TISSUE_THRESHOLD).map(Double::valueOf).orElse(null);
        return new EncoderSettings(checkpoint, heads, new TilingOptions(threshold, null));
    }

    EncoderOptions encoderOptions() {
        return EncoderOptions.defaults().withHeads(heads);
    }
}
