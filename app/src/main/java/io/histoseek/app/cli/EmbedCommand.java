package io.histoseek.app.cli;

import io.histoseek.model.EncoderOptions;
import io.histoseek.model.load.Encoders;
import io.histoseek.model.TileEncoder;
import io.histoseek.model.TileImageFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code histoseek embed}: one line per image, path TAB the embedding's values (%.9g, space separated). */
@Command(name = "embed", description = "Print the H-optimus-0 embedding of each 224x224 tile image.")
final class EmbedCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "224x224 RGB tile images")
    List<Path> images;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path checkpoint = model.resolveCheckpoint();
        EncoderOptions options = model.encoderOptions();
        images.forEach(TileImageFile::checkTileSized);
        PrintWriter out = spec.commandLine().getOut();
        try (TileEncoder encoder = Encoders.open(checkpoint, options)) {
            for (int start = 0; start < images.size(); start += encoder.batchSize()) {
                List<Path> batch = images.subList(start, Math.min(images.size(), start + encoder.batchSize()));
                float[][] vectors = encoder.encode(batch.stream().map(TileImageFile::readTileSized).toArray(float[][]::new));
                for (int i = 0; i < batch.size(); i++) {
                    out.print(batch.get(i) + "\t" + format(vectors[i]) + "\n");
                }
                out.flush();
            }
        }
        return 0;
    }

    static String format(float[] vector) {
        StringBuilder line = new StringBuilder(vector.length * 16);
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                line.append(' ');
            }
            line.append(String.format(Locale.ROOT, "%.9g", vector[i]));
        }
        return line.toString();
    }
}
