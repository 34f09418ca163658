package io.histoseek.app.gui.wizard;

import io.histoseek.index.pipeline.IndexingRequest;
import io.histoseek.index.pipeline.TilingOptions;
import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.Precision;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * Everything the wizard asks for, turned into the pipeline's request. {@code precision} null: chosen by device.
 * When another process writes the archive, the run waits for it (the run page says so and Cancel gives up).
 */
public record WizardSettings(List<Path> folders, ArchiveTarget archive, Path checkpoint, Device device, Precision precision,
                             double tissueThreshold, int threads, Double assumeMpp) {
    /** Long enough to mean "until it ends or the user cancels". */
    static final Duration WAIT_FOR_OTHER_WRITER = Duration.ofDays(7);

    public IndexingRequest request() {
        EncoderOptions encoder = new EncoderOptions(device, precision, EncoderOptions.DEFAULT_BATCH_SIZE, OptionalInt.empty());
        return new IndexingRequest(folders, archive.address(), checkpoint, encoder, threads,
                new TilingOptions(tissueThreshold, assumeMpp), WAIT_FOR_OTHER_WRITER, archive.shards(), archive.replicas());
    }
}
