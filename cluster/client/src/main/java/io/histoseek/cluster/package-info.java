/**
 * Reaching a SolrCloud archive: its address ({@code solr://} or {@code http(s)://}), a connected
 * SolrJ client, and one-line errors naming the address.
 * May use SolrJ (which brings no Lucene). Must not use solr-core or Lucene (the app runs Lucene 10)
 * and must not know the archive's schema (that is {@code collection}).
 */
package io.histoseek.cluster;
