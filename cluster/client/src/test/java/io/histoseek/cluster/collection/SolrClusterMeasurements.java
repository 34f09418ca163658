package io.histoseek.cluster.collection;

import io.histoseek.cluster.LocalSolrCluster;
import io.histoseek.cluster.SolrAddress;
import io.histoseek.cluster.SolrClients;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.TileSpec;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.CoreAdminRequest;
import org.apache.solr.common.cloud.Replica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Figures for the capacity plan (docs/scale-measurements.md), not a pass/fail test: indexing
 * docs/s from one client by batch size and replica type, k-NN latency from 1 and 4 client
 * threads at 3k and 10k tiles, recall, and index bytes per tile. Runs only when asked:
 * {@code mvn -B -o -pl cluster/client -am test -Dtest=SolrClusterMeasurements
 * -Dsurefire.failIfNoSpecifiedTests=false -Dhistoseek.cluster.measure=true}.
 */
@EnabledIfSystemProperty(named = "histoseek.cluster.measure", matches = "true")
class SolrClusterMeasurements {
    private static final int DIMENSION = 1536;
    private static final ArchiveIdentity IDENTITY =
            new ArchiveIdentity(new ModelIdentity("measure", "ViT-g/14 (synthetic)", DIMENSION), TileSpec.DEFAULT);
    private static final int QUERIES = 200;
    private static final int WARM_UP_QUERIES = 30;

    @Test
    void measure() throws Exception {
        SyntheticTiles tiles = SyntheticTiles.generate(10_000, DIMENSION, 42);
        try (LocalSolrCluster cluster = LocalSolrCluster.start(SolrClusterMeasurements.class.getSimpleName(), 3);
             CloudSolrClient client = SolrClients.connect(cluster.address())) {
            report("machine: %d cores, load average %.1f at start", Runtime.getRuntime().availableProcessors(), load());
            index(client, cluster.address("warm_up"), CollectionLayout.DEFAULT, tiles, 0, 1000, 250);
            drop(client, "warm_up");

            int best = 0;
            double bestRate = 0;
            for (int batch : new int[] {100, 500, 1000}) {
                String name = "batch_" + batch;
                double rate = index(client, cluster.address(name), CollectionLayout.DEFAULT, tiles, 0, 3000, batch);
                report("index 3000 tiles, 2 shards x 2 NRT replicas, batches of %d: %.0f docs/s (load %.1f)", batch, rate, load());
                if (rate > bestRate) {
                    best = batch;
                    bestRate = rate;
                }
                drop(client, name);
            }
            report("best batch size: %d", best);
            double tlog = index(client, cluster.address("tlog"), new CollectionLayout(2, 2, CollectionLayout.ReplicaType.TLOG),
                    tiles, 0, 3000, best);
            report("index 3000 tiles, 2 shards x 2 TLOG replicas, batches of %d: %.0f docs/s (load %.1f)", best, tlog, load());
            drop(client, "tlog");

            SolrAddress archive = cluster.address("measured");
            index(client, archive, CollectionLayout.DEFAULT, tiles, 0, 3000, best);
            latencies(client, archive.collection(), tiles, 3000);
            bytesPerTile(client, archive.collection(), 3000);
            double more = index(client, archive, CollectionLayout.DEFAULT, tiles, 3000, 10_000, best);
            report("index tiles 3000..10000 into the same collection, batches of %d: %.0f docs/s (load %.1f)", best, more, load());
            latencies(client, archive.collection(), tiles, 10_000);
            bytesPerTile(client, archive.collection(), 10_000);
        }
    }

    /** Indexes tiles [from, to) in batches and commits; returns docs/s including the commit. */
    private static double index(CloudSolrClient client, SolrAddress address, CollectionLayout layout, SyntheticTiles tiles,
            int from, int to, int batch) throws Exception {
        new SolrCollections(client, address).ensure(new CollectionSpec(IDENTITY, layout));
        long start = System.nanoTime();
        for (int first = from; first < to; first += batch) {
            client.add(address.collection(), tiles.documents(first, Math.min(to, first + batch)));
        }
        client.commit(address.collection());
        return (to - from) / ((System.nanoTime() - start) / 1e9);
    }

