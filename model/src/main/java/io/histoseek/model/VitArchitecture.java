package io.histoseek.model;

/**
 * The shape of an H-optimus-0-style ViT (timm, no_embed_class, LayerScale, GluMlp with SiLU).
 * {@code mlpHidden} is the GluMlp's hidden width after gating (fc2's input; fc1 emits twice it).
 */
public record VitArchitecture(int dim, int depth, int heads, int mlpHidden, int registers, int patch) {
    /** The image side every tile has. */
    public static final int IMAGE = TileSpec.DEFAULT.pixels();

    /** The released H-optimus-0 (ViT-g/14, 1.1B parameters). */
    public static final VitArchitecture HOPTIMUS0 = new VitArchitecture(1536, 40, 24, 4096, 4, 14);

    public VitArchitecture {
        if (dim < 1 || depth < 1 || heads < 1 || mlpHidden < 1 || registers < 0 || patch < 1) {
            throw new IllegalArgumentException("invalid ViT architecture " + describe(dim, depth, heads, mlpHidden, registers, patch));
        }
        if (dim % heads != 0) {
            throw new IllegalArgumentException(heads + " heads do not divide width " + dim);
        }
        if (IMAGE % patch != 0) {
            throw new IllegalArgumentException("patch " + patch + " does not divide the image side " + IMAGE);
        }
    }

    public int headDim() {
        return dim / heads;
    }

    public int patchesPerSide() {
        return IMAGE / patch;
    }

    public int patchCount() {
        return patchesPerSide() * patchesPerSide();
    }

    /** cls + registers + patches. */
    public int tokenCount() {
        return 1 + registers + patchCount();
    }

    @Override
    public String toString() {
        return describe(dim, depth, heads, mlpHidden, registers, patch);
    }

    private static String describe(int dim, int depth, int heads, int mlpHidden, int registers, int patch) {
        return "ViT(dim " + dim + ", depth " + depth + ", heads " + heads + ", mlp " + mlpHidden
                + ", registers " + registers + ", patch " + patch + ")";
    }
}
