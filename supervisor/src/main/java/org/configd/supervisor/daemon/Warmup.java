package org.configd.supervisor.daemon;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.configd.protocol.MessageCodec;
import org.configd.supervisor.config.ComponentSpec;
import org.configd.supervisor.config.LoadedConfig;
import org.configd.supervisor.config.Readiness;
import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.lifecycle.Launcher;
import org.configd.supervisor.lifecycle.RestartSchedule;
import org.configd.supervisor.lifecycle.Supervision;
import org.configd.supervisor.lifecycle.Supervisor;
import org.configd.supervisor.lifecycle.Timers;
import org.configd.supervisor.spawn.AccountDb;
import org.configd.supervisor.spawn.LibC;
import org.configd.supervisor.spawn.PosixException;
import org.configd.supervisor.spawn.ProcessEnd;
import org.configd.supervisor.spawn.ProcessSignals;
import org.configd.supervisor.spawn.RunAs;

/**
 * Start-up in parallel: most of configd's start is class loading and static initialisation (Log4j2's plugin
 * registry alone takes about half a second cold), and little of it depends on the configuration. While the
 * main thread reads the configuration, threads of their own initialise logging, jnr's bindings of libc, and
 * Netty's epoll transport with the JSON codec. Nothing here keeps state of its own: each library caches what
 * it initialised, and the main thread simply finds it done (or waits on the class-initialisation lock).
 */
final class Warmup {

    private Warmup() {}

    static void begin() {
        start("configd-warmup-log", () -> {
            LogManager.getContext(false);
            PhaseTrace.mark(System.err, "warm-up: logging initialised");
        });
        // Netty logs through Log4j2, so its first class waits for the thread above; jnr does not, and binding libc
        // takes 0.3-0.5 s of its own: on a thread of its own it runs meanwhile.
        start("configd-warmup-jnr", () -> {
            load(LibC.class);
            firstKill();
            PhaseTrace.mark(System.err, "warm-up: libc bound (jnr)");
        });
        start("configd-warmup-netty", () -> {
            Epoll.ensureAvailability();
            EpollIoHandler.newFactory();
            load(MultiThreadIoEventLoopGroup.class, EpollDomainSocketChannel.class,
                    EpollServerDomainSocketChannel.class);
            MessageCodec.rehearse();
            PhaseTrace.mark(System.err, "warm-up: epoll and codec loaded");
        });
        start("configd-warmup-supervision", Warmup::rehearseSupervision);
    }

    /**
     * Looks the first component's user up, and its groups, when the configuration names one: the first lookup in a
     * fresh JVM takes ~60 ms (the classes, binding the {@code _r} calls, the C library loading its NSS modules) and
     * would otherwise be paid on the spawner thread, ahead of every start behind it. The answer is not kept.
     */
    static void accounts(LoadedConfig config) {
        Optional<String> user = config.components().values().stream().map(ComponentSpec::user)
                .flatMap(Optional::stream).findFirst();
        if (user.isPresent()) {
            start("configd-warmup-accounts", () -> {
                try {
                    if (LibC.INSTANCE.geteuid() == 0) { // only root switches users
                        AccountDb.user(user.get()).ifPresent(u -> RunAs.withGroupsOf(u.uid(), u.gid(), u.name()));
                    }
                } catch (PosixException e) {
                    // the spawn looks again and reports it
                }
            });
        }
    }

    /**
     * One component's life on a throwaway supervisor with pretend hands: start, a restart after exit 0, a stop
     * as in a shutdown. The real supervisor's first shutdown then finds the state machine's classes loaded and
     * linked (cold, the SIGTERMs to 50 components took 17 ms, one step up to 6 ms).
     *
     * @return whether the rehearsal went the whole way: two launches, a SIGTERM, and the shutdown completed
     */
    static boolean rehearseSupervision() {
        ArrayDeque<Runnable> loop = new ArrayDeque<>();
        long[] launch = new long[1];
        int[] launches = new int[1];
        int[] terms = new int[1];
        Launcher hands = new Launcher() {
            @Override
            public void launch(String name, long value) {
                launch[0] = value;
                launches[0]++;
            }

            @Override
            public void signalGroup(int pid, int signal) {
                terms[0] += signal == 15 ? 1 : 0;
            }

            @Override
            public void signalProcess(int pid, int signal) {
                terms[0] += signal == 15 ? 1 : 0;
            }

            @Override
            public void sendReload(String name, long generation) {
            }
        };
        Timers timers = new Timers() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return () -> { };
            }
        };
        Supervisor s = new Supervisor(loop::add, hands, timers, report -> report.message());
        String name = "warmup";
        s.reconfigure(1, RestartSchedule.DEFAULT, Map.of(name, new Supervision(StartMode.ALWAYS, Readiness.NONE,
                Duration.ofSeconds(1), Duration.ofSeconds(1))), Set.of(), Set.of(), false);
        run(loop);
        s.spawned(name, launch[0], 1);
        s.ended(name, launch[0], new ProcessEnd.Exited(0), List.of("last line"));
        run(loop);
        s.spawned(name, launch[0], 2);
        java.util.concurrent.CompletableFuture<Void> stopped = s.shutdown();
        run(loop);
        s.ended(name, launch[0], new ProcessEnd.Killed(15, false), List.of());
        run(loop);
        return launches[0] == 2 && terms[0] >= 1 && stopped.isDone() && !stopped.isCompletedExceptionally();
    }

    private static void run(ArrayDeque<Runnable> loop) {
        for (Runnable task = loop.poll(); task != null; task = loop.poll()) {
            task.run();
        }
    }

    /** Signal 0 to itself: the first kill(2) through jnr costs ~15 ms, better now than amid a shutdown. */
    private static void firstKill() {
        try {
            ProcessSignals.signalProcess((int) ProcessHandle.current().pid(), 0);
        } catch (java.io.IOException e) {
            // kill(self, 0) cannot fail; if it did, the real kill reports it.
        }
    }

    private static void load(Class<?>... classes) {
        for (Class<?> c : classes) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void start(String name, Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                // The main thread meets the same problem and reports it; a warm-up never fails on its own.
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
