package io.histoseek.index.archive.local;

import io.histoseek.index.archive.ArchiveBusyException;
import io.histoseek.index.archive.ArchiveException;
import io.histoseek.index.archive.ArchiveWriterInfo;
import io.histoseek.index.archive.WriterOptions;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One writer per archive: an exclusive lock on {@value #FILE} in the archive folder, held with
 * {@link FileChannel#tryLock} for as long as the writer runs. The holder writes its process id,
 * command and start time into the file so a second writer can say who holds it. The operating
 * system releases the lock when the process dies, however it dies, so a crash never leaves the
 * archive locked; the file itself stays and means nothing unless locked (a writer that ends empties
 * it). Readers never take it: {@link #holder} reads the name and checks that its process lives.
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
    static final String STOPPED = "stopped while waiting for another writer";

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
     * Takes the lock of the archive in {@code folder} for {@code options.command()}, waiting up to
     * {@code options.lockWait()} for another writer to finish (telling {@code options.progress()} who it
     * waits for, or giving up when {@code options.stop()} says so); then refuses in one line naming the holder.
     */
    static WriterLock acquire(Path folder, String archive, WriterOptions options) {
        Path file = folder.resolve(FILE).toAbsolutePath().normalize();
        long deadline = System.nanoTime() + options.lockWait().toNanos();
        long holderDeadline = deadline + HOLDER_WRITE_GRACE.toNanos();
        boolean toldWaiting = false;
        try {
            while (true) {
                Attempt attempt = attempt(file, options.command());
                if (attempt.lock() != null) return attempt.lock();
                Optional<ArchiveWriterInfo> holder = parse(attempt.holder());
                if (System.nanoTime() >= deadline) {
                    if (holder.isEmpty() && System.nanoTime() < holderDeadline) {
                        Thread.sleep(20); // the holder has just taken the lock and is writing its name
                        continue;
                    }
                    throw new ArchiveBusyException(holder
                            .map(who -> "archive " + archive + " is being written by " + who.describe() + "; try again when it ends")
                            .orElse("archive " + archive + " is being written by another process; try again when it ends"),
                            holder.orElse(null));
                }
                if (options.stop().getAsBoolean()) throw new ArchiveException(archive + ": " + STOPPED);
                if (!toldWaiting && holder.isPresent()) {
                    options.progress().waitingForWriter(holder.get());
                    toldWaiting = true;
                }
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (IOException e) {
            throw new ArchiveException(file + ": cannot take the writer lock (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveException(archive + ": " + STOPPED);
        }
    }

    /**
     * Who holds the lock of the archive in {@code folder} now, without taking it (a reader must never
     * make a writer fail): what the holder wrote, if that process is alive and started before it wrote
     * it (so a recycled process id does not count). Empty when nobody writes or the holder is unknown.
     */
    static Optional<ArchiveWriterInfo> holder(Path folder) {
        Path file = folder.resolve(FILE).toAbsolutePath().normalize();
        synchronized (HELD) {
            String heldHere = HELD.get(file);
            if (heldHere != null) return parse(heldHere);
            if (!Files.isRegularFile(file)) return Optional.empty();
            try {
                return parse(Files.readString(file, StandardCharsets.UTF_8)).filter(WriterLock::alive);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    private static boolean alive(ArchiveWriterInfo holder) {
        return ProcessHandle.of(holder.pid()).filter(ProcessHandle::isAlive).map(process -> {
            Optional<Instant> processStart = process.info().startInstant();
            return holder.started().isEmpty() || processStart.isEmpty()
                    || !processStart.get().isAfter(holder.started().get().plusSeconds(1));
        }).orElse(false);
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

    private static Optional<ArchiveWriterInfo> parse(String contents) {
        Properties written = new Properties();
        try {
            written.load(new StringReader(contents));
            Optional<Instant> started;
            try {
                started = Optional.ofNullable(written.getProperty("started")).map(Instant::parse);
            } catch (RuntimeException e) {
                started = Optional.empty();
            }
            String pid = written.getProperty("pid");
            return pid == null ? Optional.empty()
                    : Optional.of(new ArchiveWriterInfo(Long.parseLong(pid.trim()), written.getProperty("command", "a write"), started));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            try {
                channel.truncate(0); // nobody writes now, even while this process lives on (the GUI)
            } catch (IOException ignored) {
                // The name stays: readers take this live process for a writer until it ends; the lock still goes.
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // Closing the channel below drops the process's locks on the file either way.
            } finally {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Nothing left to release.
                }
                HELD.remove(file);
            }
        }
    }
}
