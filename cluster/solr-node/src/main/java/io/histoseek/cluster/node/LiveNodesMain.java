package io.histoseek.cluster.node;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * Waits until the named Solr nodes are live in the cluster state: {@code LiveNodesMain ZKHOST
 * TIMEOUT_S NODE...} (node names as Solr writes them, e.g. 127.0.0.1:8983_solr). Exits 0 and
 * prints the live nodes, or exits 1 with one line naming the nodes still missing.
 */
public final class LiveNodesMain {
    private static final String LIVE_NODES = "/live_nodes";

    public static void main(String[] args) throws InterruptedException, IOException {
        if (args.length < 3) {
            Exit.fail("usage: LiveNodesMain ZKHOST TIMEOUT_S NODE...");
        }
        String zkHost = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        Set<String> wanted = Set.copyOf(List.of(args).subList(2, args.length));
        Set<String> live = Set.of();
        String problem = "no answer yet";
        try (ZooKeeper zk = new ZooKeeper(zkHost, 30_000, event -> { })) {
            while (System.nanoTime() < deadline) {
                try {
                    live = new HashSet<>(zk.getChildren(LIVE_NODES, false));
                    if (live.containsAll(wanted)) {
                        System.out.println("live nodes: " + String.join(" ", live.stream().sorted().toList()));
                        return;
                    }
                    problem = "live so far: " + (live.isEmpty() ? "none" : String.join(" ", live.stream().sorted().toList()));
                } catch (KeeperException e) {
                    problem = e.getMessage();
                }
                Thread.sleep(300);
            }
        }
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(live);
        Exit.fail("not live after " + args[1] + " s in ZooKeeper " + zkHost + ": "
                + String.join(" ", missing.stream().sorted().toList()) + " (" + problem + ")");
    }
}
