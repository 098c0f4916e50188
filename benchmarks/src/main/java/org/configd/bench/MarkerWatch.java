package org.configd.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Follows a growing file and reports when a marker has appeared a number of times. It reads each byte once, as it
 * is appended, so it costs little next to the process writing the file. Not thread-safe.
 */
final class MarkerWatch implements AutoCloseable {

    private static final long POLL_NANOS = 500_000;

    private final Path file;
    private final byte[] marker;
    /** Added to a timeout's message: what may say why the marker did not come (the supervisor's console). */
    private final Supplier<String> context;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    private FileChannel channel;
    private int found;
    private int matched; // bytes of the marker matched so far, carried across reads

    MarkerWatch(Path file, String marker) {
        this(file, marker, () -> "");
    }

    MarkerWatch(Path file, String marker, Supplier<String> context) {
        this.file = file;
        this.marker = marker.getBytes(StandardCharsets.UTF_8);
        this.context = context;
    }

    /**
     * Waits until the marker has occurred {@code count} times since the file began; returns
     * {@link System#nanoTime()} then.
     */
    long await(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (channel == null) {
            if (Files.exists(file)) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } else {
                pause(deadline, count);
            }
        }
        while (found < count) {
            buf.clear();
            int n = channel.read(buf);
            if (n <= 0) {
                pause(deadline, count);
                continue;
            }
            byte[] a = buf.array();
            for (int i = 0; i < n; i++) {
                // Simpler than KMP, and enough here: nothing in the log resembles a partial marker run into a real one.
                matched = a[i] == marker[matched] ? matched + 1 : a[i] == marker[0] ? 1 : 0;
                if (matched == marker.length) {
                    found++;
                    matched = 0;
                }
            }
        }
        return System.nanoTime();
    }

    private void pause(long deadline, int count) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(file + " holds " + found + " of " + count + " '"
                    + new String(marker, StandardCharsets.UTF_8).strip() + "' markers after the time limit"
                    + context.get());
        }
        LockSupport.parkNanos(POLL_NANOS);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
