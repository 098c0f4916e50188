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

/**
 * Follows a growing file and reports when a marker has appeared a number of times. It reads each byte once, as it
 * is appended, so it costs little next to the process writing the file.
 */
final class MarkerWatch {

    private static final long POLL_NANOS = 500_000;

    private MarkerWatch() {}

    /** Waits until {@code marker} occurs {@code count} times in {@code file}; returns {@link System#nanoTime()} then. */
    static long await(Path file, String marker, int count, Duration timeout) throws IOException {
        byte[] m = marker.getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        int found = 0;
        int matched = 0; // bytes of the marker matched so far, carried across reads
        while (!Files.exists(file)) {
            checkDeadline(deadline, file, marker, found, count);
            LockSupport.parkNanos(POLL_NANOS);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (found < count) {
                buf.clear();
                int n = ch.read(buf);
                if (n <= 0) {
                    checkDeadline(deadline, file, marker, found, count);
                    LockSupport.parkNanos(POLL_NANOS);
                    continue;
                }
                byte[] a = buf.array();
                for (int i = 0; i < n; i++) {
                    // Simpler than KMP, and enough here: nothing in the log resembles a partial marker run into a real one.
                    matched = a[i] == m[matched] ? matched + 1 : a[i] == m[0] ? 1 : 0;
                    if (matched == m.length) {
                        found++;
                        matched = 0;
                    }
                }
            }
        }
        return System.nanoTime();
    }

    private static void checkDeadline(long deadline, Path file, String marker, int found, int count) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(file + " holds " + found + " of " + count + " '" + marker.strip()
                    + "' markers after the time limit");
        }
    }
}
