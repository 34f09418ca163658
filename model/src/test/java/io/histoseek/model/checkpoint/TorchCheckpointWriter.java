package io.histoseek.model.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes checkpoints the way {@code torch.save(state_dict)} lays them out (protocol-2 pickle in
 * {@code <stem>/data.pkl}, stored storages in {@code <stem>/data/<key>}), always with zip64
 * records like torch's writer for large files. Tensor bytes are streamed, so multi-GB test
 * checkpoints never sit in memory. Also writes raw pickles for the malicious-file tests.
 */
public final class TorchCheckpointWriter {
    /** Fills {@code bytes} of a tensor's little-endian data, chunk by chunk. */
    @FunctionalInterface
    public interface Filler {
        void fill(ByteBuffer chunk, long elementOffset);
    }

    public record Tensor(String name, DType dtype, long[] shape, Filler filler) {
        public long bytes() {
            return TensorData.numel(shape) * dtype.bytes();
        }
    }

    private static final int CHUNK = 1 << 22;

    private final FileChannel out;
    private final String prefix;
    private final List<byte[]> central = new ArrayList<>();
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private long position;

    private TorchCheckpointWriter(FileChannel out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    public static void write(Path file, List<Tensor> tensors) throws IOException {
        writeRaw(file, statePickle(tensors), tensors);
    }

    /** A zip with the given data.pkl bytes plus the storages of {@code tensors} (may be empty). */
    public static void writeRaw(Path file, byte[] pickle, List<Tensor> tensors) throws IOException {
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            TorchCheckpointWriter writer = new TorchCheckpointWriter(channel, stem + "/");
            writer.entry("data.pkl", pickle.length, (chunk, offset) -> chunk.put(pickle, (int) offset, chunk.remaining()), 1);
            for (int key = 0; key < tensors.size(); key++) {
                Tensor tensor = tensors.get(key);
                writer.entry("data/" + key, tensor.bytes(), tensor.filler(), tensor.dtype().bytes());
            }
            byte[] version = "3\n".getBytes(StandardCharsets.US_ASCII);
            writer.entry("version", version.length, (chunk, offset) -> chunk.put(version, (int) offset, chunk.remaining()), 1);
            writer.finish();
        }
    }

    /** The pickle of an OrderedDict of tensors, storage key i for tensor i, as torch writes it. */
    public static byte[] statePickle(List<Tensor> tensors) {
        Pickle pickle = new Pickle();
        pickle.proto().global("collections", "OrderedDict").emptyTuple().reduce().mark();
        for (int key = 0; key < tensors.size(); key++) {
            Tensor tensor = tensors.get(key);
            String storageType = switch (tensor.dtype()) {
                case F32 -> "FloatStorage";
                case F16 -> "HalfStorage";
                case BF16 -> "BFloat16Storage";
            };
            long[] shape = tensor.shape();
            long[] stride = new long[shape.length];
            long step = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                stride[i] = step;
                step *= shape[i];
            }
            pickle.text(tensor.name()).global("torch._utils", "_rebuild_tensor_v2").mark()
                    .mark().text("storage").global("torch", storageType).text(Integer.toString(key)).text("cpu")
                    .integer(TensorData.numel(shape)).tuple().persistentId()
                    .integer(0).mark().integers(shape).tuple().mark().integers(stride).tuple()
                    .falseValue().global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
        }
        return pickle.setItems().stop().bytes();
    }

    /** A pickle builder for the opcodes the tests need. */
    public static final class Pickle {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        public Pickle proto() {
            bytes.write(0x80);
            bytes.write(2);
            return this;
        }

        public Pickle global(String module, String name) {
            bytes.write('c');
            bytes.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Pickle text(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            bytes.write('X');
            bytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
            bytes.writeBytes(utf8);
            return this;
        }

        public Pickle integer(long value) {
            bytes.write(0x8a);
            bytes.write(8);
            bytes.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
            return this;
        }

        Pickle integers(long[] values) {
            for (long value : values) {
                integer(value);
            }
            return this;
        }

        public Pickle mark() {
            bytes.write('(');
            return this;
        }

        public Pickle tuple() {
            bytes.write('t');
            return this;
        }

        public Pickle emptyTuple() {
            bytes.write(')');
            return this;
        }

        public Pickle reduce() {
            bytes.write('R');
            return this;
        }

        public Pickle persistentId() {
            bytes.write('Q');
            return this;
        }

        public Pickle falseValue() {
            bytes.write(0x89);
            return this;
        }

        public Pickle setItems() {
            bytes.write('u');
            return this;
        }

        public Pickle raw(int opcode) {
            bytes.write(opcode);
            return this;
        }

        public Pickle stop() {
            bytes.write('.');
            return this;
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    private void entry(String name, long size, Filler filler, int elementBytes) throws IOException {
        byte[] fullName = (prefix + name).getBytes(StandardCharsets.UTF_8);
        long headerOffset = position;
        ByteBuffer local = ByteBuffer.allocate(30 + fullName.length + 20).order(ByteOrder.LITTLE_ENDIAN);
        local.putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt(0).putInt(0xFFFFFFFF).putInt(0xFFFFFFFF)
                .putShort((short) fullName.length).putShort((short) 20).put(fullName)
                .putShort((short) 1).putShort((short) 16).putLong(size).putLong(size);
        writeFully(local.flip());
        CRC32 crc = new CRC32();
        for (long done = 0; done < size; ) {
            int length = (int) Math.min(CHUNK, size - done);
            chunk.clear().limit(length);
            filler.fill(chunk, done / elementBytes);
            chunk.flip();
            crc.update(chunk.duplicate());
            writeFully(chunk);
            done += length;
        }
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) crc.getValue()), headerOffset + 14);
        ByteBuffer record = ByteBuffer.allocate(46 + fullName.length + 28).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt((int) crc.getValue()).putInt(0xFFFFFFFF).putInt(0xFFFFFFFF)
                .putShort((short) fullName.length).putShort((short) 28).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putInt(0).putInt(0xFFFFFFFF).put(fullName)
                .putShort((short) 1).putShort((short) 24).putLong(size).putLong(size).putLong(headerOffset);
        central.add(record.array());
    }

    private void finish() throws IOException {
        long directoryOffset = position;
        for (byte[] record : central) {
            writeFully(ByteBuffer.wrap(record));
        }
        long directorySize = position - directoryOffset;
        long zip64End = position;
        ByteBuffer end = ByteBuffer.allocate(56 + 20 + 22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(central.size()).putLong(central.size()).putLong(directorySize).putLong(directoryOffset);
        end.putInt(0x07064b50).putInt(0).putLong(zip64End).putInt(1);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 0xFFFF).putShort((short) 0xFFFF)
                .putInt(0xFFFFFFFF).putInt(0xFFFFFFFF).putShort((short) 0);
        writeFully(end.flip());
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            position += out.write(buffer, position);
        }
    }
}
