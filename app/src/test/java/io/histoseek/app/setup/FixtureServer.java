package io.histoseek.app.setup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 that serves one body the way the test asks: honouring Range
 * requests like S3, cutting the connection after some bytes, or ignoring ranges.
 */
final class FixtureServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private volatile byte[] body;
    private volatile String etag = "\"v1\"";
    private final List<String> rangesAsked = new CopyOnWriteArrayList<>();
    private volatile long cutAfter = -1;
    private volatile boolean honourRanges = true;

    FixtureServer(byte[] body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    URI url(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/models/" + name);
    }

    /** The next response stops after this many body bytes and drops the connection. */
    FixtureServer cutNextResponseAfter(long bytes) {
        cutAfter = bytes;
        return this;
    }

    /** The file on the server changes (a new version under the same URL). */
    FixtureServer replaceBody(byte[] newBody, String newEtag) {
        body = newBody;
        etag = newEtag;
        return this;
    }

    FixtureServer ignoreRanges() {
        honourRanges = false;
        return this;
    }

    List<String> rangesAsked() {
        return rangesAsked;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = this.body;
            String range = exchange.getRequestHeaders().getFirst("Range");
            String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
            rangesAsked.add(range == null ? "" : range);
            exchange.getResponseHeaders().set("ETag", etag);
            long start = 0;
            int status = 200;
            Matcher matcher = RANGE.matcher(range == null ? "" : range);
            boolean sameFile = ifRange == null || ifRange.equals(etag);
            if (honourRanges && sameFile && matcher.matches()) {
                start = Long.parseLong(matcher.group(1));
                if (start >= body.length) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().set("Content-Range",
                        "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
            }
            long length = body.length - start;
            exchange.sendResponseHeaders(status, length);
            long cut = cutAfter;
            cutAfter = -1;
            OutputStream out = exchange.getResponseBody();
            if (cut >= 0 && cut < length) {
                out.write(body, (int) start, (int) cut);
                out.flush();
                return; // closing the exchange short of Content-Length drops the connection
            }
            out.write(body, (int) start, (int) length);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
