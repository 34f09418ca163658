package io.histoseek.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real multi-process cluster for tests, driven through cluster/solr-local.sh exactly as a user
 * drives it. Its folder (logs included) stays under target/solr-clusters for a look after a failure.
 */
public final class LocalSolrCluster implements AutoCloseable {
    private static final long SCRIPT_TIMEOUT_S = 300;

    private final Path dir;
    private final SolrAddress address;

    private LocalSolrCluster(Path dir, SolrAddress address) {
        this.dir = dir;
        this.address = address;
    }

    /** Starts ZooKeeper and {@code nodes} Solr nodes in a fresh folder named after {@code name}. */
    public static LocalSolrCluster start(String name, int nodes) {
        Path dir = Path.of(System.getProperty("histoseek.cluster.work", "target/solr-clusters")).resolve(name).toAbsolutePath();
        deleteTree(dir);
        String out = run("start", Integer.toString(nodes), dir.toString());
        String line = out.lines().filter(l -> l.startsWith("archive: ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("solr-local.sh printed no archive line:\n" + out));
        LocalSolrCluster cluster = new LocalSolrCluster(dir, SolrAddress.parse(line.substring("archive: ".length())));
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopQuietly));
        return cluster;
    }

    /** The archive address the script printed (collection "histoseek"). */
    public SolrAddress address() {
        return address;
    }

    /** The same cluster with another collection name. */
    public SolrAddress address(String collection) {
        SolrAddress.ZooKeeper zk = (SolrAddress.ZooKeeper) address;
        return new SolrAddress.ZooKeeper(zk.hosts(), zk.chroot(), collection);
    }

    public String zkHost() {
        return address.cluster();
    }

    /** Node {@code i}'s base URL, e.g. http://127.0.0.1:41234/solr. */
    public String nodeUrl(int i) {
        try {
            return "http://127.0.0.1:" + Files.readString(dir.resolve("node" + i).resolve("port")).strip() + "/solr";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Node {@code i}'s name in the cluster state, e.g. 127.0.0.1:41234_solr. */
    public String nodeName(int i) {
        return nodeUrl(i).substring("http://".length()).replace("/solr", "_solr");
    }

    public String killNode(int i) {
        return run("kill-node", dir.toString(), Integer.toString(i));
    }

    public String startNode(int i) {
        return run("start-node", dir.toString(), Integer.toString(i));
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
        Path script = Path.of(System.getProperty("histoseek.cluster.script", "../solr-local.sh"));
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
