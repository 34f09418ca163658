package io.histoseek.model.vit;

import io.histoseek.model.VitArchitecture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads a ViT's architecture from its tensor shapes and checks every name and shape against
 * {@link VitLayout}, so a checkpoint that does not fit is refused before any compute.
 *
 * <p>Heads cannot be seen in the shapes (qkv is 3*dim either way). Default: head width 64, the
 * ViT convention, which gives H-optimus-0's 24 heads for width 1536; a width that is not a
 * multiple of 64 falls back to head width 32, then 16 (the tiny test model: width 48, 3 heads).
 * {@code --heads} overrides it.
 */
public final class ArchitectureReader {
    private static final int[] HEAD_WIDTHS = {64, 32, 16};
    private static final int MAX_LISTED = 3;

    private ArchitectureReader() {}

    /** The architecture, or an exception whose one-line message says what is missing or wrong. */
    public static VitArchitecture read(Map<String, long[]> shapes, OptionalInt heads) {
        long[] patchWeight = require(shapes, "patch_embed.proj.weight", 4);
        int dim = toInt(patchWeight[0]);
        if (patchWeight[1] != 3 || patchWeight[2] != patchWeight[3]) {
            throw new IllegalArgumentException("patch_embed.proj.weight has shape " + Arrays.toString(patchWeight)
                    + ", expected [dim, 3, patch, patch]");
        }
        int patch = toInt(patchWeight[2]);
        if (patch < 1 || VitArchitecture.IMAGE % patch != 0) {
            throw new IllegalArgumentException("patch size " + patch + " does not divide the 224-pixel tile");
        }
        long[] registerShape = shapes.get("reg_token");
        int registers = registerShape == null ? 0 : toInt(require(shapes, "reg_token", 3)[1]);
        int depth = 0;
        while (shapes.containsKey("blocks." + depth + ".norm1.weight")) {
            depth++;
        }
        if (depth == 0) {
            throw new IllegalArgumentException("no transformer blocks: blocks.0.norm1.weight is missing");
        }
        int mlpHidden = toInt(require(shapes, "blocks.0.mlp.fc2.weight", 2)[1]);
        int headCount = heads.isPresent() ? heads.getAsInt() : defaultHeads(dim);
        if (headCount < 1 || dim % headCount != 0) {
            throw new IllegalArgumentException(headCount + " heads do not divide the width " + dim);
        }
        VitArchitecture arch = new VitArchitecture(dim, depth, headCount, mlpHidden, registers, patch);
        check(shapes, arch);
        return arch;
    }

    static int defaultHeads(int dim) {
        for (int headWidth : HEAD_WIDTHS) {
            if (dim % headWidth == 0) {
                return dim / headWidth;
            }
        }
        throw new IllegalArgumentException("cannot choose a head count for width " + dim + ": give --heads");
    }

    private static void check(Map<String, long[]> shapes, VitArchitecture arch) {
        Map<String, long[]> expected = VitLayout.expectedShapes(arch);
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        expected.forEach((name, shape) -> {
            long[] actual = shapes.get(name);
            if (actual == null) {
                missing.add(name);
            } else if (!Arrays.equals(actual, shape)) {
                wrong.add(name + " is " + Arrays.toString(actual) + ", expected " + Arrays.toString(shape));
            }
        });
        List<String> unexpected = shapes.keySet().stream().filter(name -> !expected.containsKey(name)).toList();
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing " + listed(missing));
        }
        if (!wrong.isEmpty()) {
            problems.add("wrong shape: " + listed(wrong));
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected " + listed(unexpected));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("does not fit the H-optimus-0 ViT (" + arch + "): "
                    + String.join("; ", problems));
        }
    }

    private static long[] require(Map<String, long[]> shapes, String name, int rank) {
        long[] shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("not an H-optimus-0 ViT checkpoint: " + name + " is missing");
        }
        if (shape.length != rank) {
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(shape) + ", expected " + rank + " dimensions");
        }
        return shape;
    }

    private static int toInt(long value) {
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("implausible dimension " + value);
        }
        return (int) value;
    }

    private static String listed(List<String> items) {
        String head = String.join(", ", items.subList(0, Math.min(MAX_LISTED, items.size())));
        return items.size() > MAX_LISTED ? head + " and " + (items.size() - MAX_LISTED) + " more" : head;
    }
}
