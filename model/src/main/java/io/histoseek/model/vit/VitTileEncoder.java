package io.histoseek.model.vit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.Precision;
import io.histoseek.model.Preprocessing;
import io.histoseek.model.TileEncoder;
import io.histoseek.model.VitArchitecture;
import io.histoseek.model.checkpoint.Checkpoint;

import java.nio.FloatBuffer;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A {@link TileEncoder} over the DJL forward pass. Each batch runs in a sub-manager that is
 * closed afterwards, so memory stays flat however many tiles pass through. Calls are serialized.
 */
public final class VitTileEncoder implements TileEncoder {
    private final ModelIdentity identity;
    private final VitArchitecture architecture;
    private final int batchSize;
    private final NDManager manager;
    private final VitForward forward;
    private final Checkpoint checkpoint;
    private boolean closed;

    private VitTileEncoder(ModelIdentity identity, VitArchitecture architecture, int batchSize, NDManager manager,
                           VitForward forward, Checkpoint checkpoint) {
        this.identity = identity;
        this.architecture = architecture;
        this.batchSize = batchSize;
        this.manager = manager;
        this.forward = forward;
        this.checkpoint = checkpoint;
    }

    /**
     * Loads the weights of an already validated checkpoint onto {@code device}. On the CPU the
     * float32 arrays are the file mapping itself, so the encoder closes the checkpoint after DJL.
     */
    public static VitTileEncoder load(Checkpoint checkpoint, ModelIdentity identity, VitArchitecture architecture,
                                      Device device, Precision precision, int batchSize) {
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            DataType compute = precision == Precision.FP16 ? DataType.FLOAT16 : DataType.FLOAT32;
            VitWeights weights = VitWeights.load(manager, architecture, checkpoint.tensors(), compute);
            return new VitTileEncoder(identity, architecture, batchSize, manager, new VitForward(weights), checkpoint);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    @Override
    public VitArchitecture architecture() {
        return architecture;
    }

    @Override
    public int dimension() {
        return architecture.dim();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public synchronized float[][] encode(float[][] tiles, BooleanSupplier cancelled) {
        if (closed) {
            throw new IllegalStateException("the encoder is closed");
        }
        for (int i = 0; i < tiles.length; i++) {
            if (tiles[i] == null || tiles[i].length != Preprocessing.TENSOR_LENGTH) {
                throw new IllegalArgumentException("tile " + i + " is not a normalized 3x" + Preprocessing.TILE + "x" + Preprocessing.TILE + " tensor");
            }
        }
        float[][] embeddings = new float[tiles.length][];
        VitForward.Probe stopWhenCancelled = (stage, value) -> stopIf(cancelled, "after", stage);
        for (int start = 0; start < tiles.length; start += batchSize) {
            stopIf(cancelled, "before tile", start);
            int count = Math.min(batchSize, tiles.length - start);
            encodeBatch(tiles, start, count, embeddings, stopWhenCancelled);
        }
        return embeddings;
    }

    private static void stopIf(BooleanSupplier cancelled, String where, Object point) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("encoding cancelled " + where + " " + point);
        }
    }

    /** The residual stream of one batch after each stage, for comparison with PyTorch. */
    synchronized void trace(float[][] tiles, VitForward.Probe probe) {
        try (NDManager batch = manager.newSubManager()) {
            forward.embed(input(batch, tiles, 0, tiles.length), probe);
        }
    }

    /** Arrays the weights' manager holds: constant while encoding if nothing leaks. */
    int managedArrayCount() {
        return ((ai.djl.ndarray.BaseNDManager) manager).getManagedArrays().size();
    }

    /** The batch's sub-manager frees every intermediate, also when {@code probe} throws to cancel. */
    private void encodeBatch(float[][] tiles, int start, int count, float[][] embeddings, VitForward.Probe probe) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray output = forward.embed(input(batch, tiles, start, count), probe);
            float[] flat = output.toType(DataType.FLOAT32, false).toFloatArray();
            int dim = dimension();
            for (int i = 0; i < count; i++) {
                embeddings[start + i] = java.util.Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
            }
        }
    }

    private static NDArray input(NDManager batch, float[][] tiles, int start, int count) {
        FloatBuffer flat = FloatBuffer.allocate(count * Preprocessing.TENSOR_LENGTH);
        for (int i = 0; i < count; i++) {
            flat.put(tiles[start + i]);
        }
        flat.flip();
        int side = Preprocessing.TILE;
        return batch.create(flat, new Shape(count, 3, side, side));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            manager.close();
            checkpoint.close();
        }
    }
}
