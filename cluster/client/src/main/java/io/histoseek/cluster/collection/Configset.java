package io.histoseek.cluster.collection;

import io.histoseek.cluster.ClusterException;
import io.histoseek.cluster.Failures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.util.ContentStreamBase;

/**
 * The collection's configset (solrconfig.xml + managed-schema.xml from this package's resources),
 * with the vector field set to the archive's dimension and HNSW settings, uploaded through the
 * Configsets API (so it works through ZooKeeper and HTTP addresses alike).
 */
final class Configset {
    private static final String[] FILES = {"solrconfig.xml", "managed-schema.xml"};

    private Configset() {
    }

    /** One configset per collection: collections of different dimensions never share a schema. */
    static String name(String collection) {
        return "histoseek-" + collection;
    }

    /** The configset's files as uploaded, by name. */
    static Map<String, String> render(int dimension, VectorIndex vectors) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String file : FILES) {
            String text = resource(file)
                    .replace("@VECTOR_DIMENSION@", Integer.toString(dimension))
                    .replace("@VECTOR_SIMILARITY@", vectors.similarity().schemaName())
                    .replace("@HNSW_MAX_CONNECTIONS@", Integer.toString(vectors.maxConnections()))
                    .replace("@HNSW_BEAM_WIDTH@", Integer.toString(vectors.beamWidth()));
            files.put(file, text);
        }
        return files;
    }

    static void upload(SolrClient client, String cluster, String name, Map<String, String> files) {
        ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload()
                .setConfigSetName(name)
                .setOverwrite(true)
                .setUploadStream(new ContentStreamBase.ByteArrayStream(zip(files), name + ".zip", "application/zip"));
        try {
            upload.process(client);
        } catch (Exception e) {
            throw new ClusterException("cannot upload configset " + name + " to " + cluster + ": " + Failures.rootMessage(e), e);
        }
    }

    private static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String resource(String file) {
        try (InputStream in = Configset.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("configset file " + file + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
