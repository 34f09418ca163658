package io.histoseek.model.support;

import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What a user sees of a failure: one line, the cause's own words, never a stack trace. */
public final class OneLine {
    private OneLine() {}

    /**
     * The first line of the failure's message, under any wrapping of futures and unchecked I/O;
     * "cancelled" for a cancellation, the exception's name when it has no message.
     */
    public static String of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException) {
            return "cancelled";
        }
        String message = cause.getMessage();
        return of(message, cause.getClass().getSimpleName());
    }

    /** The first line of {@code text}, stripped; {@code whenEmpty} when there is none. */
    public static String of(String text, String whenEmpty) {
        if (text == null || text.isBlank()) {
            return whenEmpty;
        }
        return text.strip().lines().findFirst().orElse(whenEmpty).strip();
    }
}
