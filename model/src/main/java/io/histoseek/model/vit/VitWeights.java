package io.histoseek.model.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.histoseek.model.VitArchitecture;
import io.histoseek.model.checkpoint.TensorData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The weights as DJL arrays. Convolution and linear weights take the compute type (float16 for
 * the autocast-like path); tokens, position embedding, LayerNorm and LayerScale stay float32.
 */
record VitWeights(
        VitArchitecture architecture, DataType computeType,
        NDArray patchWeight, NDArray patchBias, NDArray prefixTokens, NDArray posEmbed,
        List<BlockWeights> blocks, NDArray normWeight, NDArray normBias) {

    static VitWeights load(NDManager manager, VitArchitecture arch, Map<String, TensorData> tensors, DataType computeType) {
        Loader loader = new Loader(manager, tensors);
        NDArray cls = loader.get("cls_token", DataType.FLOAT32);
        NDArray prefix = cls;
        if (arch.registers() > 0) {
            NDArray registers = loader.get("reg_token", DataType.FLOAT32);
            prefix = NDArrays.concat(new NDList(cls, registers), 1);
            cls.close();
            registers.close();
        }
        List<BlockWeights> blocks = new ArrayList<>();
        for (int i = 0; i < arch.depth(); i++) {
            String p = "blocks." + i + ".";
            blocks.add(new BlockWeights(
                    loader.get(p + "norm1.weight", DataType.FLOAT32), loader.get(p + "norm1.bias", DataType.FLOAT32),
                    loader.get(p + "attn.qkv.weight", computeType), loader.get(p + "attn.qkv.bias", computeType),
                    loader.get(p + "attn.proj.weight", computeType), loader.get(p + "attn.proj.bias", computeType),
                    loader.get(p + "ls1.gamma", DataType.FLOAT32),
                    loader.get(p + "norm2.weight", DataType.FLOAT32), loader.get(p + "norm2.bias", DataType.FLOAT32),
                    loader.get(p + "mlp.fc1.weight", computeType), loader.get(p + "mlp.fc1.bias", computeType),
                    loader.get(p + "mlp.fc2.weight", computeType), loader.get(p + "mlp.fc2.bias", computeType),
                    loader.get(p + "ls2.gamma", DataType.FLOAT32)));
        }
        return new VitWeights(arch, computeType,
                loader.get("patch_embed.proj.weight", computeType), loader.get("patch_embed.proj.bias", computeType),
                prefix, loader.get("pos_embed", DataType.FLOAT32), List.copyOf(blocks),
                loader.get("norm.weight", DataType.FLOAT32), loader.get("norm.bias", DataType.FLOAT32));
    }

    private record Loader(NDManager manager, Map<String, TensorData> tensors) {
        NDArray get(String name, DataType type) {
            TensorData tensor = tensors.get(name);
            if (tensor == null) {
                throw new IllegalStateException("validated checkpoint lacks " + name);
            }
            return DjlTensors.load(manager, tensor, type);
        }
    }
}
