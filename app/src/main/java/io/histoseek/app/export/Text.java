package io.histoseek.app.export;

import java.util.Locale;
import java.util.Set;

/** Escaping for the text formats the export writes. */
public final class Text {
    private Text() {}

    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; a formula-like start is defused for spreadsheets. */
    static String csv(String text) {
        String value = text;
        if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

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
