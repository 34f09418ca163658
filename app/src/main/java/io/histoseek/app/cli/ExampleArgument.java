package io.histoseek.app.cli;

import java.util.Locale;

/**
 * One {@code --also} or {@code --not} value as typed: {@code SLIDE:X,Y} (the tile containing the
 * level-0 point; a result tile is its slide and x,y as {@code search} prints them) or
 * {@code SLIDE:X,Y,W,H} (the rectangle's tiles). The slide is split off at the last colon, so a
 * slide path may itself hold colons. The slide is resolved against the archive later.
 */
record ExampleArgument(String slide, long x, long y, long width, long height) {
    private static final String FORMS = "expected SLIDE:X,Y or SLIDE:X,Y,W,H (level-0 pixels)";

    /** Parses {@code text}, given with {@code option}; a bad form is refused naming both. */
    static ExampleArgument parse(String option, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw refused(option, text, FORMS);
        }
        String[] numbers = text.substring(colon + 1).split(",", -1);
        if (numbers.length != 2 && numbers.length != 4) {
            throw refused(option, text, FORMS);
        }
        long[] values = new long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            try {
                values[i] = Long.parseLong(numbers[i].strip());
            } catch (NumberFormatException e) {
                throw refused(option, text, "'" + numbers[i] + "' is not a whole number; " + FORMS);
            }
        }
        if (values[0] < 0 || values[1] < 0) {
            throw refused(option, text, "x and y must not be negative");
        }
        if (values.length == 4 && (values[2] <= 0 || values[3] <= 0)) {
            throw refused(option, text, "width and height must be positive");
        }
        return new ExampleArgument(text.substring(0, colon), values[0], values[1],
                values.length == 4 ? values[2] : 0, values.length == 4 ? values[3] : 0);
    }

    private static IllegalArgumentException refused(String option, String text, String why) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s '%s': %s", option, text, why));
    }
}
