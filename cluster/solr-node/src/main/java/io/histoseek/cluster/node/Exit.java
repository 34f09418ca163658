package io.histoseek.cluster.node;

/** How every main here gives up: one line on stdout (the script shows it) and exit status 1. */
final class Exit {
    private Exit() {
    }

    static void fail(String line) {
        System.out.println(line);
        System.out.flush();
        // halt, not exit: a half-started Jetty or ZooKeeper must not hold the JVM in its shutdown hook.
        Runtime.getRuntime().halt(1);
    }
}
