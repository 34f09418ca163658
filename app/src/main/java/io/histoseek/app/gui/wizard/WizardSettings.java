package io.histoseek.app.gui.wizard;

import io.histoseek.index.pipeline.IndexingRequest;
import io.histoseek.index.pipeline.TilingOptions;
import io.histoseek.model.Device;
import io.histoseek.model.EncoderOptions;
import io.histoseek.model.Precision;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/** Everything the wizard asks for, turned into the pipeline's request. {@code precision} null: chosen by device. */
public record WizardSettings(List<Path> folders, Path archive, Path checkpoint, Device device, Precision precision,
                             double tissueThreshold, int threads, Double assumeMpp) {
    public IndexingRequest request() {
        EncoderOptions encoder = new EncoderOptions(device, precision, EncoderOptions.DEFAULT_BATCH_SIZE, OptionalInt.empty());
        return new IndexingRequest(folders, archive, checkpoint, encoder, threads, new TilingOptions(tissueThreshold, assumeMpp));
    }
}
