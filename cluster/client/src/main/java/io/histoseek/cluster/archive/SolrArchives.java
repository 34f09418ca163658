package io.histoseek.cluster.archive;

import io.histoseek.cluster.ClusterException;
import io.histoseek.cluster.SolrAddress;
import io.histoseek.cluster.SolrClients;
import io.histoseek.cluster.collection.SolrCollections;
import io.histoseek.index.archive.Archive;
import io.histoseek.index.archive.ArchiveAddress;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveProvider;
import io.histoseek.index.archive.ArchiveWriter;
import io.histoseek.index.archive.WriterOptions;
import java.io.IOException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;

/**
 * Opens archives at SolrCloud addresses (every address that is not a folder, so that a typo in
 * one gets {@link SolrAddress#parse}'s one-line explanation). Reading needs the collection;
 * writing with a slide root creates it when the first model is bound.
 */
public final class SolrArchives implements ArchiveProvider {
    @Override
    public boolean accepts(ArchiveAddress address) {
        return !address.isFolder();
    }

    @Override
    public Archive openForReading(ArchiveAddress address) {
        return open(address, (client, solr) -> {
            new SolrCollections(client, solr).requireExists();
            return SolrArchive.forReading(client, solr);
        });
    }

    @Override
    public ArchiveWriter openForWriting(ArchiveAddress address, WriterOptions options) {
        return open(address, (client, solr) -> {
            SolrCollections collections = new SolrCollections(client, solr);
            boolean exists = collections.exists();
            if (!exists && options.createRoot().isEmpty()) collections.requireExists();
            return SolrArchive.forWriting(client, solr, options, exists);
        });
    }

    /** Parses the address, reaches the cluster and asks it for its collections: the first requests a writer makes. */
    @Override
    public void check(ArchiveAddress address) {
        closeQuietly(open(address, (client, solr) -> {
            new SolrCollections(client, solr).exists();
            return client;
        }));
    }

    private interface Opening<T> {
        T open(CloudSolrClient client, SolrAddress address);
    }

    private static <T> T open(ArchiveAddress address, Opening<T> opening) {
        CloudSolrClient client = null;
        try {
            SolrAddress solr = SolrAddress.parse(address.text());
            client = SolrClients.connect(solr);
            return opening.open(client, solr);
        } catch (ClusterException e) {
            closeQuietly(client);
            throw new ArchiveException(e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    private static void closeQuietly(CloudSolrClient client) {
        if (client == null) return;
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // the opening failure is what the user needs to see
        }
    }
}
