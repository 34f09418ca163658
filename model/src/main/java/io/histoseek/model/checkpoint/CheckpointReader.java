package io.histoseek.model.checkpoint;

import io.histoseek.model.CheckpointException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens a checkpoint by its content, not its name: a torch.save zip archive (.pth/.bin) or a
 * safetensors file. Tensor data stays in the file (memory-mapped); nothing is computed.
 */
public final class CheckpointReader {
    private static final String DATA_PARALLEL_PREFIX = "module.";

    private CheckpointReader() {}

    /** Reads the checkpoint; the caller closes it to unmap the file. */
    public static Checkpoint read(Path file) throws CheckpointException {
        if (Files.isDirectory(file)) {
            throw new CheckpointException(file, "is a directory, not a checkpoint file");
        }
        Arena mappings = Arena.ofShared();
        try {
            return read(file, mappings);
        } catch (CheckpointException | RuntimeException e) {
            mappings.close();
            throw e;
        }
    }

    private static Checkpoint read(Path file, Arena mappings) throws CheckpointException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileRegions regions = new FileRegions(channel, mappings);
            if (regions.size() == 0) {
                throw new CheckpointException(file, "is empty, not a checkpoint");
            }
            ByteBuffer start = regions.read(0, (int) Math.min(16, regions.size()), "file start");
            Map<String, TensorData> tensors;
            if (start.remaining() >= 4 && start.getInt(0) == 0x04034b50) {
                tensors = TorchZipReader.read(regions);
            } else if (SafetensorsReader.looksLike(start, regions.size())) {
                tensors = SafetensorsReader.read(regions);
            } else if ((start.get(0) & 0xFF) == 0x80) {
                throw new CheckpointException(file, "a legacy (pre-1.6) torch.save file, which is not supported;"
                        + " re-save it with a current torch.save or as .safetensors");
            } else {
                throw new CheckpointException(file, "not a PyTorch (.pth zip) or safetensors checkpoint");
            }
            if (tensors.isEmpty()) {
                throw new CheckpointException(file, "holds no tensors");
            }
            return new Checkpoint(file, stripDataParallelPrefix(tensors), mappings);
        } catch (FormatProblem problem) {
            throw new CheckpointException(file, problem.getMessage(), problem);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new CheckpointException(file, "permission denied");
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CheckpointException(file, "damaged checkpoint (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static Map<String, TensorData> stripDataParallelPrefix(Map<String, TensorData> tensors) {
        if (!tensors.keySet().stream().allMatch(name -> name.startsWith(DATA_PARALLEL_PREFIX))) {
            return tensors;
        }
        Map<String, TensorData> stripped = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> stripped.put(name.substring(DATA_PARALLEL_PREFIX.length()), tensor));
        return stripped;
    }
}
