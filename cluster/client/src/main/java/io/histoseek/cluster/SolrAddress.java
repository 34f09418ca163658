package io.histoseek.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a SolrCloud archive lives: {@code solr://ZKHOST:PORT[,HOST:PORT...][/CHROOT]/COLLECTION}
 * (the cluster's ZooKeeper ensemble) or {@code http(s)://HOST[:PORT]/solr/COLLECTION} (any node).
 * {@link #parse} rejects typos with one line that names the text and what is wrong.
 */
public sealed interface SolrAddress permits SolrAddress.ZooKeeper, SolrAddress.Http {
    /** Solr's rule for collection names. */
    Pattern COLLECTION_NAME = Pattern.compile("(?!-)[._A-Za-z0-9-]+");
    String FORMS = "solr://ZKHOST:PORT[,HOST:PORT...][/CHROOT]/COLLECTION or http(s)://HOST:PORT/solr/COLLECTION";

    String collection();

    /** The cluster without the collection, for messages: a ZooKeeper connect string or a node's URL. */
    String cluster();

    /** A collection reached through ZooKeeper; {@code chroot} is empty or starts with '/'. */
    record ZooKeeper(List<String> hosts, String chroot, String collection) implements SolrAddress {
        public ZooKeeper {
            hosts = List.copyOf(hosts);
        }

        public Optional<String> chrootPath() {
            return chroot.isEmpty() ? Optional.empty() : Optional.of(chroot);
        }

        @Override
        public String cluster() {
            return String.join(",", hosts) + chroot;
        }

        @Override
        public String toString() {
            return "solr://" + cluster() + "/" + collection;
        }
    }

    /** A collection reached through one node's HTTP API; {@code solrUrl} ends in /solr. */
    record Http(URI solrUrl, String collection) implements SolrAddress {
        @Override
        public String cluster() {
            return solrUrl.toString();
        }

        @Override
        public String toString() {
            return solrUrl + "/" + collection;
        }
    }

    /**
     * Whether {@code text} is meant as an address rather than a folder: it starts with a scheme of
     * two or more letters and ':/' (a Windows drive letter has one). Such text that is no valid
     * Solr address is a typo for {@link #parse} to explain, never a folder name.
     */
    static boolean looksLikeAddress(String text) {
        return text != null && text.matches("(?s)[A-Za-z][A-Za-z0-9+.-]+:/.*");
    }

    /** Parses an address; throws {@link ClusterException} with one line naming the text otherwise. */
    static SolrAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ClusterException("empty archive address (expected " + FORMS + ")");
        }
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        String scheme = colon < 0 ? "" : trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? trimmed : trimmed.substring(colon + 1);
        if (!rest.startsWith("//")) {
            throw invalid(text, "it does not start with solr://, http:// or https://");
        }
        return switch (scheme) {
            case "solr" -> zooKeeper(text, rest.substring(2));
            case "http", "https" -> http(text, trimmed);
            default -> throw invalid(text, "unknown scheme '" + scheme + "'");
        };
    }

    private static ZooKeeper zooKeeper(String text, String rest) {
        if (rest.contains("?") || rest.contains("#")) {
            throw invalid(text, "it has a query or fragment, which an archive address never has");
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw invalid(text, "it names no collection after the ZooKeeper hosts");
        }
        List<String> hosts = new ArrayList<>();
        for (String host : rest.substring(0, slash).split(",", -1)) {
            hosts.add(hostAndPort(text, host));
        }
        String[] segments = rest.substring(slash + 1).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw invalid(text, segments[segments.length - 1].isEmpty()
                        ? "it ends with '/' where the collection name belongs" : "it has an empty path segment ('//')");
            }
        }
        String collection = collectionName(text, segments[segments.length - 1]);
        String chroot = segments.length == 1 ? "" : "/" + String.join("/", List.of(segments).subList(0, segments.length - 1));
        return new ZooKeeper(hosts, chroot, collection);
    }

    private static String hostAndPort(String text, String host) {
        if (host.isEmpty()) {
            throw invalid(text, "a ZooKeeper host is empty");
        }
        int colon = host.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(text, "ZooKeeper host '" + host + "' has no port (e.g. " + host + ":2181)");
        }
        String name = host.substring(0, colon);
        if (!name.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]")) {
            throw invalid(text, "'" + name + "' is not a host name");
        }
        port(text, host.substring(colon + 1), host);
        return host;
    }

    private static int port(String text, String port, String host) {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw invalid(text, "port '" + port + "' of '" + host + "' is not a number from 1 to 65535");
    }

    private static Http http(String text, String trimmed) {
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid(text, e.getReason());
        }
        if (uri.getHost() == null) {
            throw invalid(text, "it has no valid host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(text, "it has a query, fragment or user name, which an archive address never has");
        }
        if (uri.getPort() != -1) {
            port(text, Integer.toString(uri.getPort()), uri.getHost());
        }
        String path = uri.getPath().endsWith("/") ? uri.getPath().substring(0, uri.getPath().length() - 1) : uri.getPath();
        if (!path.startsWith("/solr/") || path.indexOf('/', "/solr/".length()) >= 0) {
            throw invalid(text, "its path must be /solr/COLLECTION, not '" + uri.getPath() + "'");
        }
        String collection = collectionName(text, path.substring("/solr/".length()));
        URI solrUrl = URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + "/solr");
        return new Http(solrUrl, collection);
    }

    private static String collectionName(String text, String name) {
        if (!COLLECTION_NAME.matcher(name).matches()) {
            throw invalid(text, "'" + name + "' is not a collection name (letters, digits, '.', '_', '-'; no leading '-')");
        }
        return name;
    }

    private static ClusterException invalid(String text, String why) {
        return new ClusterException("archive address '" + text + "' is not valid: " + why + " (expected " + FORMS + ")");
    }
}
