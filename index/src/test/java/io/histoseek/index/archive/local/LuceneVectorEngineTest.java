package io.histoseek.index.archive.local;

import io.histoseek.index.archive.VectorEngine;
import io.histoseek.index.archive.VectorEngineContract;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lucene engine keeps the engine contract, past Lucene's stock 1024-dimension limit, and keeps its segments few. */
class LuceneVectorEngineTest extends VectorEngineContract {
    @Override
    protected VectorEngine openForWriting(Path folder) {
        return LuceneVectorEngine.openForWriting(folder, LuceneSettings.DEFAULTS);
    }

    @Override
    protected VectorEngine openForReading(Path folder) {
        return LuceneVectorEngine.openForReading(folder, LuceneSettings.DEFAULTS);
    }

    @Override
    protected void afterCommits(VectorEngine engine) {
        // Background merges may already have folded many of them (how many depends on timing), but
        // the last commit's segment is still separate, so compaction below has work to do.
        assertTrue(engine.segments() > 1, "a commit per slide makes segments: " + engine.segments());
    }

    @Override
    protected void afterCompaction(VectorEngine engine) {
        assertEquals(1, engine.segments());
    }

    @Override
    protected void afterTwoCommits(VectorEngine writer, VectorEngine reader) {
        writer.compact();
        assertEquals(2, reader.segments(), "two segments are few enough: the end of a run leaves them");
    }
}
