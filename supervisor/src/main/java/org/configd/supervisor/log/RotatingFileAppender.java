package org.configd.supervisor.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.ByteBufferDestination;
import org.apache.logging.log4j.core.layout.ByteBufferDestinationHelper;
import org.configd.supervisor.config.LogSettings;

/**
 * The unified log's file: records are encoded straight into a 64 KiB buffer, which is written when it is full and at
 * the end of each batch the asynchronous appender hands over. Rotation by size: when the file has grown past
 * {@code rotate.size}, {@code file.1} … are shifted up (the oldest beyond {@code rotate.keep} deleted), the file
 * becomes {@code file.1} and a new one is begun; with {@code compress}, {@code file.1} is gzipped to
 * {@code file.1.gz} on a thread of its own, so a rotation does not hold the log up for the seconds it takes.
 *
 * <p>Log4j2's RollingFileAppender did this before, with its managers, file-name pattern parser and rollover actions:
 * opening the unified log took 80-100 ms in a fresh JVM with it and 25-45 ms with this class (same configuration
 * otherwise; see benchmarks/README.md, start-up), on the path to configd answering on its sockets.
 *
 * <p>Called by the writer thread of the asynchronous appender; synchronized for the rare call from elsewhere (stop).
 * Problems are reported through {@code error(String)}, which only reports: Log4j2's handler turns a reported
 * exception into one thrown at the caller, and the record being written would be lost with it.
 */
final class RotatingFileAppender extends AbstractAppender implements ByteBufferDestination {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path file;
    private final long rotateSize;
    private final int keep;
    private final boolean compress;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    private FileChannel channel;
    /** Bytes in the file, not counting the buffer. */
    private long written;
    /** The size past which the file is rotated: {@code rotate.size}, or further on after a rotation failed. */
    private long rotateAt;
    /** The gzip of the newest rotated file, while it runs; the next rotation waits for it. */
    private CompletableFuture<Void> compression = CompletableFuture.completedFuture(null);

    RotatingFileAppender(String name, RecordLayout layout, LogSettings settings) throws IOException {
        super(name, null, layout, false, Property.EMPTY_ARRAY);
        this.file = settings.file().toAbsolutePath();
        this.rotateSize = settings.rotateSize();
        this.keep = settings.rotateKeep();
        this.compress = settings.compress();
        this.rotateAt = rotateSize;
        open();
    }

    @Override
    public synchronized void append(LogEvent event) {
        if (channel == null && !reopened()) {
            return;
        }
        if (written + buffer.position() > rotateAt) {
            rotate();
            if (channel == null) {
                return;
            }
        }
        getLayout().encode(event, this);
        if (event.isEndOfBatch()) {
            flush();
        }
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        synchronized (this) {
            flush();
            closeChannel();
        }
        compression.join();
        setStopped();
        return true;
    }

    // ByteBufferDestination: the layout encodes into the buffer and calls drain when it is full.

    @Override
    public ByteBuffer getByteBuffer() {
        return buffer;
    }

    @Override
    public ByteBuffer drain(ByteBuffer full) {
        flush();
        return buffer;
    }

    @Override
    public void writeBytes(ByteBuffer data) {
        ByteBufferDestinationHelper.writeToUnsynchronized(data, this);
    }

    @Override
    public void writeBytes(byte[] data, int offset, int length) {
        ByteBufferDestinationHelper.writeToUnsynchronized(data, offset, length, this);
    }

    /** After a rotation could not open the new file (reported then): tries again, quietly, record by record. */
    private boolean reopened() {
        if (!isStarted()) {
            return false;
        }
        try {
            open();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void open() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        written = channel.size();
        if (rotateAt == Long.MAX_VALUE) {
            rotateAt = written + rotateSize; // a rotation failed: not again at every record
        }
    }

    /** Writes the buffer to the file. A failing disk loses the buffer's records, with a status message, not the log. */
    private void flush() {
        buffer.flip();
        try {
            while (buffer.hasRemaining() && channel != null) {
                written += channel.write(buffer);
            }
        } catch (IOException e) {
            error("Cannot write the log file " + file + ": " + reason(e));
        } finally {
            buffer.clear();
        }
    }

    private void rotate() {
        flush();
        closeChannel();
        compression.join();
        rotateAt = rotateSize;
        try {
            for (int i = keep; i >= 1; i--) {
                for (String suffix : new String[] {"", ".gz"}) {
                    Path older = rotated(i, suffix);
                    if (i == keep) {
                        Files.deleteIfExists(older);
                    } else if (Files.exists(older)) {
                        Files.move(older, rotated(i + 1, suffix), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Path newest = rotated(1, "");
            Files.move(file, newest, StandardCopyOption.REPLACE_EXISTING);
            if (compress) {
                compression = CompletableFuture.runAsync(() -> gzip(newest),
                        task -> daemonThread(task, "configd-log-compress").start());
            }
        } catch (IOException e) {
            error("Cannot rotate the log file " + file + ": " + reason(e) + "; writing on in the same file, "
                    + "trying again when it has grown by another rotate.size.");
            rotateAt = Long.MAX_VALUE; // set once the file is open again, from its size
        }
        try {
            open();
        } catch (IOException e) {
            error("Cannot open the log file " + file + " after rotating it: " + reason(e)
                    + "; records are lost until it can be opened again.");
        }
    }

    private Path rotated(int index, String suffix) {
        return file.resolveSibling(file.getFileName() + "." + index + suffix);
    }

    /** {@code file.1} to {@code file.1.gz}, through a temporary name so that a half-written archive never looks done. */
    private void gzip(Path source) {
        Path target = source.resolveSibling(source.getFileName() + ".gz");
        Path partial = source.resolveSibling(source.getFileName() + ".gz.part");
        try {
            try (InputStream in = Files.newInputStream(source);
                    OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), BUFFER_SIZE)) {
                in.transferTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(source);
        } catch (IOException e) {
            error("Cannot compress the rotated log file " + source + ": " + reason(e) + "; it is kept as it is.");
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the message above already names the problem
            }
        }
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            error("Cannot close the log file " + file + ": " + reason(e));
        }
        channel = null;
    }

    /** Why it failed, naming the file: it may be a rotated one rather than the log itself. */
    private static String reason(IOException e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
        return file + UnifiedLog.reason(e);
    }

    private static Thread daemonThread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
