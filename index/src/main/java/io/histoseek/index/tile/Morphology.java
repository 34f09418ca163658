package io.histoseek.index.tile;

/** 3x3 binary morphology; pixels outside the image count as background. */
final class Morphology {
    private Morphology() {}

    /** Erosion then dilation: removes specks (dust, debris) smaller than 3x3. */
    static boolean[] open(boolean[] mask, int width, int height) {
        return dilate(erode(mask, width, height), width, height);
    }

    /** Dilation then erosion: fills pinholes and one-pixel gaps inside tissue. */
    static boolean[] close(boolean[] mask, int width, int height) {
        return erode(dilate(mask, width, height), width, height);
    }

    static boolean[] erode(boolean[] mask, int width, int height) {
        return filter(mask, width, height, true);
    }

    static boolean[] dilate(boolean[] mask, int width, int height) {
        return filter(mask, width, height, false);
    }

    /** erode: all 9 neighbours set; dilate: any neighbour set. */
    private static boolean[] filter(boolean[] mask, int width, int height, boolean erode) {
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean result = erode;
                for (int dy = -1; dy <= 1 && result == erode; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        boolean set = nx >= 0 && ny >= 0 && nx < width && ny < height && mask[ny * width + nx];
                        if (set != erode) {
                            result = !erode;
                            break;
                        }
                    }
                }
                out[y * width + x] = result;
            }
        }
        return out;
    }
}
