/**
 * The processes of a local SolrCloud: ZooKeeper, one Solr 9.10.1 node, and a wait for live nodes;
 * each a small main run by cluster/solr-local.sh in a JVM of its own.
 * May use Solr, Lucene 9.12 and ZooKeeper. Must not be on any other module's classpath (the app
 * runs Lucene 10) and must not know Histoseek's archive: the client creates collections over HTTP.
 */
package io.histoseek.cluster.node;
