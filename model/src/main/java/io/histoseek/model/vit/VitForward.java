package io.histoseek.model.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.histoseek.model.VitArchitecture;

/**
 * H-optimus-0's forward pass (timm VisionTransformer) as DJL operations: patch convolution,
 * position embedding on the patches only (no_embed_class), [cls, registers, patches], pre-norm
 * blocks with LayerScale, final LayerNorm, class token out.
 *
 * <p>Each block runs in its own sub-manager that is closed when the block is done, so only the
 * residual stream outlives it; results of ops whose first operand is a weight are moved out of
 * the weights' manager at once.
 */
final class VitForward {
    private static final float LAYER_NORM_EPS = 1e-6f;

    /**
     * Receives the residual stream after each stage: tests compare it with PyTorch's, and the
     * encoder's probe throws there to cancel (every array made so far belongs to a manager that
     * the unwinding closes).
     */
    interface Probe {
        void stage(String name, NDArray value);
    }

    private final VitWeights weights;
    private final VitArchitecture arch;
    private final DataType compute;

    VitForward(VitWeights weights) {
        this.weights = weights;
        this.arch = weights.architecture();
        this.compute = weights.computeType();
    }

    /** images: (B, 3, 224, 224) float32 in any manager; returns (B, dim) float32 in the same. */
    NDArray embed(NDArray images, Probe probe) {
        NDManager batch = images.getManager();
        long count = images.getShape().get(0);
        NDArray x = tokens(images, count);
        probe.stage("tokens", x);
        for (int i = 0; i < arch.depth(); i++) {
            x = block(x, weights.blocks().get(i), "block" + i, probe);
            probe.stage("block" + i, x);
        }
        try (NDManager scope = batch.newSubManager()) {
            x.attach(scope);
            NDArray normed = layerNorm(x, weights.normWeight(), weights.normBias());
            probe.stage("norm", normed);
            NDArray cls = normed.get(":, 0, :");
            cls.attach(batch);
            return cls;
        }
    }

    private NDArray tokens(NDArray images, long count) {
        NDManager batch = images.getManager();
        try (NDManager scope = batch.newSubManager()) {
            NDArray input = images;
            if (images.getDataType() != compute) {
                input = images.toType(compute, false);
                input.attach(scope);
            }
            NDArray patches = Conv2d.conv2d(input, weights.patchWeight(), weights.patchBias(),
                    new Shape(arch.patch(), arch.patch()), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
            NDArray sequence = patches.toType(DataType.FLOAT32, false)
                    .reshape(count, arch.dim(), arch.patchCount()).transpose(0, 2, 1)
                    .add(weights.posEmbed());
            NDArray prefix = weights.prefixTokens().broadcast(count, 1 + arch.registers(), arch.dim());
            prefix.attach(scope);
            NDArray result = NDArrays.concat(new NDList(prefix, sequence), 1);
            result.attach(batch);
            return result;
        }
    }

    private NDArray block(NDArray x, BlockWeights w, String name, Probe probe) {
        NDManager batch = x.getManager();
        try (NDManager scope = batch.newSubManager()) {
            x.attach(scope);
            NDArray attention = attention(layerNorm(x, w.norm1Weight(), w.norm1Bias()), w);
            NDArray mid = x.add(attention.toType(DataType.FLOAT32, false).mul(w.layerScale1()));
            probe.stage(name + ".attention", mid);
            NDArray mlp = mlp(layerNorm(mid, w.norm2Weight(), w.norm2Bias()), w);
            NDArray out = mid.add(mlp.toType(DataType.FLOAT32, false).mul(w.layerScale2()));
            out.attach(batch);
            return out;
        }
    }

    private NDArray attention(NDArray x, BlockWeights w) {
        Shape shape = x.getShape();
        long count = shape.get(0);
        long tokens = shape.get(1);
        int heads = arch.heads();
        NDArray qkv = linear(x, w.qkvWeight(), w.qkvBias())
                .reshape(count, tokens, 3, heads, arch.headDim()).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0).mul((float) (1.0 / Math.sqrt(arch.headDim())));
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        NDArray probabilities = scores.toType(DataType.FLOAT32, false).softmax(-1).toType(compute, false);
        NDArray mixed = probabilities.matMul(v).transpose(0, 2, 1, 3).reshape(count, tokens, arch.dim());
        return Linear.linear(mixed, w.projWeight(), w.projBias()).singletonOrThrow();
    }

    /** GluMlp with SiLU on the first half: silu(a) * b, silu(a) = a * sigmoid(a). */
    private NDArray mlp(NDArray x, BlockWeights w) {
        NDArray hidden = linear(x, w.fc1Weight(), w.fc1Bias());
        NDList halves = hidden.split(2, hidden.getShape().dimension() - 1);
        NDArray gate = halves.get(0);
        NDArray gated = gate.mul(Activation.sigmoid(gate)).mul(halves.get(1));
        return Linear.linear(gated, w.fc2Weight(), w.fc2Bias()).singletonOrThrow();
    }

    private NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return Linear.linear(x.toType(compute, false), weight, bias).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
        return LayerNorm.layerNorm(x.toType(DataType.FLOAT32, false), new Shape(arch.dim()), weight, bias, LAYER_NORM_EPS)
                .singletonOrThrow();
    }
}
