package io.histoseek.cluster.archive;

import io.histoseek.cluster.Failures;
import io.histoseek.cluster.SolrAddress;
import io.histoseek.cluster.collection.SolrFields;
import io.histoseek.index.archive.ArchiveException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * The archive's requests to its collection, each failure turned into one {@link ArchiveException}
 * line naming the address and what was being done. Queries go as POST (a 1536-d vector is ~20 KB).
 * A writer's requests are {@link #guardedBy guarded}: every write first proves the writer still
 * holds the archive.
 */
final class SolrRequests {
    /** Documents per page of a cursor and ids per real-time get. */
    static final int PAGE = 500;

    private final CloudSolrClient client;
    private final SolrAddress address;
    /** Run before every write; throws when this writer may not write. */
    private final Runnable beforeWrite;

    SolrRequests(CloudSolrClient client, SolrAddress address) {
        this(client, address, () -> { });
    }

    private SolrRequests(CloudSolrClient client, SolrAddress address, Runnable beforeWrite) {
        this.client = client;
        this.address = address;
        this.beforeWrite = beforeWrite;
    }

    /** The same requests, each write preceded by {@code check} (which throws to refuse it). */
    SolrRequests guardedBy(Runnable check) {
        return new SolrRequests(client, address, check);
    }

    SolrAddress address() {
        return address;
    }

    CloudSolrClient client() {
        return client;
    }

    QueryResponse query(String what, SolrQuery query) {
        try {
            return new QueryRequest(query, SolrRequest.METHOD.POST).process(client, address.collection());
        } catch (Exception e) {
            throw failure(what, e);
        }
    }

    /** Every document the query matches, page by page; {@code query} must sort on a unique field last. */
    void forEach(String what, SolrQuery query, Consumer<SolrDocument> sink) {
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        query.setRows(PAGE);
        while (true) {
            query.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse response = query(what, query);
            response.getResults().forEach(sink);
            String next = response.getNextCursorMark();
            if (next == null || next.equals(cursor)) return;
            cursor = next;
        }
    }

    /** Documents by id as they are now (real-time get: a write is seen before its commit); absent ids are left out. */
    List<SolrDocument> get(String what, Collection<String> ids, String fields) {
        List<SolrDocument> found = new ArrayList<>();
        List<String> all = List.copyOf(ids);
        ModifiableSolrParams params = new ModifiableSolrParams();
        params.set("fl", fields);
        for (int from = 0; from < all.size(); from += PAGE) {
            try {
                SolrDocumentList page = client.getById(address.collection(), all.subList(from, Math.min(all.size(), from + PAGE)), params);
                found.addAll(page);
            } catch (Exception e) {
                throw failure(what, e);
            }
        }
        return found;
    }

    SolrDocument get(String what, String id, String fields) {
        List<SolrDocument> found = get(what, List.of(id), fields);
        return found.isEmpty() ? null : found.getFirst();
    }

    void add(String what, Collection<SolrInputDocument> docs) {
        if (docs.isEmpty()) return;
        write(what, () -> client.add(address.collection(), docs));
    }

    void deleteByQuery(String what, String query) {
        write(what, () -> client.deleteByQuery(address.collection(), query));
    }

    void deleteById(String what, List<String> ids) {
        if (ids.isEmpty()) return;
        write(what, () -> client.deleteById(address.collection(), ids));
    }

    /**
     * Makes every write so far visible to searches (a soft commit; what was sent is already durable
     * in the replicas' update logs, and autoCommit flushes it to segments).
     */
    void publish(String what) {
        write(what, () -> client.commit(address.collection(), true, true, true));
    }

    /** Flushes everything to segments on every replica (the end of a run). */
    void flush(String what) {
        write(what, () -> client.commit(address.collection(), true, true, false));
    }

    /** A request to the collection, failing as SolrJ does. */
    private interface Call {
        void run() throws Exception;
    }

    /** Runs a write after the writer's check (the lock still held), a failure as one line saying {@code what}. */
    private void write(String what, Call call) {
        beforeWrite.run();
        try {
            call.run();
        } catch (Exception e) {
            throw failure(what, e);
        }
    }

    /**
     * Writes {@code doc} only if the stored document is still at {@code version} (Solr's optimistic
     * concurrency; -1: only if there is none). False when it is not: another writer changed it first.
     */
    boolean addIfVersion(String what, SolrInputDocument doc, long version) {
        doc.setField(SolrFields.VERSION, version);
        try {
            new UpdateRequest().add(doc).process(client, address.collection());
            return true;
        } catch (Exception e) {
            if (isVersionConflict(e)) return false;
            throw failure(what, e);
        }
    }

    /** Deletes document {@code id} only if it is still at {@code version}; false when it is not. */
    boolean deleteIfVersion(String what, String id, long version) {
        try {
            new UpdateRequest().deleteById(id, version).process(client, address.collection());
            return true;
        } catch (Exception e) {
            if (isVersionConflict(e)) return false;
            throw failure(what, e);
        }
    }

    /** Solr answers 409 Conflict, through however many layers SolrJ wraps it in. */
    private static boolean isVersionConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SolrException solr && solr.code() == SolrException.ErrorCode.CONFLICT.code) return true;
        }
        return false;
    }

    ArchiveException failure(String what, Exception e) {
        return new ArchiveException("archive " + address + ": cannot " + what + ": " + Failures.rootMessage(e), e);
    }
}
