package io.histoseek.model.checkpoint;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors of a checkpoint file by parameter name (a leading {@code module.} removed), in file
 * order. Their data are mappings of the file; {@link #close} unmaps them at once, so nothing
 * (DJL arrays included) may use the data afterwards.
 */
public final class Checkpoint implements AutoCloseable {
    private final Path file;
    private final Map<String, TensorData> tensors;
    private final Arena mappings;

    Checkpoint(Path file, Map<String, TensorData> tensors, Arena mappings) {
        this.file = file;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.mappings = mappings;
    }

    public Path file() {
        return file;
    }

    public Map<String, TensorData> tensors() {
        return tensors;
    }

    public Map<String, long[]> shapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> shapes.put(name, tensor.shape()));
        return shapes;
    }

    @Override
    public void close() {
        mappings.close();
    }
}
