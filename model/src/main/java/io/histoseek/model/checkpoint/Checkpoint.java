package io.histoseek.model.checkpoint;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tensors of a checkpoint file by parameter name (a leading {@code module.} removed), in file order. */
public record Checkpoint(Path file, Map<String, TensorData> tensors) {
    public Checkpoint {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public Map<String, long[]> shapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> shapes.put(name, tensor.shape()));
        return shapes;
    }
}
