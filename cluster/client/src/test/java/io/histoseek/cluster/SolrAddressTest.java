package io.histoseek.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SolrAddressTest {
    @Test
    void zooKeeperAddressWithOneHost() {
        SolrAddress.ZooKeeper address = assertInstanceOf(SolrAddress.ZooKeeper.class,
                SolrAddress.parse("solr://127.0.0.1:2181/histoseek"));
        assertEquals(List.of("127.0.0.1:2181"), address.hosts());
        assertEquals("", address.chroot());
        assertTrue(address.chrootPath().isEmpty());
        assertEquals("histoseek", address.collection());
        assertEquals("solr://127.0.0.1:2181/histoseek", address.toString());
    }

    @Test
    void zooKeeperEnsembleWithChroot() {
        SolrAddress.ZooKeeper address = assertInstanceOf(SolrAddress.ZooKeeper.class,
                SolrAddress.parse("SOLR://zk1.example.org:2181,zk2:2181,[::1]:2182/solr/prod/tiles_v2"));
        assertEquals(List.of("zk1.example.org:2181", "zk2:2181", "[::1]:2182"), address.hosts());
        assertEquals("/solr/prod", address.chroot());
        assertEquals("tiles_v2", address.collection());
        assertEquals("zk1.example.org:2181,zk2:2181,[::1]:2182/solr/prod", address.cluster());
    }

    @Test
    void httpAddressKeepsTheNodeUrl() {
        SolrAddress.Http address = assertInstanceOf(SolrAddress.Http.class,
                SolrAddress.parse("HTTPS://search.hospital.example:8983/solr/histoseek/"));
        assertEquals(URI.create("https://search.hospital.example:8983/solr"), address.solrUrl());
        assertEquals("histoseek", address.collection());
        assertEquals("https://search.hospital.example:8983/solr/histoseek", address.toString());
        assertEquals("http://localhost/solr", ((SolrAddress.Http) SolrAddress.parse("http://localhost/solr/a")).cluster());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sorl://127.0.0.1:2181/histoseek | unknown scheme 'sorl'",
            "solr:/127.0.0.1:2181/histoseek | does not start with solr://",
            "solr://127.0.0.1/histoseek | ZooKeeper host '127.0.0.1' has no port (e.g. 127.0.0.1:2181)",
            "solr://127.0.0.1:21a81/histoseek | port '21a81' of '127.0.0.1:21a81' is not a number",
            "solr://127.0.0.1:99999/histoseek | port '99999'",
            "solr://127.0.0.1:2181 | names no collection",
            "solr://127.0.0.1:2181/ | ends with '/' where the collection name belongs",
            "solr://127.0.0.1:2181//histoseek | empty path segment",
            "solr://127.0.0.1:2181,/histoseek | a ZooKeeper host is empty",
            "solr://zk_1:2181/histoseek | 'zk_1' is not a host name",
            "solr://127.0.0.1:2181/histo seek | 'histo seek' is not a collection name",
            "solr://127.0.0.1:2181/-tiles | '-tiles' is not a collection name",
            "solr://127.0.0.1:2181/histoseek?x=1 | query or fragment",
            "http://127.0.0.1:8983/histoseek | path must be /solr/COLLECTION, not '/histoseek'",
            "http://127.0.0.1:8983/solr | path must be /solr/COLLECTION",
            "http://127.0.0.1:8983/solr/a/b | path must be /solr/COLLECTION",
            "http://127.0.0.1:8983/solr/hist#oseek | query, fragment",
            "http:///solr/histoseek | no valid host name",
            "ftp://127.0.0.1/solr/histoseek | unknown scheme 'ftp'"})
    void typosFailInOneLineNamingTheAddress(String text, String why) {
        ClusterException e = assertThrows(ClusterException.class, () -> SolrAddress.parse(text));
        assertTrue(e.getMessage().startsWith("archive address '" + text + "' is not valid: "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void emptyAddressIsExplained() {
        assertTrue(assertThrows(ClusterException.class, () -> SolrAddress.parse(" ")).getMessage().startsWith("empty archive address"));
    }

    @Test
    void foldersAreNotAddresses() {
        assertTrue(SolrAddress.looksLikeAddress("solr://h:1/c"));
        assertTrue(SolrAddress.looksLikeAddress("sorl://h:1/c"));
        assertTrue(SolrAddress.looksLikeAddress("https://h/solr/c"));
        assertFalse(SolrAddress.looksLikeAddress("/data/archive"));
        assertFalse(SolrAddress.looksLikeAddress("archive"));
        assertFalse(SolrAddress.looksLikeAddress("C:/archives/lung"));
        assertFalse(SolrAddress.looksLikeAddress("C:\\archives\\lung"));
        assertFalse(SolrAddress.looksLikeAddress(null));
    }
}
