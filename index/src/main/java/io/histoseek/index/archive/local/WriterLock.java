package io.histoseek.index.archive.local;

import io.histoseek.index.archive.ArchiveException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * One writer per archive: an exclusive lock on {@value #FILE} in the archive folder, held with
 * {@link FileChannel#tryLock} for as long as the writer runs. The holder writes its process id,
 * command and start time into the file so a second writer can say who holds it. The operating
 * system releases the lock when the process dies, however it dies, so a crash never leaves the
 * archive locked; the file itself stays and means nothing unless locked. Readers never take it.
 * <p>
 * POSIX locks belong to the process, and closing any descriptor of the file drops them all, so
 * this process never opens the file again while it holds the lock: locks held here are listed in
 * {@link #HELD}, and a second writer in this process is refused from that list.
 */
final class WriterLock implements AutoCloseable {
    static final String FILE = "writer.lock";
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a holder may take between locking the file and writing who it is. */
    private static final Duration HOLDER_WRITE_GRACE = Duration.ofSeconds(1);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /** Lock files held by this process, with what the holder wrote in them. */
    private static final Map<Path, String> HELD = new HashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the archive in {@code folder} for {@code command}, waiting up to {@code wait}
     * for another writer to finish (or until {@code stop} says so); then refuses in one line naming the holder.
     */
    static WriterLock acquire(Path folder, String archive, String command, Duration wait, BooleanSupplier stop) {
        Path file = folder.resolve(FILE).toAbsolutePath().normalize();
        long deadline = System.nanoTime() + wait.toNanos();
        long holderDeadline = deadline + HOLDER_WRITE_GRACE.toNanos();
        try {
            while (true) {
                Attempt attempt = attempt(file, command);
                if (attempt.lock() != null) return attempt.lock();
                if (System.nanoTime() >= deadline) {
                    boolean holderUnwritten = !attempt.holder().contains("pid=");
                    if (holderUnwritten && System.nanoTime() < holderDeadline) {
                        Thread.sleep(20); // the holder has just taken the lock and is writing its name
                        continue;
                    }
                    throw new ArchiveException(holderMessage(archive, attempt.holder()));
                }
                if (stop.getAsBoolean()) throw new ArchiveException(archive + ": stopped while waiting for another writer");
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (IOException e) {
            throw new ArchiveException(file + ": cannot take the writer lock (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveException(archive + ": stopped while waiting for another writer");
        }
    }

    /** The lock, or (when another writer holds it) what that writer wrote in the file. */
    private record Attempt(WriterLock lock, String holder) {
    }

    private static Attempt attempt(Path file, String command) throws IOException {
        synchronized (HELD) {
            String heldHere = HELD.get(file);
            if (heldHere != null) return new Attempt(null, heldHere);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    String holder = contents(channel);
                    channel.close();
                    return new Attempt(null, holder);
                }
                String text = "pid=" + ProcessHandle.current().pid() + "\ncommand=" + command
                        + "\nstarted=" + Instant.now() + "\n";
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                HELD.put(file, text);
                return new Attempt(new WriterLock(file, channel, lock), null);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    private static String contents(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(4096, channel.size()));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static String holderMessage(String archive, String contents) throws IOException {
        Properties holder = new Properties();
        holder.load(new StringReader(contents));
        String pid = holder.getProperty("pid");
        if (pid == null) {
            return "archive " + archive + " is being written by another process; try again when it ends";
        }
        String started;
        try {
            started = LocalTime.ofInstant(Instant.parse(holder.getProperty("started")), ZoneId.systemDefault()).format(CLOCK);
        } catch (RuntimeException e) {
            started = "?";
        }
        return "archive " + archive + " is being written by process " + pid + " ("
                + holder.getProperty("command", "a write") + " started " + started + "); try again when it ends";
    }

    @Override
    public void close() {
        synchronized (HELD) {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // The process's locks on the file go with its last descriptor either way.
            } finally {
                HELD.remove(file);
            }
        }
    }
}
