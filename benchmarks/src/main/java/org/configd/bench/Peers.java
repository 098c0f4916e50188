package org.configd.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.configd.bench.Stamps.Stamp;
import org.configd.supervisor.spawn.ProcessSignals;
import org.configd.supervisor.spawn.SignalNames;

/**
 * Issue 6's yardsticks measured here, in the same minutes as configd: runit and s6 (Debian's packages, when
 * installed) supervise the same bench-component, and configd is measured the same way beside them, by turns. The
 * issue's figures for them were taken on this machine at another hour, and this VM's speed drifts by a third
 * within minutes: only a comparison made by turns says where configd stands, and each comparison also gives
 * configd's figure divided by the peer's in the same turn.
 *
 * <p>runit and s6 restart a service at most once a second (one that ran for less waits out the second; s6 counts
 * from the service's readiness, which bench-component notifies), so every restart here comes after 1.1 s of
 * running, for configd too. A stop is each supervisor's quickest way to take every service down
 * ({@link PeerTree#stop()}) until the last process of the tree is gone; configd's, SIGTERM until its exit, which
 * waits for the same.
 */
final class Peers implements Scenario {

    static final String NAME = "peers";
    /** Longer than the second runit and s6 hold back the restart of a service that ran for less. */
    private static final long UP_MS = 1100;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * Before a stop, the fleet has started and everyone has gone idle; and it is more than runsv's second: runsv
     * sleeps a second after a service that ran for less, even when it was told to take the service down.
     */
    private static final long SETTLE_NANOS = UP_MS * 1_000_000;
    private static final double KIB_PER_MIB = 1024;
    private static final int SIGUSR2 = SignalNames.number("USR2").orElseThrow();

    /**
     * One supervisor under comparison.
     *
     * @param kind    the peer, or null for configd
     * @param scanner the peer's scanning program, or null for configd
     */
    record Who(PeerTree.Kind kind, Path scanner) {

        static final Who CONFIGD = new Who(null, null);

        boolean isConfigd() {
            return kind == null;
        }

        String label() {
            return isConfigd() ? "configd" : kind.label;
        }
    }

    /** How a service dies in a restart's turn: returns the moment of its death. */
    @FunctionalInterface
    private interface Death {
        long of(Stamps stamps, Stamp up) throws Exception;
    }

    /** One measurement of one supervisor. */
    @FunctionalInterface
    private interface Measurement {
        double of(Who who) throws Exception;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Only when named: it needs runit and s6 installed, and takes ~6 minutes. */
    @Override
    public boolean byDefault() {
        return false;
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        List<Who> everyone = new ArrayList<>(List.of(Who.CONFIGD));
        for (PeerTree.Kind kind : PeerTree.Kind.values()) {
            kind.installed().ifPresent(p -> everyone.add(new Who(kind, p)));
        }
        if (everyone.size() == 1) {
            System.err.println("bench: peers: neither runit nor s6 is installed, so there is nothing to compare"
                    + " configd with; install them (apt-get install runit s6) and run again");
            return List.of();
        }
        int warmup = ctx.options().pick(1, 2);
        int samples = ctx.options().pick(2, 20);
        int start = ctx.options().pick(10, 200);
        int stop = ctx.options().pick(10, 50);
        List<Figure> figures = new ArrayList<>();
        figures.addAll(restarts(ctx, everyone, warmup, samples));
        figures.addAll(byTurns(ctx, everyone, "start " + start + " services", "ms", w -> coldStart(ctx, w, start),
                "launch to the last service's first stamp"));
        figures.addAll(byTurns(ctx, everyone, "stop " + stop + " services", "ms", w -> stop(ctx, w, stop),
                "the stop's first step to the last process of the tree gone"));
        figures.addAll(memory(ctx, everyone, start));
        figures.addAll(PeerLog.figures(ctx, everyone, ctx.options().pick(2_000, 200_000)));
        figures.addAll(statusQueries(ctx, everyone, ctx.options().pick(1, 3), ctx.options().pick(3, 30)));
        return figures;
    }

    /** Runs {@code m} for everyone by turns, {@code --runs} times (3 by default), and makes one figure each. */
    private List<Figure> byTurns(Context ctx, List<Who> everyone, String what, String unit, Measurement m,
            String note) throws Exception {
        Map<Who, List<Double>> samples = new LinkedHashMap<>();
        for (int run = 0; run < ctx.options().repeat(3); run++) {
            for (Who who : everyone) {
                samples.computeIfAbsent(who, k -> new ArrayList<>()).add(m.of(who));
            }
        }
        return figuresOf(what, unit, samples, note);
    }

