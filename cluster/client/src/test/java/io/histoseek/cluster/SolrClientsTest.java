package io.histoseek.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Addresses where nothing listens: each fails within its timeout, in one line naming the address. */
class SolrClientsTest {
    @Test
    void anUnreachableZooKeeperIsNamedWithinTheTimeout() throws IOException {
        int port = closedPort();
        SolrAddress address = SolrAddress.parse("solr://127.0.0.1:" + port + "/histoseek");
        long start = System.nanoTime();
        ClusterException e = assertThrows(ClusterException.class, () -> SolrClients.connect(address, Duration.ofSeconds(2)).close());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot reach ZooKeeper 127.0.0.1:" + port + " of " + address + " within 2 s: "),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(seconds < 20, "gave up after " + seconds + " s");
    }

    @Test
    void anUnreachableNodeIsNamed() throws IOException {
        int port = closedPort();
        SolrAddress address = SolrAddress.parse("http://127.0.0.1:" + port + "/solr/histoseek");
        ClusterException e = assertThrows(ClusterException.class, () -> SolrClients.connect(address, Duration.ofSeconds(2)).close());
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot reach Solr at http://127.0.0.1:" + port + "/solr of " + address + ": "),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    /** A port that was free a moment ago: nothing answers there. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
