/**
 * The archive's collection: the Solr schema and config (resources here), their upload with the
 * archive's vector dimension, creating the collection, and its identity (model, tile spec).
 * May use {@code io.histoseek.cluster}, SolrJ and the model's ModelIdentity/TileSpec. Must not use
 * solr-core or Lucene, and holds no archive logic (slides, tiles, search: {@code io.histoseek.cluster.archive}).
 */
package io.histoseek.cluster.collection;
