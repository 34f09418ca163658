package io.histoseek.cluster;

/** Turns SolrJ's layered exceptions into the one message a user can act on. */
public final class Failures {
    private Failures() {
    }

    /** The innermost cause's message on one line ("Connection refused"), or its class name. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            message = root.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