    /**
     * Restarts by turns: each supervisor runs one service, and every round kills each one's service with SIGKILL
     * in turn, then has each one's service exit 0 in turn (on SIGUSR2; it stamps its exit just before), each time
     * once the service has been up for {@link #UP_MS} and waiting for its restart before the next supervisor's turn.
     * So the three are measured within the same second, again and again, on a VM whose speed drifts.
     */
    private List<Figure> restarts(Context ctx, List<Who> everyone, int warmup, int samples) throws Exception {
        Map<Who, List<Double>> afterKill = new LinkedHashMap<>();
        Map<Who, List<Double>> afterExit = new LinkedHashMap<>();
        List<Bed> beds = new ArrayList<>();
        List<Supervision> running = new ArrayList<>();
        try {
            List<Stamp> up = new ArrayList<>();
            for (Who who : everyone) {
                Bed bed = Bed.create(ctx, "peer-restart");
                beds.add(bed);
                // A crash waits out restart.initial-delay, 100 ms by default: policy, which runit and s6 do not have.
                running.add(pausing(ctx, who, bed, 1,
                        "restart { initial-delay = 1us, max-delay = 1us, reset-after = 1s }"));
                up.add(bed.stamps().next(Stamps.event("start"), TIMEOUT, who.label() + "'s first start"));
            }
            for (int round = 0; round < warmup + samples; round++) {
                Map<Who, List<Double>> kills = round < warmup ? new LinkedHashMap<>() : afterKill;
                Map<Who, List<Double>> exits = round < warmup ? new LinkedHashMap<>() : afterExit;
                takeTurns(everyone, beds, up, kills, (stamps, s) -> {
                    long killedAt = System.nanoTime();
                    ProcessSignals.signalProcess(s.pid(), SignalNames.SIGKILL);
                    return killedAt;
                });
                takeTurns(everyone, beds, up, exits, (stamps, s) -> {
                    ProcessSignals.signalProcess(s.pid(), SIGUSR2);
                    return stamps.next(Stamps.event("exit"), TIMEOUT, "an exit 0").nanos();
                });
            }
        } finally {
            closeAll(running, beds);
        }
        List<Figure> figures = new ArrayList<>(figuresOf("restart after SIGKILL, 1.1 s up", "ms", afterKill,
                "kill(2) to the new process's first stamp"));
        figures.addAll(figuresOf("restart after exit 0, 1.1 s up", "ms", afterExit,
                "its last stamp before exit(0) to the new process's first stamp"));
        return figures;
    }

    /**
     * One turn each: once its service has been up {@link #UP_MS}, the service dies as {@code death} has it, and the
     * time from its death to the new process's first stamp goes {@code into} the supervisor's samples.
     */
    private static void takeTurns(List<Who> everyone, List<Bed> beds, List<Stamp> up, Map<Who, List<Double>> into,
            Death death) throws Exception {
        for (int i = 0; i < everyone.size(); i++) {
            Stamps stamps = beds.get(i).stamps();
            awaitUp(up.get(i));
            long diedAt = death.of(stamps, up.get(i));
            up.set(i, stamps.next(Stamps.event("start"), TIMEOUT, everyone.get(i).label() + "'s restart"));
            into.computeIfAbsent(everyone.get(i), k -> new ArrayList<>()).add((up.get(i).nanos() - diedAt) / 1e6);
        }
    }

