package io.histoseek.app.export;

import java.util.Locale;
import java.util.Set;

/** How the export writes figures and names files (escaping: {@link io.histoseek.index.TextEscapes}). */
public final class Text {
    private Text() {}

    static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String mpp(GalleryTile tile) {
        return tile.mpp().isPresent() ? String.format(Locale.ROOT, "%.4f", tile.mpp().getAsDouble()) : "";
    }

    /** {@code stem + extension}, or with -2, -3... appended to the stem when {@code used} holds it; the name is added to {@code used}. */
    static String uniqueFileName(String stem, String extension, Set<String> used) {
        String name = stem + extension;
        for (int n = 2; !used.add(name); n++) {
            name = stem + "-" + n + extension;
        }
        return name;
    }

    /** A file-name-safe stem: letters, digits, dot, dash and underscore only. */
    static String fileStem(String name) {
        String stem = name.replaceAll("\\.[A-Za-z0-9]{1,5}$", "").replaceAll("[^A-Za-z0-9._-]+", "_");
        stem = stem.replaceAll("^[._]+", "");
        return stem.isEmpty() ? "slide" : stem;
    }
}
