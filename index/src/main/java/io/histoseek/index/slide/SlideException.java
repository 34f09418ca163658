package io.histoseek.index.slide;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A slide that cannot be opened or read. The message is one line naming the file and
 * OpenSlide's reason, ready to show to a user as is.
 */
public class SlideException extends IOException {
    public SlideException(String message) {
        super(message);
    }

    public SlideException(Path file, String reason) {
        super(file + ": " + oneLine(reason));
    }

    private static String oneLine(String reason) {
        return reason == null ? "unknown error" : reason.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
