package io.histoseek.index.search;

/** A query that cannot be answered, told in one line (unknown slide, point outside it, glass...). */
public final class SearchException extends RuntimeException {
    public SearchException(String message) {
        super(message);
    }
}
