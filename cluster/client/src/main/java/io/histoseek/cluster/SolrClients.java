package io.histoseek.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;

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

    private SolrClients() {
    }

    public static CloudSolrClient connect(SolrAddress address) {
        return connect(address, CONNECT_TIMEOUT);
    }

    public static CloudSolrClient connect(SolrAddress address, Duration connectTimeout) {
        int connectMs = Math.toIntExact(connectTimeout.toMillis());
        Http2SolrClient.Builder http = new Http2SolrClient.Builder()
                .withConnectionTimeout(connectMs, TimeUnit.MILLISECONDS)
                .withIdleTimeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .withRequestTimeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        CloudSolrClient client = null;
        try {
            client = switch (address) {
                case SolrAddress.ZooKeeper zk -> new CloudSolrClient.Builder(zk.hosts(), zk.chrootPath())
                        .withZkConnectTimeout(connectMs, TimeUnit.MILLISECONDS)
                        .withZkClientTimeout(Math.max(connectMs, 30_000), TimeUnit.MILLISECONDS)
                        .withInternalClientBuilder(http)
                        .withDefaultCollection(zk.collection())
                        .build();
                case SolrAddress.Http node -> new CloudSolrClient.Builder(List.of(node.solrUrl().toString()))
                        .withInternalClientBuilder(http)
                        .withDefaultCollection(node.collection())
                        .build();
            };
            client.connect();
            return client;
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw unreachable(address, connectTimeout, e);
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
            } catch (Exception ignored) {
                // the connect failure is what the user needs to see
            }
        }
    }
}
