package io.histoseek.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real SolrCloud (ZooKeeper and N Solr nodes, separate JVMs) started through
 * cluster/solr-local.sh as a user starts one; the reactor builds cluster/solr-node before the app.
 * Its folder, logs included, stays under target/solr-clusters for a look after a failure.
 */
public final class LocalSolrCloud implements AutoCloseable {
    private static final long SCRIPT_TIMEOUT_S = 300;
    private static final Pattern ARCHIVE = Pattern.compile("(?m)^archive: solr://(\\S+)/histoseek$");
    private static final Pattern NODE_1 = Pattern.compile("(?m)^node 1: (http://\\S+/solr) ");

    private final Path dir;
    private final String zooKeeper;
    private final String firstNode;

    private LocalSolrCloud(Path dir, String zooKeeper, String firstNode) {
        this.dir = dir;
        this.zooKeeper = zooKeeper;
        this.firstNode = firstNode;
    }

    /** Starts ZooKeeper and {@code nodes} nodes in a fresh folder named {@code name}. */
    public static LocalSolrCloud start(String name, int nodes) {
        Path dir = Path.of(System.getProperty("histoseek.cluster.work", "target/solr-clusters")).resolve(name).toAbsolutePath();
        deleteTree(dir);
        String out = run("start", Integer.toString(nodes), dir.toString());
        Matcher archive = ARCHIVE.matcher(out);
        Matcher node = NODE_1.matcher(out);
        if (!archive.find() || !node.find()) {
            throw new IllegalStateException("solr-local.sh printed no archive or node line:\n" + out);
        }
        LocalSolrCloud cloud = new LocalSolrCloud(dir, archive.group(1), node.group(1));
        Runtime.getRuntime().addShutdownHook(new Thread(cloud::stopQuietly));
        return cloud;
    }

    /** The archive address of {@code collection} on this cluster, through its ZooKeeper. */
    public String address(String collection) {
        return "solr://" + zooKeeper + "/" + collection;
    }

    /** Node 1's base URL, e.g. http://127.0.0.1:41234/solr. */
    public String firstNode() {
        return firstNode;
    }

    @Override
    public void close() {
        run("stop", dir.toString());
    }

    private void stopQuietly() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // already stopped, or the JVM is going down anyway
        }
    }

    private static String run(String... args) {
        Path script = Path.of(System.getProperty("histoseek.cluster.script", "../cluster/solr-local.sh"));
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", script.toString()), Stream.of(args)).toList())
                .redirectErrorStream(true);
        // The nodes run on the JVM that runs the tests (Java 25), whatever JAVA_HOME says.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("solr-local.sh " + String.join(" ", args) + " took over " + SCRIPT_TIMEOUT_S + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("solr-local.sh " + String.join(" ", args) + " failed: " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (Files.notExists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
