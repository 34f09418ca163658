package io.histoseek.app.gui.fx;

import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the window shows of a failure: one line, the cause's own message, never a stack trace. */
public final class Messages {
    private Messages() {}

    /** The first line of the message of the failure under any wrapping of futures and unchecked I/O. */
    public static String oneLine(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        String text = cause.getMessage() == null || cause.getMessage().isBlank() ? cause.toString() : cause.getMessage();
        return text.lines().findFirst().orElse(text).strip();
    }
}
