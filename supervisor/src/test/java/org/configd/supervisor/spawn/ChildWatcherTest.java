package org.configd.supervisor.spawn;

import static org.configd.supervisor.spawn.SpawnFixture.DEADLINE;
import static org.configd.supervisor.spawn.SpawnFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.Future;

class ChildWatcherTest {

    private static final int CYCLES = 1000;
    private static final Duration RESPONSIVE = Duration.ofMillis(500);

    @Test
    void deliversTheEndOnTheEventLoopThread() throws Exception {
        try (SpawnFixture fixture = new SpawnFixture()) {
            Child child = fixture.spawner.spawn(SpawnFixture.shell("exit 3")).get();
            CompletableFuture<Thread> deliveredOn = new CompletableFuture<>();
            CompletableFuture<ProcessEnd> end = new CompletableFuture<>();

            ChildWatcher.watch(fixture.loop, child, processEnd -> {
                deliveredOn.complete(Thread.currentThread());
                end.complete(processEnd);
            });

            assertEquals(new ProcessEnd.Exited(3), end.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(fixture.loop.inEventLoop(deliveredOn.get()));
            SpawnFixture.await(() -> !openFds().contains(child.pidfd()), "the pidfd to be closed");
            SpawnFixture.release(child);
        }
    }

    @Test
    void aFailingCallbackDoesNotStallTheLoop() throws Exception {
        try (SpawnFixture fixture = new SpawnFixture()) {
            Child child = fixture.spawner.spawn(request("/bin/true")).get();
            CompletableFuture<Void> called = new CompletableFuture<>();

            ChildWatcher.watch(fixture.loop, child, end -> {
                called.complete(null);
                throw new IllegalStateException("a bug in the caller (expected by this test)");
            });

            called.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            // Netty sleeps a second after an exception escapes into its loop; a task must run long before that.
            fixture.loop.submit(() -> { }).get(RESPONSIVE.toMillis(), TimeUnit.MILLISECONDS);
            SpawnFixture.release(child);
        }
    }

    @Test
    void aLoopThatIsShutDownRefusesAndThePidfdIsClosed() throws Exception {
        try (SpawnFixture fixture = new SpawnFixture()) {
            MultiThreadIoEventLoopGroup stopped = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
            IoEventLoop loop = stopped.next();
            stopped.shutdownGracefully(0, 0, TimeUnit.SECONDS).get();
            Child child = fixture.spawner.spawn(request("/bin/true")).get();

            Future<IoRegistration> watched = ChildWatcher.watch(loop, child, end -> { });

            assertFalse(watched.await(DEADLINE.toMillis()) && watched.isSuccess());
            assertFalse(openFds().contains(child.pidfd()));
            SpawnFixture.release(child);
            fixture.watch(new Child(child.pid(), Fds.pidfdOpen(child.pid()), -1, -1)).end()
                    .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS); // reap it after all
        }
    }

    @Test
    void manySpawnExitReapCyclesLeaveDescriptorsAndThreadsAsTheyWere() throws Exception {
        runCycles(10); // loads the native libraries and classes once
        int fdsBefore = Fds.openFdCount();
        int threadsBefore = threadCount();

        long[] nanos = runCycles(CYCLES);

        // "Not more than before": a JDK or Netty helper thread that was idle at the start may have ended since.
        SpawnFixture.await(() -> Fds.openFdCount() <= fdsBefore && threadCount() <= threadsBefore,
                () -> "descriptors (" + fdsBefore + ", now " + Fds.openFdCount() + ": " + openFdTargets()
                        + ") and threads (" + threadsBefore + ", now " + Thread.getAllStackTraces().keySet() + ")");
        System.out.printf("/bin/true through %s, %d cycles: spawn call %.2f ms, spawn -> exit -> reap %.2f ms"
                + " per cycle%n", Spawner.locate(), CYCLES, nanos[1] / 1e6 / CYCLES,
                nanos[0] / 1e6 / CYCLES);
    }

    /**
     * Spawns /bin/true {@code cycles} times, one after another.
     *
     * @return the nanoseconds it took in all, and those spent until the spawns returned
     */
    private static long[] runCycles(int cycles) throws Exception {
        try (SpawnFixture fixture = new SpawnFixture()) {
            long start = System.nanoTime();
            long spawning = 0;
            for (int i = 0; i < cycles; i++) {
                long spawnStart = System.nanoTime();
                Child child = fixture.spawner.spawn(request("/bin/true")).get();
                spawning += System.nanoTime() - spawnStart;
                SpawnFixture.release(child);
                ProcessEnd end = fixture.watch(child).end().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                assertEquals(new ProcessEnd.Exited(0), end);
            }
            return new long[] {System.nanoTime() - start, spawning};
        }
    }

    private static int threadCount() {
        return Thread.getAllStackTraces().size();
    }

    private static String openFdTargets() {
        return openFds().stream().map(fd -> {
            try {
                return fd + "=" + Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
            } catch (IOException e) {
                return fd + "=?";
            }
        }).toList().toString();
    }

    private static List<Integer> openFds() {
        String[] names = new File("/proc/self/fd").list();
        return Arrays.stream(names == null ? new String[0] : names).map(Integer::valueOf).toList();
    }
}
