package io.histoseek.cluster;

/**
 * A problem with a SolrCloud archive, worded for the user in one line that names the address
 * (e.g. {@code cannot reach ZooKeeper 10.0.0.5:2181 of solr://10.0.0.5:2181/histoseek within 10 s}).
 */
public class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
