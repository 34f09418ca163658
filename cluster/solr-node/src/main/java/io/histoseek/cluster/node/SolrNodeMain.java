package io.histoseek.cluster.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * One SolrCloud node: {@code SolrNodeMain SOLR_HOME PORT ZKHOST} (PORT 0 picks a free one; a
 * restarted node passes the port it had, since a node's name in the cluster is host:port).
 * Cores live under SOLR_HOME and survive a restart. Prints {@code solr node ready: port=P
 * node=NAME} once its cores are loaded and stops cleanly (leaving the cluster) on SIGTERM.
 */
public final class SolrNodeMain {
    private static final long CORE_LOAD_TIMEOUT_MS = 300_000;
    private static final long ZK_WAIT_S = 60;

    public static void main(String[] args) {
        if (args.length != 3) {
            Exit.fail("usage: SolrNodeMain SOLR_HOME PORT ZKHOST");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String zkHost = args[2];
        try {
            requireZooKeeper(zkHost);
            writeSolrXml(home);
            Properties properties = new Properties();
            properties.setProperty("zkHost", zkHost);
            JettyConfig config = JettyConfig.builder()
                    .setContext("/solr")
                    .setPort(port)
                    .stopAtShutdown(false)
                    // After a crash the old socket may linger a moment; wait for it instead of failing.
                    .withPortRetryTime(port == 0 ? 0 : 30)
                    .waitForLoadingCoresToFinish(CORE_LOAD_TIMEOUT_MS)
                    .build();
            JettySolrRunner runner = new JettySolrRunner(home.toString(), properties, config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(runner), "solr-node-stop"));
            runner.start();
            if (runner.getCoreContainer() == null || runner.getCoreContainer().getZkController() == null) {
                Exit.fail("solr node failed: it did not join ZooKeeper at " + zkHost + " (see the log above)");
            }
            System.out.println("solr node ready: port=" + runner.getLocalPort() + " node=" + runner.getNodeName());
        } catch (Exception e) {
            Exit.fail("solr node failed: " + e);
        }
    }

    /** Solr's own failure without ZooKeeper ends in "CoreContainer is unavailable": say why instead. */
    private static void requireZooKeeper(String zkHost) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        try (ZooKeeper zk = new ZooKeeper(zkHost, 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        })) {
            if (!connected.await(ZK_WAIT_S, TimeUnit.SECONDS)) {
                Exit.fail("solr node failed: ZooKeeper " + zkHost + " does not answer within " + ZK_WAIT_S + " s");
            }
        }
    }

    /** The node's solr.xml: written once, so that a user's edit to it survives restarts. */
    private static void writeSolrXml(Path home) throws IOException {
        Files.createDirectories(home);
        Path solrXml = home.resolve("solr.xml");
        if (Files.notExists(solrXml)) {
            try (InputStream in = SolrNodeMain.class.getResourceAsStream("solr.xml")) {
                Files.copy(in, solrXml);
            }
        }
    }

    private static void stop(JettySolrRunner runner) {
        try {
            runner.stop();
        } catch (Exception e) {
            System.out.println("solr node stop failed: " + e);
        }
    }
}
