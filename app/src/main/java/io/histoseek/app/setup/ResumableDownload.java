package io.histoseek.app.setup;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a URL into a partial file, continuing from what an earlier, interrupted try left there
 * (HTTP Range). The partial file is only ever appended to; the caller renames it when complete.
 */
public final class ResumableDownload {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");

    private final HttpClient client;

    public ResumableDownload(HttpClient client) {
        this.client = client;
    }

    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Makes {@code part} hold the whole body of {@code url}.
     *
     * @return the size of the complete file
     * @throws IOException one line naming the URL and the problem; what arrived stays in
     *                     {@code part}, so running again resumes
     */
    public long fetch(URI url, Path part, DownloadListener progress) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        Path validatorFile = validatorFile(part);
        String validator = have > 0 && Files.exists(validatorFile) ? Files.readString(validatorFile).strip() : "";
        HttpResponse<InputStream> response = send(url, have, validator);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 416 && have > 0) {
                long total = unsatisfiedRangeTotal(response);
                if (total == have) {
                    Files.deleteIfExists(validatorFile);
                    return have; // an earlier try got everything but stopped before the rename
                }
                // the part file is longer than the file on the server: it cannot be resumed
                Files.delete(part);
                Files.deleteIfExists(validatorFile);
                body.close();
                return fetch(url, part, progress);
            }
            long offset;
            long total;
            if (status == 206) {
                Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!range.matches() || Long.parseLong(range.group(1)) != have) {
                    throw new IOException(url + ": the server resumed at the wrong place ("
                            + response.headers().firstValue("Content-Range").orElse("no Content-Range") + ")");
                }
                offset = have;
                total = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
            } else if (status == 200) {
                offset = 0; // no range support, or the file changed: start over
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            } else {
                throw new IOException(url + ": the server answered HTTP " + status);
            }
            checkFreeSpace(part, total - offset);
            rememberValidator(response, validatorFile);
            long size = copy(url, body, part, offset, total, progress);
            Files.deleteIfExists(validatorFile);
            return size;
        }
    }

    /** Where the server's ETag (or Last-Modified) for a partial file is kept between tries. */
    static Path validatorFile(Path part) {
        return part.resolveSibling(part.getFileName() + ".etag");
    }

    // With If-Range the server sends the rest only if the file is still the same one, else all of it.
    private static void rememberValidator(HttpResponse<?> response, Path validatorFile) throws IOException {
        var headers = response.headers();
        String validator = headers.firstValue("ETag").filter(tag -> !tag.startsWith("W/"))
                .or(() -> headers.firstValue("Last-Modified")).orElse("");
        if (validator.isEmpty()) {
            Files.deleteIfExists(validatorFile);
        } else {
            Files.writeString(validatorFile, validator);
        }
    }

    private HttpResponse<InputStream> send(URI url, long have, String validator) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
            if (!validator.isEmpty()) {
                request.header("If-Range", validator);
            }
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": download interrupted", e);
        } catch (IOException e) {
            throw new IOException(url + ": cannot connect (" + describe(e) + ")", e);
        }
    }

    private static long copy(URI url, InputStream body, Path part, long offset, long total,
                             DownloadListener progress) throws IOException {
        long done = offset;
        progress.started(offset, total);
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(offset);
            out.position(offset);
            byte[] buffer = new byte[1 << 20];
            int read;
            while (true) {
                try {
                    read = body.read(buffer);
                } catch (IOException e) {
                    progress.abandoned();
                    throw new IOException(url + ": connection lost after " + DownloadProgress.bytes(done)
                            + (total > 0 ? " of " + DownloadProgress.bytes(total) : "")
                            + "; run the same command again to resume", e);
                }
                if (read < 0) {
                    break;
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                done += read;
                progress.progressed(done, total);
            }
            out.force(true);
        }
        if (total >= 0 && done != total) {
            progress.abandoned();
            throw new IOException(url + ": the server sent " + done + " of " + total
                    + " bytes; run the same command again to resume");
        }
        progress.finished(done, total);
        return done;
    }

    private static long unsatisfiedRangeTotal(HttpResponse<?> response) {
        Matcher range = UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        return range.matches() ? Long.parseLong(range.group(1)) : -1;
    }

    private static void checkFreeSpace(Path part, long needed) throws IOException {
        Path folder = part.toAbsolutePath().getParent();
        long free = Files.getFileStore(folder).getUsableSpace();
        if (needed > 0 && free < needed) {
            throw new IOException(folder + ": needs " + DownloadProgress.bytes(needed) + " free, has "
                    + DownloadProgress.bytes(free));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
