package io.histoseek.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;

/**
 * Opens a SolrJ client on the cluster of a {@link SolrAddress} and proves the cluster answers:
 * ZooKeeper reachable and holding a SolrCloud, or a node's HTTP API answering. Failures become
 * one-line {@link ClusterException}s naming the address. The collection itself is not checked
 * here ({@code SolrCollections} does).
 */
public final class SolrClients {
    /** How long to wait for ZooKeeper or a node to accept a connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** How long one request may take: a first k-NN on a cold shard reads its vectors from disk. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    /** ZooKeeper session: long enough to ride out a GC pause of a busy client. */
    private static final Duration ZK_SESSION = Duration.ofSeconds(30);

    private SolrClients() {
    }

    public static CloudSolrClient connect(SolrAddress address) {
        return connect(address, CONNECT_TIMEOUT);
    }

    public static CloudSolrClient connect(SolrAddress address, Duration connectTimeout) {
        CloudSolrClient client = null;
        try {
            client = switch (address) {
                case SolrAddress.ZooKeeper zk -> new CloudSolrClient.Builder(zk.hosts(), zk.chrootPath())
                        .withZkConnectTimeout(Math.toIntExact(connectTimeout.toMillis()), TimeUnit.MILLISECONDS)
                        .withZkClientTimeout(Math.toIntExact(ZK_SESSION.toMillis()), TimeUnit.MILLISECONDS)
                        .withInternalClientBuilder(http(new Http2SolrClient.Builder(), connectTimeout))
                        .withDefaultCollection(zk.collection())
                        .build();
                case SolrAddress.Http node -> {
                    probe(node, connectTimeout);
                    yield new CloudSolrClient.Builder(List.of(node.solrUrl().toString()))
                            .withInternalClientBuilder(http(new Http2SolrClient.Builder(), connectTimeout))
                            .withDefaultCollection(node.collection())
                            .build();
                }
            };
            client.connect();
            return client;
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw unreachable(address, connectTimeout, e);
        }
    }

    private static Http2SolrClient.Builder http(Http2SolrClient.Builder builder, Duration connectTimeout) {
        return builder.withConnectionTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .withIdleTimeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .withRequestTimeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the node for its collections before SolrJ's cluster-state provider does: that one
     * reports only "Failed fetching live_nodes", this one the cause (connection refused, not
     * SolrCloud, not Solr).
     */
    private static void probe(SolrAddress.Http node, Duration connectTimeout) {
        try (Http2SolrClient client = http(new Http2SolrClient.Builder(node.solrUrl().toString()), connectTimeout).build()) {
            CollectionAdminRequest.listCollections(client);
        } catch (IOException | SolrServerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClusterException unreachable(SolrAddress address, Duration timeout, RuntimeException e) {
        String cause = Failures.rootMessage(e);
        return switch (address) {
            case SolrAddress.ZooKeeper zk when cause.contains("cluster not found") -> new ClusterException(
                    "ZooKeeper " + zk.cluster() + " of " + address + " holds no SolrCloud (wrong chroot, or no Solr node has joined it)", e);
            case SolrAddress.ZooKeeper zk -> new ClusterException(
                    "cannot reach ZooKeeper " + zk.cluster() + " of " + address + " within " + timeout.toSeconds() + " s: " + cause, e);
            case SolrAddress.Http node -> new ClusterException(
                    "cannot reach Solr at " + node.cluster() + " of " + address + ": " + cause, e);
        };
    }

    private static void closeQuietly(CloudSolrClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException | RuntimeException ignored) {
                // the connect failure is what the user needs to see
            }
        }
    }
}
