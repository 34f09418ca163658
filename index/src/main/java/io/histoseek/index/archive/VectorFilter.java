package io.histoseek.index.archive;

import java.util.Collection;
import java.util.Set;

/**
 * Which slides a k-NN search may return: only the given ones, or all but the given ones. The
 * engine applies it inside its graph search, so a filter that keeps 1% of the archive still
 * returns k hits.
 */
public record VectorFilter(Set<Long> slideIds, boolean exclude) {
    /** Every slide. */
    public static final VectorFilter NONE = new VectorFilter(Set.of(), true);

    public VectorFilter {
        slideIds = Set.copyOf(slideIds);
    }

    public static VectorFilter only(Collection<Long> slideIds) {
        return new VectorFilter(Set.copyOf(slideIds), false);
    }

    public static VectorFilter allBut(Collection<Long> slideIds) {
        return new VectorFilter(Set.copyOf(slideIds), true);
    }

    /** True when nothing is filtered out. */
    public boolean keepsAll() {
        return exclude && slideIds.isEmpty();
    }

    public boolean accepts(long slideId) {
        return slideIds.contains(slideId) != exclude;
    }
}
