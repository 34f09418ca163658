/**
 * The archive on SolrCloud: {@link io.histoseek.cluster.archive.SolrArchive} implements the archive
 * interfaces of {@code io.histoseek.index.archive} over one collection, found through the
 * {@code ArchiveProvider} service {@link io.histoseek.cluster.archive.SolrArchives}. May use
 * {@code io.histoseek.cluster}, {@code .collection}, SolrJ and the index's archive API; must not use
 * the local archive, solr-core or Lucene.
 */
package io.histoseek.cluster.archive;