    private static void latencies(CloudSolrClient client, String collection, SyntheticTiles tiles, int count) throws Exception {
        SyntheticTiles indexed = tiles.prefix(count);
        Random random = new Random(5);
        double recall = 0;
        for (int q = 0; q < WARM_UP_QUERIES; q++) {
            float[] query = indexed.query(random);
            recall += Knn.recall(Knn.search(client, collection, query, 10, null), indexed.exactTop(query, 10, tile -> true));
        }
        report("%d tiles: recall@10 %.3f over %d queries (topK=10)", count, recall / WARM_UP_QUERIES, WARM_UP_QUERIES);
        for (int threads : new int[] {1, 4}) {
            for (String filter : new String[] {null, SolrFields.SLIDE_ID + ":[0 TO 9]"}) {
                List<float[]> queries = new ArrayList<>();
                for (int q = 0; q < QUERIES; q++) {
                    queries.add(indexed.query(random));
                }
                long[] nanos = new long[QUERIES];
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long start = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (int q = 0; q < QUERIES; q++) {
                    int index = q;
                    running.add(pool.submit(() -> {
                        long begin = System.nanoTime();
                        Knn.search(client, collection, queries.get(index), 10, filter);
                        nanos[index] = System.nanoTime() - begin;
                    }));
                }
                for (Future<?> query : running) {
                    query.get();
                }
                double wall = (System.nanoTime() - start) / 1e9;
                pool.shutdown();
                Arrays.sort(nanos);
                report("%d tiles, %d client thread(s), %s: p50 %.1f ms, p95 %.1f ms, %.1f queries/s (load %.1f)",
                        count, threads, filter == null ? "no filter" : "filter half the slides",
                        nanos[QUERIES / 2] / 1e6, nanos[QUERIES * 95 / 100] / 1e6, QUERIES / wall, load());
            }
        }
    }

    /**
     * Index bytes over all replicas per tile copy (each tile is held by 2 replicas), split by
     * Lucene file: .vec (raw vectors, what k-NN reads), .vex (HNSW graph), .fdt (stored fields:
     * vector_data and id). The nodes are local, so their index folders are read directly.
     */
    private static void bytesPerTile(CloudSolrClient client, String collection, int count) throws Exception {
        Map<String, Long> byKind = new TreeMap<>();
        int replicas = 0;
        for (Replica replica : client.getClusterState().getCollection(collection).getReplicas()) {
            try (Http2SolrClient node = new Http2SolrClient.Builder(replica.getBaseUrl()).build()) {
                // NRT replicas keep their index in dataDir/index (TLOG followers may switch to index.<time>).
                Path index = Path.of(CoreAdminRequest.getCoreStatus(replica.getCoreName(), false, node).getDataDirectory())
                        .resolve("index");
                try (Stream<Path> files = Files.list(index)) {
                    for (Path file : files.toList()) {
                        String name = file.getFileName().toString();
                        String kind = name.endsWith(".vec") || name.endsWith(".vex") || name.endsWith(".fdt")
                                ? name.substring(name.lastIndexOf('.')) : "other";
                        byKind.merge(kind, Files.size(file), Long::sum);
                    }
                }
                replicas++;
            }
        }
        long copies = (long) count * replicas / client.getClusterState().getCollection(collection).getSlices().size();
        long total = byKind.values().stream().mapToLong(Long::longValue).sum();
        report("%d tiles: %d replicas hold %.1f MB of index, %.0f bytes per tile copy: %s", count, replicas, total / 1e6,
                total / (double) copies, byKind.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.0f B", e.getKey(), e.getValue() / (double) copies))
                        .collect(Collectors.joining(", ")));
    }

    private static void drop(CloudSolrClient client, String collection) throws Exception {
        CollectionAdminRequest.deleteCollection(collection).process(client);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void report(String format, Object... args) {
        System.out.println("MEASURE " + String.format(Locale.ROOT, format, args));
    }
}
