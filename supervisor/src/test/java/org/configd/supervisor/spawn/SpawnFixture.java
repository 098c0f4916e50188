package org.configd.supervisor.spawn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.FileDescriptor;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/**
 * Real processes for tests: a spawner, one epoll event loop that reaps, and helpers to read what a child wrote.
 */
final class SpawnFixture implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final long TICK = Duration.ofMillis(1).toNanos();
    static final Map<String, String> PLAIN_ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin");

    final Spawner spawner;
    final MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    final IoEventLoop loop = loops.next();
    private final Thread loopThread;

    SpawnFixture() {
        this(new Spawner());
    }

    SpawnFixture(Spawner spawner) {
        this.spawner = spawner;
        try {
            loopThread = loop.submit(Thread::currentThread).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A started child, being watched; the test closes its descriptors with {@link #release}. */
    record Run(Child child, CompletableFuture<ProcessEnd> end) {
    }

    static SpawnRequest request(String... command) {
        return new SpawnRequest("test", List.of(command), PLAIN_ENVIRONMENT, Path.of("/"), Optional.empty(), true);
    }

    static SpawnRequest shell(String script) {
        return request("/bin/sh", "-c", script);
    }

    Run start(SpawnRequest request) throws Exception {
        Child child = spawner.spawn(request).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        return watch(child);
    }

    Run watch(Child child) {
        CompletableFuture<ProcessEnd> end = new CompletableFuture<>();
        ChildWatcher.watch(loop, child, end::complete);
        return new Run(child, end);
    }

    /** What a test does with a started child. */
    interface RunCheck {
        void check(Run run) throws Exception;
    }

    /** Starts {@code request}, lets {@code check} look at it, and closes its descriptors in any case. */
    void use(SpawnRequest request, RunCheck check) throws Exception {
        Run run = start(request);
        try {
            check.check(run);
        } finally {
            release(run.child());
        }
    }

    /** Runs {@code request} to its end; returns everything it wrote to stdout and stderr. */
    String outputOf(SpawnRequest request) throws Exception {
        StringBuilder output = new StringBuilder();
        use(request, run -> {
            output.append(readToEnd(run.child().outputFd()));
            end(run);
        });
        return output.toString();
    }

    static ProcessEnd end(Run run) throws Exception {
        return run.end().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    static void release(Child child) {
        Fds.close(child.channelFd());
        Fds.close(child.outputFd());
    }

    /** Reads a non-blocking descriptor until end of file. */
    static String readToEnd(int fd) throws IOException {
        FileDescriptor descriptor = new FileDescriptor(fd);
        ByteBuffer buffer = ByteBuffer.allocateDirect(8192);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (;;) {
            buffer.clear();
            int read = descriptor.read(buffer, 0, buffer.capacity());
            if (read < 0) {
                return all.toString(StandardCharsets.UTF_8);
            }
            if (read == 0) {
                awaitTick(deadline, "end of file on fd " + fd);
                continue;
            }
            byte[] bytes = new byte[read];
            buffer.get(0, bytes);
            all.write(bytes, 0, read);
        }
    }

    /** Reads a non-blocking descriptor until {@code wanted} bytes or end of file. */
    static String readAtLeast(int fd, int wanted) throws IOException {
        FileDescriptor descriptor = new FileDescriptor(fd);
        ByteBuffer buffer = ByteBuffer.allocateDirect(wanted);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (buffer.position() < wanted) {
            int read = descriptor.read(buffer, buffer.position(), buffer.capacity());
            if (read < 0) {
                break;
            }
            if (read == 0) {
                awaitTick(deadline, wanted + " bytes on fd " + fd);
            }
            buffer.position(buffer.position() + Math.max(read, 0));
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void write(int fd, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocateDirect(text.length() * 4);
        bytes.put(text.getBytes(StandardCharsets.UTF_8)).flip();
        new FileDescriptor(fd).write(bytes, 0, bytes.limit());
    }

    /** Waits until {@code condition} holds, or fails naming {@code what} after the deadline. */
    static void await(BooleanSupplier condition, String what) {
        await(condition, () -> what);
    }

    /** Waits until {@code condition} holds, or fails with {@code what} (evaluated then) after the deadline. */
    static void await(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            LockSupport.parkNanos(TICK);
        }
    }

    private static void awaitTick(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new AssertionError("timed out waiting for " + what);
        }
        LockSupport.parkNanos(TICK);
    }

    static boolean runningAsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        spawner.close();
        try {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            loopThread.join(DEADLINE.toMillis()); // termination is announced just before the thread ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the event loop", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the event loop did not stop", e);
        }
    }

    /** Runs {@code call}, which must throw an {@link ExecutionException} (a future's failure); returns it. */
    static ExecutionException assertThrowsExecution(Executable call) {
        return Assertions.assertThrows(ExecutionException.class, call);
    }
}