    /** Closes every supervisor, then every bed, even when one fails; throws the first failure. */
    private static void closeAll(List<Supervision> running, List<Bed> beds) throws Exception {
        Exception first = null;
        List<AutoCloseable> all = new ArrayList<>(running);
        all.addAll(beds);
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Waits until the service that stamped {@code start} has been up for {@link #UP_MS}. */
    private static void awaitUp(Stamp start) {
        long wait = start.nanos() + UP_MS * 1_000_000 - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /**
     * One figure for each supervisor, then, for each peer, configd's figure divided by the peer's in the same
     * turn: on this VM, whose speed drifts by a third within minutes, the ratio is steadier than either figure.
     */
    static List<Figure> figuresOf(String what, String unit, Map<Who, List<Double>> samples, String note) {
        List<Figure> figures = new ArrayList<>();
        samples.forEach((who, values) -> figures.add(Figure.of(NAME, what + ": " + who.label(), unit, values)
                .withNote(note)));
        List<Double> configd = samples.get(Who.CONFIGD);
        samples.forEach((who, values) -> {
            if (!who.isConfigd()) {
                List<Double> ratio = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    ratio.add(configd.get(i) / values.get(i));
                }
                figures.add(Figure.of(NAME, what + ": configd / " + who.label() + ", same turn", "x", ratio));
            }
        });
        return figures;
    }

    /**
     * {@code who} supervising {@code n} services that pause until they are stopped, on {@code bed}; for configd,
     * with {@code configdExtra} in its section.
     */
    private static Supervision pausing(Context ctx, Who who, Bed bed, int n, String configdExtra)
            throws IOException {
        if (who.isConfigd()) {
            bed.configure(configdExtra, bed.pausing("c", n));
            return bed.launch(ctx.installation());
        }
        Map<String, String> services = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            services.put("c" + i, "pause");
        }
        return PeerTree.start(who.kind(), who.scanner(), bed, ctx.options().component(), services);
    }

    private static double coldStart(Context ctx, Who who, int n) throws Exception {
        try (Bed bed = Bed.create(ctx, "peer-start"); Supervision s = pausing(ctx, who, bed, n, "")) {
            List<Stamp> starts = bed.stamps().next(n, Stamps.event("start"), TIMEOUT, "services");
            return (starts.stream().mapToLong(Stamp::nanos).max().orElseThrow() - s.launchedAt()) / 1e6;
        }
    }

    private static double stop(Context ctx, Who who, int n) throws Exception {
        try (Bed bed = Bed.create(ctx, "peer-stop"); Supervision s = pausing(ctx, who, bed, n, "")) {
            List<Stamp> starts = bed.stamps().next(n, Stamps.event("start"), TIMEOUT, "services");
            LockSupport.parkNanos(SETTLE_NANOS);
            long t0 = s.stop();
            double ms = (s.awaitEnd(TIMEOUT) - t0) / 1e6;
            StopAll.checkAllGone(starts);
            return ms;
        }
    }

    /**
     * A status query by turns, the command an operator or a monitoring script runs, as a process from its creation
     * to its exit (this harness's own spawn of a process, ~2 ms here, is in every figure): {@code configctl status
     * c1}, {@code sv status} and {@code s6-svstat} on one service of ten, each supervisor running its ten.
     */
    private List<Figure> statusQueries(Context ctx, List<Who> everyone, int warmup, int runs) throws Exception {
        Map<Who, List<Double>> ms = new LinkedHashMap<>();
        List<Bed> beds = new ArrayList<>();
        List<Supervision> running = new ArrayList<>();
        List<Callable<Double>> queries = new ArrayList<>();
        try {
            for (Who who : everyone) {
                Bed bed = Bed.create(ctx, "peer-status");
                beds.add(bed);
                Supervision s = pausing(ctx, who, bed, 10, "");
                running.add(s);
                bed.stamps().next(10, Stamps.event("start"), TIMEOUT, who.label() + "'s services");
                if (s instanceof PeerTree tree) {
                    List<String> command = tree.statusCommand("c1");
                    queries.add(() -> Processes.timed(new ProcessBuilder(command)));
                } else {
                    queries.add(() -> ConfigctlTime.time(ctx, bed, List.of("status", "c1")));
                }
            }
            for (int run = 0; run < warmup + runs; run++) {
                for (int i = 0; i < everyone.size(); i++) {
                    double t = queries.get(i).call();
                    if (run >= warmup) {
                        ms.computeIfAbsent(everyone.get(i), k -> new ArrayList<>()).add(t);
                    }
                }
            }
        } finally {
            closeAll(running, beds);
        }
        return figuresOf("status of one service", "ms", ms,
                "configctl status c1, sv status, s6-svstat: process creation to exit");
    }

    /**
     * The supervisors' memory with {@code n} services, idle, by turns: the sum of VmRSS over the supervisor's own
     * processes (not the services), and the sum of their proportional set sizes. runit and s6 run one supervisor
     * process per service, whose code pages are shared and counted in every VmRSS; PSS counts them once. configd
     * is one process, whose RSS is its figure: its PSS is lower only because this harness, another JVM, shares
     * the JDK's library and archive with it.
     */
    private List<Figure> memory(Context ctx, List<Who> everyone, int n) throws Exception {
        long idleNanos = Duration.ofSeconds(ctx.options().pick(1, 5)).toNanos();
        Map<Who, List<Double>> rss = new LinkedHashMap<>();
        Map<Who, List<Double>> pss = new LinkedHashMap<>();
        for (int run = 0; run < ctx.options().repeat(3); run++) {
            for (Who who : everyone) {
                try (Bed bed = Bed.create(ctx, "peer-memory"); Supervision s = pausing(ctx, who, bed, n, "")) {
                    bed.stamps().next(n, Stamps.event("start"), TIMEOUT, "services");
                    LockSupport.parkNanos(idleNanos);
                    long rssKib = 0;
                    long pssKib = 0;
                    for (long pid : s.supervisorPids()) {
                        Map<String, Long> m = Processes.kibFields(Path.of("/proc", Long.toString(pid), "smaps_rollup"),
                                List.of("Rss", "Pss"));
                        rssKib += m.get("Rss");
                        pssKib += m.get("Pss");
                    }
                    rss.computeIfAbsent(who, k -> new ArrayList<>()).add(rssKib / KIB_PER_MIB);
                    pss.computeIfAbsent(who, k -> new ArrayList<>()).add(pssKib / KIB_PER_MIB);
                }
            }
        }
        String idle = ", idle " + idleNanos / 1_000_000_000 + " s after the last start";
        List<Figure> figures = new ArrayList<>(figuresOf("memory with " + n + " services, RSS summed", "MiB", rss,
                "VmRSS of the supervisor's own processes" + idle));
        figures.addAll(figuresOf("memory with " + n + " services, PSS summed", "MiB", pss,
                "proportional set size of the supervisor's own processes" + idle));
        return figures;
    }
}
