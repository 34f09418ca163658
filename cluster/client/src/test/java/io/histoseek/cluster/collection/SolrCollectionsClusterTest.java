package io.histoseek.cluster.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.histoseek.cluster.ClusterException;
import io.histoseek.cluster.LocalSolrCluster;
import io.histoseek.cluster.SolrAddress;
import io.histoseek.cluster.SolrClients;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.TileSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.cloud.ZkStateReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One real 3-node SolrCloud (separate JVMs, started by cluster/solr-local.sh) for the whole class:
 * the archive collection (2 shards x 2 replicas, 1536-d vectors), k-NN recall against exact search,
 * refusals, and search surviving a killed node (last, since it changes the cluster).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrCollectionsClusterTest {
    private static final int DIMENSION = 1536;
    private static final int TILES = 1000;
    private static final int BATCH = 250;
    private static final ArchiveIdentity IDENTITY =
            new ArchiveIdentity(new ModelIdentity("fingerprint-a", "ViT-g/14 (test)", DIMENSION), TileSpec.DEFAULT);

    private static LocalSolrCluster cluster;
    private static CloudSolrClient client;
    private static SyntheticTiles tiles;
    private static SolrCollections.Outcome firstEnsure;

    @BeforeAll
    static void startClusterAndIndexTiles() throws Exception {
        long start = System.nanoTime();
        cluster = LocalSolrCluster.start(SolrCollectionsClusterTest.class.getSimpleName(), 3);
        long up = System.nanoTime();
        client = SolrClients.connect(cluster.address());
        firstEnsure = new SolrCollections(client, cluster.address()).ensure(new CollectionSpec(IDENTITY, CollectionLayout.DEFAULT));
        long created = System.nanoTime();
        tiles = SyntheticTiles.generate(TILES, DIMENSION, 42);
        for (int from = 0; from < TILES; from += BATCH) {
            client.add(collection(), tiles.documents(from, Math.min(TILES, from + BATCH)));
        }
        client.commit(collection());
        long indexed = System.nanoTime();
        System.out.printf("cluster: 3 nodes up in %.1f s, 2x2 collection in %.1f s, %d tiles indexed in %.1f s (%.0f docs/s)%n",
                seconds(up - start), seconds(created - up), TILES, seconds(indexed - created), TILES / seconds(indexed - created));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void createsTwoShardsOfTwoReplicasThatHoldTheArchiveIdentity() throws Exception {
        assertEquals(SolrCollections.Outcome.CREATED, firstEnsure);
        SolrCollections collections = new SolrCollections(client, cluster.address());
        assertEquals(IDENTITY, collections.identity().orElseThrow());
        assertEquals(DIMENSION, collections.vectorDimension());
        assertEquals(SolrCollections.Outcome.EXISTING, collections.ensure(new CollectionSpec(IDENTITY, new CollectionLayout(5, 1))));

        DocCollection state = client.getClusterState().getCollection(collection());
        assertEquals(2, state.getSlices().size());
        for (Slice slice : state.getSlices()) {
            assertEquals(2, slice.getReplicas().size(), slice.getName());
            assertEquals(2, slice.getReplicas().stream().map(Replica::getNodeName).distinct().count(),
                    "the replicas of " + slice.getName() + " share a node");
        }
        assertEquals(TILES, client.query(collection(), new SolrQuery("*:*").addFilterQuery(SolrFields.Kind.TILE.filter()))
                .getResults().getNumFound());
    }

    @Test
    @Order(2)
    void knnFindsTheExactTopTenWithAndWithoutAFilter() {
        Random random = new Random(7);
        double plain = 0;
        double filtered = 0;
        int queries = 20;
        for (int q = 0; q < queries; q++) {
            float[] query = tiles.query(random);
            plain += Knn.recall(Knn.search(client, collection(), query, 10, null), tiles.exactTop(query, 10, tile -> true));
            long slide = random.nextInt(SyntheticTiles.SLIDES);
            filtered += Knn.recall(Knn.search(client, collection(), query, 10, SolrFields.SLIDE_ID + ":" + slide),
                    tiles.exactTop(query, 10, tile -> SyntheticTiles.slideOf(tile) == slide));
        }
        System.out.printf("recall@10 over %d queries: %.3f without a filter, %.3f with a slide filter%n",
                queries, plain / queries, filtered / queries);
        assertTrue(plain / queries >= 0.95, "recall@10 without filter " + plain / queries);
        assertTrue(filtered / queries >= 0.95, "recall@10 with a filter " + filtered / queries);
    }

    @Test
    @Order(2)
    void scoresTurnIntoTheCosineSimilarityOfQueryAndTile() {
        float[] query = tiles.query(new Random(9));
        for (Knn.Hit hit : Knn.hits(client, collection(), query, 10, null)) {
            double cosine = SyntheticTiles.dot(query, tiles.vector((int) hit.tile()));
            assertEquals(cosine, VectorIndex.DEFAULT.similarity().cosine(hit.score()), 1e-5, "tile " + hit.tile());
        }
    }

    @Test
    @Order(3)
    void aTileComesBackWithItsFieldsAndItsExactVector() throws Exception {
        int tile = 417;
        SolrDocument doc = client.getById(collection(), SyntheticTiles.id(tile));
        assertEquals(SolrFields.Kind.TILE.value(), doc.getFirstValue(SolrFields.KIND));
        assertEquals((long) tile, doc.getFirstValue(SolrFields.TILE_ID));
        assertEquals(SyntheticTiles.slideOf(tile), doc.getFirstValue(SolrFields.SLIDE_ID));
        assertEquals(224, doc.getFirstValue(SolrFields.SIZE));
        assertEquals(0.7f, doc.getFirstValue(SolrFields.TISSUE));
        assertTrue(Arrays.equals(tiles.vector(tile), SyntheticTiles.floats((byte[]) doc.getFirstValue(SolrFields.VECTOR_DATA))));
    }

    @Test
    @Order(4)
    void anArchiveOfAnotherDimensionModelOrTileIsRefusedInOneLine() {
        String address = cluster.address().toString();
        String dimension = refusal(new ArchiveIdentity(new ModelIdentity("fingerprint-b", "ViT-B/16", 768), TileSpec.DEFAULT));
        assertEquals("archive " + address + " holds 1536-d vectors; ViT-B/16 checkpoint fingerprint-b (768-d), tiles "
                + TileSpec.DEFAULT.key() + " makes 768-d ones (use another collection)", dimension);
        String model = refusal(new ArchiveIdentity(new ModelIdentity("fingerprint-c", "ViT-g/14 (test)", DIMENSION), TileSpec.DEFAULT));
        assertTrue(model.startsWith("archive " + address + " was made with ViT-g/14 (test) checkpoint fingerprint-a (1536-d)"), model);
        String tile = refusal(new ArchiveIdentity(IDENTITY.model(), new TileSpec(256, 0.5, 256)));
        assertTrue(tile.contains("not ViT-g/14 (test) checkpoint fingerprint-a (1536-d), tiles 256px@0.5um/256"), tile);
        assertEquals(IDENTITY, new SolrCollections(client, cluster.address()).identity().orElseThrow(), "a refusal changed the archive");
    }

    @Test
    @Order(5)
    void aMissingCollectionOrAWrongChrootIsNamed() {
        SolrAddress missing = cluster.address("no_such_archive");
        ClusterException absent = assertThrows(ClusterException.class, () -> new SolrCollections(client, missing).requireExists());
        assertEquals("archive " + missing + " does not exist (collections on " + cluster.zkHost() + ": histoseek)", absent.getMessage());

        SolrAddress chroot = SolrAddress.parse("solr://" + cluster.zkHost() + "/wrong/histoseek");
        ClusterException wrong = assertThrows(ClusterException.class, () -> SolrClients.connect(chroot).close());
        assertEquals("ZooKeeper " + cluster.zkHost() + "/wrong of " + chroot
                + " holds no SolrCloud (wrong chroot, or no Solr node has joined it)", wrong.getMessage());
    }

    @Test
    @Order(6)
    void theHttpAddressOfAnyNodeReachesTheSameArchive() throws Exception {
        SolrAddress http = SolrAddress.parse(cluster.nodeUrl(2) + "/histoseek");
        float[] query = tiles.query(new Random(3));
        try (CloudSolrClient viaNode = SolrClients.connect(http)) {
            assertEquals(IDENTITY, new SolrCollections(viaNode, http).identity().orElseThrow());
            assertEquals(Knn.search(client, collection(), query, 10, null), Knn.search(viaNode, collection(), query, 10, null));
        }
    }

    @Test
    @Order(7)
    void searchAnswersWithTheSameTopTenWhenANodeIsKilledAndAfterItReturns() throws Exception {
        Random random = new Random(11);
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 10; q++) {
            queries.add(tiles.query(random));
        }
        List<List<Long>> before = topTens(queries);
        int victim = nodeWithMostLeaders();

        System.out.println(cluster.killNode(victim).strip());
        long killed = System.nanoTime();
        assertEquals(before, topTens(queries), "top 10 right after node " + victim + " was killed");
        System.out.printf("search with node %d dead answered 10 queries in %.2f s%n", victim, seconds(System.nanoTime() - killed));
        ClusterException refused = assertThrows(ClusterException.class,
                () -> SolrClients.connect(SolrAddress.parse(cluster.nodeUrl(victim) + "/histoseek")).close());
        assertTrue(refused.getMessage().startsWith("cannot reach Solr at " + cluster.nodeUrl(victim) + " of "), refused.getMessage());

        System.out.println(cluster.startNode(victim).strip());
        ZkStateReader.from(client).waitForState(collection(), 120, TimeUnit.SECONDS,
                (live, state) -> state != null && state.getReplicas().stream().allMatch(r -> r.isActive(live)));
        assertEquals(before, topTens(queries), "top 10 after node " + victim + " came back");
    }

    private static List<List<Long>> topTens(List<float[]> queries) {
        return queries.stream().map(query -> Knn.search(client, collection(), query, 10, null)).toList();
    }

    /** The node whose loss hurts most: it leads the most shards (ties: the lowest number). */
    private static int nodeWithMostLeaders() {
        Map<String, Long> leaders = client.getClusterState().getCollection(collection()).getSlices().stream()
                .map(slice -> slice.getLeader().getNodeName())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return java.util.stream.IntStream.rangeClosed(1, 3).boxed()
                .max(Comparator.comparingLong((Integer i) -> leaders.getOrDefault(cluster.nodeName(i), 0L))
                        .thenComparing(Comparator.reverseOrder()))
                .orElseThrow();
    }

    private static String refusal(ArchiveIdentity other) {
        ClusterException e = assertThrows(ClusterException.class,
                () -> new SolrCollections(client, cluster.address()).ensure(new CollectionSpec(other, CollectionLayout.DEFAULT)));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private static String collection() {
        return cluster.address().collection();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

}
