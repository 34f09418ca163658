package io.histoseek.index.archive.local;

import io.histoseek.index.archive.ArchiveProgress;
import io.histoseek.index.archive.CommitStamp;
import io.histoseek.index.archive.SlideStatus;
import io.histoseek.index.archive.VectorEngine;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Set;

/**
 * Keeps SQLite and the vector engine in step: every tile in SQLite has exactly one vector, every
 * vector has its tile, and a slide is fully present or absent.
 * <p>
 * The writer commits in an order that keeps one invariant whatever instant it dies at: vectors
 * are committed before the tiles that name them, and deleted only after their tiles are gone. So
 * a crash can only leave vectors without tiles (a slide's new vectors before its SQLite commit,
 * or its replaced vectors before their delete). Each commit is stamped with a sequence number on
 * both sides; when the two agree the archive is clean and opens without a check. When they differ
 * (or a full check is asked for), {@link #restore} deletes vectors whose tiles SQLite lacks, and
 * turns a slide whose tiles lack a vector (or have two) back into a pending slide, tiles and
 * vectors removed, for the next run to embed again. Runs under the writer lock; readers never
 * repair, they skip hits whose tiles SQLite does not hold.
 */
final class Consistency {
    private Consistency() {
    }

    /** Checks (when the stamps differ or {@code full} asks) and mends; says what it mended through {@code progress}. */
    static void restore(Database db, VectorEngine engine, boolean full, ArchiveProgress progress) {
        long recorded = db.read("read the vectors sequence", c -> Meta.getLong(c, Meta.VECTORS_SEQUENCE));
        CommitStamp stamp = engine.committed();
        if (!full && recorded == stamp.sequence()) return;

        progress.update("checking every tile against the vector index", 0, 0);
        BitSet stored = db.read("list the tiles", Tiles::ids);
        BitSet indexed = new BitSet();
        BitSet twice = new BitSet();
        LongList withoutTile = new LongList();
        engine.forEachTileId(id -> {
            int bit = id <= Integer.MAX_VALUE - 1 ? (int) id : -1;
            if (bit < 0 || !stored.get(bit)) {
                withoutTile.add(id);
            } else if (indexed.get(bit)) {
                twice.set(bit);
            } else {
                indexed.set(bit);
            }
        });
        BitSet lacking = (BitSet) stored.clone();
        lacking.andNot(indexed);
        lacking.or(twice);
        long[] brokenTiles = lacking.stream().asLongStream().toArray();
        Set<Long> slides = db.read("find the slides of incomplete tiles", c -> Tiles.slidesOf(c, brokenTiles));

        long sequence = Math.max(recorded, stamp.sequence()) + 1;
        long lastTileId = Math.max(stamp.lastTileId(), db.read("read the largest tile id", Tiles::maxId));
        db.write("reset slides whose vectors are incomplete", c -> {
            for (long slide : slides) {
                Tiles.deleteOfSlide(c, slide);
                Slides.setStatus(c, slide, SlideStatus.PENDING);
            }
            Meta.put(c, Meta.VECTORS_SEQUENCE, Long.toString(sequence));
            return null;
        });
        engine.deleteTiles(withoutTile.toArray());
        engine.deleteTiles(twice.stream().asLongStream().toArray());
        for (long slide : slides) engine.deleteSlide(slide);
        engine.commit(new CommitStamp(sequence, lastTileId));
        long removed = withoutTile.size() + twice.cardinality();
        if (removed > 0 || !slides.isEmpty()) {
            progress.note("repaired what an interrupted write left: removed " + removed + " vectors without their tile; "
                    + slides.size() + " slides with missing vectors will be embedded again");
        }
    }

    /** A growable list of longs (the ids of stray vectors: usually none, at most a few slides' worth). */
    private static final class LongList {
        private long[] values = new long[16];
        private int size;

        void add(long value) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
