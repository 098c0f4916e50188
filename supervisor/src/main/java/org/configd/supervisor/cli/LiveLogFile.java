package org.configd.supervisor.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The live file of the unified log, read as it grows, like {@code tail -F}: each {@link #readLines} hands on the
 * complete lines appended since the last one. When the log is rotated (the file renamed away and a new one made
 * under the name) the rest of the old file is read first, then the new one from its start; a file truncated in
 * place is read again from its start (noticed when it is shorter than what was read of it).
 *
 * <p>Trap: the writer may have flushed half a line; it is held back until its line feed arrives (or, once the
 * file has been rotated away, handed on as it is: it will not grow any more). A rotation that happens twice
 * between two reads loses the file in the middle, as with {@code tail -F}. Not thread-safe.
 */
final class LiveLogFile implements AutoCloseable {

    private final Path path;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private FileChannel channel;
    private Object fileKey;

    /** Opens the file when it exists; otherwise the first {@link #readLines} that finds it does. */
    LiveLogFile(Path path) throws IOException {
        this.path = path;
        open();
    }

    /** Whether a file is open (the log exists). */
    boolean exists() {
        return channel != null;
    }

    /**
     * Hands every complete line appended since the last call to {@code lines}, without its line ending, following
     * a rotation or truncation.
     *
     * @return whether any line was handed on
     */
    boolean readLines(Consumer<String> lines) throws IOException {
        boolean any = false;
        while (true) {
            if (channel == null && !open()) {
                return any;
            }
            any |= drain(lines);
            Object current = keyOf(path);
            if (current == null) {
                return any; // renamed away; the new file has not been made yet
            }
            if (!current.equals(fileKey)) {
                any |= drain(lines); // what was written between the last read and the rename
                any |= flushPartial(lines);
                close();
                continue;
            }
            if (channel.size() < channel.position()) {
                channel.position(0);
                partial.reset();
                continue;
            }
            return any;
        }
    }

    private boolean open() throws IOException {
        while (true) {
            Object before = keyOf(path);
            if (before == null) {
                return false;
            }
            FileChannel opened;
            try {
                opened = FileChannel.open(path);
            } catch (NoSuchFileException e) {
                continue;
            }
            // The key must be the key of the file opened: a rotation between the two looks would mix them up.
            if (before.equals(keyOf(path))) {
                channel = opened;
                fileKey = before;
                return true;
            }
            opened.close();
        }
    }

    private boolean drain(Consumer<String> lines) throws IOException {
        boolean any = false;
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n <= 0) {
                return any;
            }
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    lines.accept(line(bytes, start, i));
                    any = true;
                    start = i + 1;
                }
            }
            partial.write(bytes, start, n - start);
        }
    }

    /** The held-back bytes and {@code bytes[from, to)} as one line. */
    private String line(byte[] bytes, int from, int to) {
        if (partial.size() == 0) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        partial.write(bytes, from, to - from);
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return line;
    }

    private boolean flushPartial(Consumer<String> lines) {
        if (partial.size() == 0) {
            return false;
        }
        lines.accept(partial.toString(StandardCharsets.UTF_8));
        partial.reset();
        return true;
    }

    private static Object keyOf(Path path) throws IOException {
        try {
            return Objects.requireNonNull(Files.readAttributes(path, BasicFileAttributes.class).fileKey());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            fileKey = null;
        }
        partial.reset();
    }
}
