package io.histoseek.model.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code torch.save(state_dict)} zip archive: {@code <prefix>/data.pkl} names the tensors and
 * {@code <prefix>/data/<key>} holds each storage's raw little-endian bytes, mapped in place.
 */
final class TorchZipReader {
    private static final int MAX_PICKLE_BYTES = 64 << 20;

    private TorchZipReader() {}

    static Map<String, TensorData> read(FileRegions file) throws IOException, FormatProblem {
        ZipDirectory zip = ZipDirectory.read(file);
        List<ZipDirectory.Entry> pickles = zip.entries().values().stream()
                .filter(entry -> entry.name().endsWith("/data.pkl") || entry.name().equals("data.pkl"))
                .toList();
        if (pickles.size() != 1) {
            throw new FormatProblem(pickles.isEmpty()
                    ? "a zip archive but not a PyTorch checkpoint: no data.pkl inside"
                    : "a zip archive with " + pickles.size() + " data.pkl entries: not one torch.save checkpoint");
        }
        ZipDirectory.Entry pickle = pickles.getFirst();
        String prefix = pickle.name().substring(0, pickle.name().length() - "data.pkl".length());
        Object root = RestrictedUnpickler.load(zip.read(pickle, MAX_PICKLE_BYTES));
        if (!(root instanceof Map<?, ?> stateDict)) {
            throw new FormatProblem("data.pkl does not hold a state_dict (a dict of tensors)");
        }
        Map<String, ByteBuffer> storages = new HashMap<>();
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> item : stateDict.entrySet()) {
            if (!(item.getKey() instanceof String name) || !(item.getValue() instanceof RestrictedUnpickler.TensorRef tensor)) {
                throw new FormatProblem("data.pkl is not a plain state_dict: entry " + item.getKey() + " is not a tensor");
            }
            ByteBuffer storage = storages.get(tensor.storage().key());
            if (storage == null) {
                storage = mapStorage(zip, prefix, tensor.storage());
                storages.put(tensor.storage().key(), storage);
            }
            tensors.put(name, slice(name, tensor, storage));
        }
        return tensors;
    }

    private static ByteBuffer mapStorage(ZipDirectory zip, String prefix, RestrictedUnpickler.StorageRef storage)
            throws IOException, FormatProblem {
        String entryName = prefix + "data/" + storage.key();
        ZipDirectory.Entry entry = zip.entries().get(entryName);
        if (entry == null) {
            throw new FormatProblem("storage " + entryName + " named in data.pkl is missing from the archive");
        }
        long needed = Math.multiplyExact(storage.numel(), storage.dtype().bytes());
        if (entry.size() < needed) {
            throw new FormatProblem("storage " + entryName + " holds " + entry.size() + " bytes, needs " + needed);
        }
        return zip.map(entry);
    }

    private static TensorData slice(String name, RestrictedUnpickler.TensorRef tensor, ByteBuffer storage)
            throws FormatProblem {
        long[] shape = tensor.shape();
        long[] stride = tensor.stride();
        long expectedStride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] < 0 || stride.length != shape.length || (shape[i] > 1 && stride[i] != expectedStride)) {
                throw new FormatProblem("tensor " + name + " is not contiguous (shape " + Arrays.toString(shape)
                        + ", stride " + Arrays.toString(stride) + ")");
            }
            expectedStride = Math.multiplyExact(expectedStride, shape[i]);
        }
        long numel = expectedStride;
        int bytes = tensor.storage().dtype().bytes();
        if (tensor.offset() < 0 || tensor.offset() + numel > tensor.storage().numel()) {
            throw new FormatProblem("tensor " + name + " lies outside its storage");
        }
        ByteBuffer data = storage.slice(Math.toIntExact(tensor.offset() * bytes), Math.toIntExact(numel * bytes));
        return new TensorData(data, tensor.storage().dtype(), shape);
    }
}
