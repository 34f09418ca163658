package io.histoseek.model.vit;

import io.histoseek.model.VitArchitecture;

import java.util.LinkedHashMap;
import java.util.Map;

/** The parameter names and shapes of the timm ViT for an architecture, in state_dict order. */
public final class VitLayout {
    private VitLayout() {}

    public static Map<String, long[]> expectedShapes(VitArchitecture arch) {
        long dim = arch.dim();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("cls_token", new long[] {1, 1, dim});
        if (arch.registers() > 0) {
            shapes.put("reg_token", new long[] {1, arch.registers(), dim});
        }
        shapes.put("pos_embed", new long[] {1, arch.patchCount(), dim});
        shapes.put("patch_embed.proj.weight", new long[] {dim, 3, arch.patch(), arch.patch()});
        shapes.put("patch_embed.proj.bias", new long[] {dim});
        for (int block = 0; block < arch.depth(); block++) {
            String prefix = "blocks." + block + ".";
            shapes.put(prefix + "norm1.weight", new long[] {dim});
            shapes.put(prefix + "norm1.bias", new long[] {dim});
            shapes.put(prefix + "attn.qkv.weight", new long[] {3 * dim, dim});
            shapes.put(prefix + "attn.qkv.bias", new long[] {3 * dim});
            shapes.put(prefix + "attn.proj.weight", new long[] {dim, dim});
            shapes.put(prefix + "attn.proj.bias", new long[] {dim});
            shapes.put(prefix + "ls1.gamma", new long[] {dim});
            shapes.put(prefix + "norm2.weight", new long[] {dim});
            shapes.put(prefix + "norm2.bias", new long[] {dim});
            shapes.put(prefix + "mlp.fc1.weight", new long[] {2L * arch.mlpHidden(), dim});
            shapes.put(prefix + "mlp.fc1.bias", new long[] {2L * arch.mlpHidden()});
            shapes.put(prefix + "mlp.fc2.weight", new long[] {dim, arch.mlpHidden()});
            shapes.put(prefix + "mlp.fc2.bias", new long[] {dim});
            shapes.put(prefix + "ls2.gamma", new long[] {dim});
        }
        shapes.put("norm.weight", new long[] {dim});
        shapes.put("norm.bias", new long[] {dim});
        return shapes;
    }
}
