package io.histoseek.cluster.collection;

import io.histoseek.cluster.ClusterException;
import io.histoseek.cluster.Failures;
import io.histoseek.cluster.SolrAddress;
import io.histoseek.model.ModelIdentity;
import io.histoseek.model.TileSpec;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * The archive's collection on a cluster: whether it exists, what it holds ({@link #identity()}),
 * and {@link #ensure} that creates it (configset, collection, identity document) on first write
 * or refuses, in one line, an existing one made for another model, dimension or tile.
 */
public final class SolrCollections {
    private final CloudSolrClient client;
    private final SolrAddress address;

    public enum Outcome { CREATED, EXISTING }

    public SolrCollections(CloudSolrClient client, SolrAddress address) {
        this.client = client;
        this.address = address;
    }

    public boolean exists() {
        try {
            return CollectionAdminRequest.listCollections(client).contains(address.collection());
        } catch (Exception e) {
            throw failure("cannot list the collections", e);
        }
    }

    /** Fails in one line, naming what the cluster does hold, when the collection is absent. */
    public void requireExists() {
        List<String> collections;
        try {
            collections = CollectionAdminRequest.listCollections(client);
        } catch (Exception e) {
            throw failure("cannot list the collections", e);
        }
        if (!collections.contains(address.collection())) {
            throw new ClusterException("archive " + address + " does not exist (collections on " + address.cluster() + ": "
                    + (collections.isEmpty() ? "none" : String.join(", ", collections.stream().sorted().toList())) + ")");
        }
    }

    /**
     * Creates the collection for {@code spec} if it is absent; otherwise checks that it is a
     * Histoseek archive of the same identity (completing one whose creation was cut short).
     */
    public Outcome ensure(CollectionSpec spec) {
        if (!exists()) {
            try {
                create(spec);
                writeIdentity(spec.identity());
                return Outcome.CREATED;
            } catch (ClusterException e) {
                if (!exists()) {
                    throw e;
                }
                // Another writer created it at the same time: check it like any existing one.
            }
        }
        requireSame(vectorDimension(), spec.identity());
        Optional<ArchiveIdentity> existing = identity();
        if (existing.isEmpty()) {
            writeIdentity(spec.identity());
        } else {
            requireSame(existing.get(), spec.identity());
        }
        return Outcome.EXISTING;
    }

    /** The identity recorded in the collection; empty while its creation is unfinished. */
    public Optional<ArchiveIdentity> identity() {
        SolrDocument doc;
        try {
            doc = client.getById(address.collection(), SolrFields.ARCHIVE_DOC_ID);
        } catch (Exception e) {
            throw failure("cannot read the archive identity", e);
        }
        if (doc == null) {
            return Optional.empty();
        }
        try {
            ModelIdentity model = new ModelIdentity(
                    (String) doc.getFirstValue(SolrFields.MODEL_FINGERPRINT),
                    (String) doc.getFirstValue(SolrFields.MODEL_ARCHITECTURE),
                    ((Number) doc.getFirstValue(SolrFields.MODEL_DIMENSION)).intValue());
            TileSpec tiles = TileSpec.parse((String) doc.getFirstValue(SolrFields.TILE_SPEC));
            return Optional.of(new ArchiveIdentity(model, tiles));
        } catch (RuntimeException e) {
            throw new ClusterException("archive " + address + " has a damaged identity document: " + Failures.rootMessage(e), e);
        }
    }

    /** The dimension of the collection's k-NN field, read from its live schema. */
    public int vectorDimension() {
        Map<String, Object> attributes;
        try {
            attributes = new SchemaRequest.FieldType(SolrFields.VECTOR_FIELD_TYPE).process(client, address.collection())
                    .getFieldType().getAttributes();
        } catch (Exception e) {
            throw new ClusterException("collection " + address + " is not a Histoseek archive (no "
                    + SolrFields.VECTOR_FIELD_TYPE + " field type: " + Failures.rootMessage(e) + ")", e);
        }
        return Integer.parseInt(String.valueOf(attributes.get("vectorDimension")));
    }

    private void create(CollectionSpec spec) {
        String configset = Configset.name(address.collection());
        Configset.upload(client, address.cluster(), configset, Configset.render(spec.identity().dimension(), spec.vectors()));
        CollectionLayout layout = spec.layout();
        int nrt = layout.replicaType() == CollectionLayout.ReplicaType.NRT ? layout.replicas() : 0;
        int tlog = layout.replicaType() == CollectionLayout.ReplicaType.TLOG ? layout.replicas() : 0;
        CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(
                address.collection(), configset, layout.shards(), nrt, tlog, 0);
        create.setWaitForFinalState(true);
        try {
            create.process(client);
        } catch (Exception e) {
            throw failure("cannot create " + layout.shards() + " shards x " + layout.replicas() + " replicas", e);
        }
    }

    private void writeIdentity(ArchiveIdentity identity) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(SolrFields.ID, SolrFields.ARCHIVE_DOC_ID);
        doc.setField(SolrFields.KIND, SolrFields.Kind.ARCHIVE.value());
        doc.setField(SolrFields.SCHEMA, SolrFields.SCHEMA_VERSION);
        doc.setField(SolrFields.MODEL_FINGERPRINT, identity.model().fingerprint());
        doc.setField(SolrFields.MODEL_ARCHITECTURE, identity.model().architecture());
        doc.setField(SolrFields.MODEL_DIMENSION, identity.dimension());
        doc.setField(SolrFields.TILE_SPEC, identity.tileSpec().key());
        doc.setField(SolrFields.CREATED_AT, new Date());
        try {
            client.add(address.collection(), doc);
            client.commit(address.collection());
        } catch (Exception e) {
            throw failure("cannot write the archive identity", e);
        }
    }

    private void requireSame(int dimension, ArchiveIdentity wanted) {
        if (dimension != wanted.dimension()) {
            throw new ClusterException("archive " + address + " holds " + dimension + "-d vectors; "
                    + wanted.describe() + " makes " + wanted.dimension() + "-d ones (use another collection)");
        }
    }

    private void requireSame(ArchiveIdentity existing, ArchiveIdentity wanted) {
        if (!existing.equals(wanted)) {
            throw new ClusterException("archive " + address + " was made with " + existing.describe()
                    + ", not " + wanted.describe() + " (use another collection)");
        }
    }

    private ClusterException failure(String what, Exception e) {
        return new ClusterException(what + " of archive " + address + ": " + Failures.rootMessage(e), e);
    }
}
