package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reads what one component prints (the read end of its stdout/stderr pipe) on the log loop and logs every line as a
 * record of the unified log: lines split by {@link LineSplitter}, levels from {@link Priority} prefixes or the
 * component's default level, the lines of each read handed to the log together as one {@link ComponentLines}.
 *
 * <p>Traps this class exists to avoid:
 * <ul>
 *   <li>No line is dropped: logging blocks while the log's queue is full, and then the loop reads no more, so the
 *       component blocks on its full pipe. The log loop must therefore never be the supervision loop.</li>
 *   <li>Fairness: each wake-up reads at most {@value #READS_PER_WAKEUP} × {@value #READ_SIZE} bytes; the fd is
 *       level-triggered, so the rest is read on the next turn of the loop, after the other components had theirs.</li>
 *   <li>The output ends at EOF, not when the process exits: a grandchild may still hold the pipe.</li>
 * </ul>
 *
 * <p>All state is confined to the loop's thread. The futures complete on it too: do not block in their callbacks.
 */
public final class ComponentOutput implements EpollIoHandle {

    private static final Logger LOG = LogManager.getLogger(ComponentOutput.class);

    static final int READ_SIZE = 16 * 1024;
    static final int READS_PER_WAKEUP = 4;
    /** How many of its last lines a component's output keeps for {@link #drain()}. */
    public static final int LAST_LINES = 20;
    /**
     * {@link #drain()} reads what is in the pipe now; a grandchild that keeps printing must not keep it reading
     * forever. 1 MiB is the largest a pipe may be made without privilege (/proc/sys/fs/pipe-max-size).
     */
    private static final int DRAIN_LIMIT = 1024 * 1024;

    private final IoEventLoop loop;
    private final FileDescriptor fd;
    private final String component;
    private final int pid;
    private final Level defaultLevel;
    private final UnifiedLog log;
    private final LineSplitter splitter;
    /**
     * One read buffer per loop thread, shared by every component it serves: a read is copied out and split
     * before the next begins, and 200 components would otherwise hold 6 MiB of buffers that are idle.
     */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_SIZE));
    private static final ThreadLocal<byte[]> BYTES = ThreadLocal.withInitial(() -> new byte[READ_SIZE]);
    /** Shared the same way: the lines of one read are collected, handed over, and the builder is empty again. */
    private static final ThreadLocal<ComponentLines.Builder> LINES = ThreadLocal.withInitial(ComponentLines.Builder::new);
    private final LastLines lastLines = new LastLines(LAST_LINES);
    /** This thread's builder while a read is split (set by {@link #split} and {@link #finish}). */
    private ComponentLines.Builder batch;
    private final LineSplitter.Sink sink = this::line;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private IoRegistration registration;
    /** The level of the line whose pieces are being logged: the pieces of an overlong line share the first's level. */
    private Level lineLevel;

    private ComponentOutput(IoEventLoop loop, int fd, String component, int pid, Level defaultLevel,
            int maxLineLength, UnifiedLog log) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.fd = new FileDescriptor(fd);
        this.component = Objects.requireNonNull(component, "component");
        this.pid = pid;
        this.defaultLevel = Objects.requireNonNull(defaultLevel, "defaultLevel");
        this.log = Objects.requireNonNull(log, "log");
        this.splitter = new LineSplitter(maxLineLength);
        this.lineLevel = defaultLevel;
    }

    /**
     * Starts reading a component's output on the log loop.
     *
     * @param loop          the log loop (epoll), never the supervision loop
     * @param fd            the non-blocking read end of the component's pipe; this object closes it at EOF
     * @param component     the component's name, the source of its records
     * @param pid           the component's pid
     * @param defaultLevel  the level of a line without a priority prefix
     * @param maxLineLength a longer line (in bytes) is logged as several records
     * @param log           where the lines go
     */
    public static ComponentOutput attach(IoEventLoop loop, int fd, String component, int pid, Level defaultLevel,
            int maxLineLength, UnifiedLog log) {
        ComponentOutput output = new ComponentOutput(loop, fd, component, pid, defaultLevel, maxLineLength, log);
        loop.register(output).addListener(done -> {
            if (done.isSuccess()) {
                output.listen((IoRegistration) done.getNow());
            } else {
                output.fail(done.cause());
            }
        });
        return output;
    }

    /** Completes once the output has reached EOF (every line logged) and the pipe is closed. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /**
     * Reads and logs everything in the pipe now (until it is empty or at EOF), then completes with the component's
     * last lines, oldest first, at most {@value #LAST_LINES}: call it once the process has been reaped, so that the
     * record of its end can repeat what it printed last. A last line not yet ended by a newline is included.
     */
    public CompletableFuture<List<String>> drain() {
        if (closed.isDone() && !closed.isCompletedExceptionally()) {
            // EOF was read already and nothing changes any more (the completion publishes the final state):
            // the common case for a process that died, and it saves a trip through the log loop.
            return CompletableFuture.completedFuture(lastLines());
        }
        CompletableFuture<List<String>> lines = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                if (fd.isOpen()) {
                    read(DRAIN_LIMIT / READ_SIZE);
                }
                lines.complete(lastLines());
            });
        } catch (RejectedExecutionException e) {
            lines.completeExceptionally(e);
        }
        return lines;
    }

    @Override
    public FileDescriptor fd() {
        return fd;
    }

    /** The pipe is readable or hung up: read a bounded amount (level-triggered, so the rest comes on the next turn). */
    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        read(READS_PER_WAKEUP);
    }

    /** Called by the loop when it shuts down: logs the unfinished last line, stops reading without waiting for EOF. */
    @Override
    public void close() {
        if (fd.isOpen()) {
            finish();
            closeFd();
        }
        closed.complete(null);
    }

    /** Level-triggered EPOLLIN (no EPOLLET): what one wake-up leaves in the pipe wakes the loop again. */
    private void listen(IoRegistration registered) {
        registration = registered;
        try {
            registration.submit(EpollIoOps.EPOLLIN);
        } catch (RuntimeException e) { // e.g. the fd handed over is not open
            registration.cancel();
            fail(e);
        }
    }

    /** Reads up to {@code maxReads} times; stops early when the pipe is empty or at EOF. */
    private void read(int maxReads) {
        ByteBuffer buffer = BUFFER.get();
        byte[] bytes = BYTES.get();
        try {
            for (int i = 0; i < maxReads; i++) {
                int count = fd.read(buffer, 0, READ_SIZE);
                if (count == 0) {
                    return; // EAGAIN: nothing more for now
                }
                if (count < 0) {
                    endOfOutput();
                    return;
                }
                buffer.get(0, bytes, 0, count);
                split(bytes, count);
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the output of {} (pid {}): {}; its further output is lost.", component, pid,
                    e.getMessage());
            endOfOutput();
        }
    }

    private void split(byte[] bytes, int count) {
        batch = LINES.get();
        splitter.feed(bytes, 0, count, sink);
        handOver();
    }

    /** The output has ended: the bytes after the last line break are a line too. */
    private void finish() {
        batch = LINES.get();
        splitter.finish(sink);
        handOver();
    }

    private void line(byte[] bytes, int offset, int length, boolean continuation) {
        int start = offset;
        int end = offset + length;
        if (!continuation) {
            Level prefixed = Priority.prefixLevel(bytes, offset, length);
            lineLevel = prefixed == null ? defaultLevel : prefixed;
            start += prefixed == null ? 0 : Priority.PREFIX_LENGTH;
        }
        lastLines.add(bytes, start, end - start);
        if (log.logs(lineLevel)) {
            batch.add(lineLevel, bytes, start, end - start);
        }
    }

    private void handOver() {
        if (!batch.isEmpty()) {
            log.lines(batch.build(component, pid));
        }
    }

    private List<String> lastLines() {
        List<String> lines = lastLines.texts();
        splitter.pending((bytes, offset, length, continuation) -> {
            int prefix = Priority.prefixLevel(bytes, offset, length) == null ? 0 : Priority.PREFIX_LENGTH;
            lines.add(new String(bytes, offset + prefix, length - prefix, UTF_8));
        });
        return List.copyOf(lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size()));
    }

    private void endOfOutput() {
        finish();
        if (registration != null) {
            registration.cancel(); // before closing: the registration is removed by fd number
        }
        closeFd();
        closed.complete(null);
    }

    private void fail(Throwable cause) {
        closeFd();
        closed.completeExceptionally(cause);
    }

    private void closeFd() {
        try {
            fd.close();
        } catch (IOException e) {
            LOG.debug("Closing the output pipe of {} failed.", component, e);
        }
    }
}
