package org.configd.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.configd.bench.Stamps.Stamp;
import org.configd.supervisor.spawn.ProcessSignals;
import org.configd.supervisor.spawn.SignalNames;

/**
 * Scenario 1: the time from a component's death to its new process's first instruction in main(), as the
 * component itself stamps it. Two deaths: an exit 0 (restart at once by policy; death = the component's own last
 * stamp before exit), and a SIGKILL (a crash; death = the harness's clock just before kill(2)).
 *
 * <p>A crash is restarted after the backoff delay, 100 ms by default. That delay is policy, not machinery, so
 * this scenario sets {@code restart.initial-delay = max-delay = 1us}: what remains is configd's own latency.
 * The first restarts run on a cold JIT and are left out (warm-up); the figure is a configd that has been running.
 * More figures break the spawn down: the same program started by this JVM directly, through setpriv, and through
 * configd-exec when the build has it.
 */
final class RestartLatency implements Scenario {

    /** Between a start and the next kill: the component is up and configd has gone back to waiting. */
    private static final long SETTLE_NANOS = 20_000_000;
    private static final Duration STAMP_TIMEOUT = Duration.ofSeconds(10);
    /** How configd starts every component, before the component's own command. */
    private static final List<String> PDEATHSIG = List.of("--pdeathsig", "KILL", "--");

    @Override
    public String name() {
        return "restart";
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        int warmup = ctx.options().pick(2, 20);
        int samples = ctx.options().pick(5, 100);
        List<Double> afterExit = afterExit0(ctx, warmup, samples);
        List<Double> afterKill = afterSigkill(ctx, warmup, samples);
        Target target = Target.atMost(2, "≤ 2 ms");
        List<Figure> figures = new ArrayList<>(List.of(
                Figure.of(name(), "restart after exit 0", "ms", afterExit).withTarget(target)
                        .withNote("its last stamp before exit(0) to the new process's first stamp"),
                Figure.of(name(), "restart after SIGKILL", "ms", afterKill).withTarget(target)
                        .withNote("kill(2) to the new process's first stamp; restart.initial-delay = 1us"),
                Figure.of(name(), "breakdown: harness spawn to first stamp, direct", "ms",
                        spawnToStamp(ctx, List.of(), warmup, samples)),
                Figure.of(name(), "breakdown: the same through setpriv --pdeathsig KILL", "ms",
                        spawnToStamp(ctx, prefix("setpriv"), warmup, samples))
                        .withNote("as configd spawns every component without its spawn library and configd-exec;"
                                + " the difference is setpriv's own cost")));
        Optional<Path> helper = ctx.installation().execHelper();
        if (helper.isPresent()) {
            figures.add(Figure.of(name(), "breakdown: the same through configd-exec --pdeathsig KILL", "ms",
                    spawnToStamp(ctx, prefix(helper.get().toString()), warmup, samples))
                    .withNote("as configd spawns every component where its spawn library cannot be loaded; the"
                            + " difference is configd-exec's own cost"));
        }
        return figures;
    }

    private static List<String> prefix(String program) {
        List<String> prefix = new ArrayList<>(List.of(program));
        prefix.addAll(PDEATHSIG);
        return prefix;
    }

    /**
     * How long a spawn takes from this JVM (ProcessBuilder) to the component's first stamp, directly or through
     * the given prefix: the difference between the two is what the prefix costs on every restart.
     */
    private static List<Double> spawnToStamp(Context ctx, List<String> prefix, int warmup, int samples)
            throws Exception {
        try (Bed bed = Bed.create(ctx, "spawn")) {
            List<Double> ms = new ArrayList<>();
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of(ctx.options().component().toString(), bed.stamps().path().toString(),
                    "exit-after", "0"));
            for (int i = 0; i < warmup + samples; i++) {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                long t0 = System.nanoTime();
                Process p = pb.start();
                Stamp s = bed.stamps().next(Stamps.event("start"), STAMP_TIMEOUT, "start of a directly spawned copy");
                p.waitFor();
                if (i >= warmup) {
                    ms.add((s.nanos() - t0) / 1e6);
                }
            }
            return ms;
        }
    }

    private List<Double> afterExit0(Context ctx, int warmup, int samples) throws Exception {
        try (Bed bed = Bed.create(ctx, "restart-exit0")) {
            bed.configure("", bed.component("cycler", "exit-after 20", ""));
            try (DaemonUnderTest d = bed.launch(ctx.installation())) {
                List<Double> ms = new ArrayList<>();
                Stamp exit = null;
                while (ms.size() < warmup + samples) {
                    Stamp s = bed.stamps().next(x -> true, STAMP_TIMEOUT, "stamp of the cycling component");
                    if (s.event().equals("exit")) {
                        exit = s;
                    } else if (exit != null) {
                        ms.add((s.nanos() - exit.nanos()) / 1e6);
                        exit = null;
                    }
                }
                return ms.subList(warmup, ms.size());
            }
        }
    }

    private List<Double> afterSigkill(Context ctx, int warmup, int samples) throws Exception {
        try (Bed bed = Bed.create(ctx, "restart-kill")) {
            bed.configure("restart { initial-delay = 1us, max-delay = 1us, reset-after = 1s }",
                    bed.component("victim", "pause", ""));
            try (DaemonUnderTest d = bed.launch(ctx.installation())) {
                List<Double> ms = new ArrayList<>();
                Stamp up = bed.stamps().next(Stamps.event("start"), STAMP_TIMEOUT, "first start of the victim");
                while (ms.size() < warmup + samples) {
                    LockSupport.parkNanos(SETTLE_NANOS);
                    long killedAt = System.nanoTime();
                    ProcessSignals.signalProcess(up.pid(), SignalNames.SIGKILL);
                    up = bed.stamps().next(Stamps.event("start"), STAMP_TIMEOUT, "restart of the victim");
                    ms.add((up.nanos() - killedAt) / 1e6);
                }
                return ms.subList(warmup, ms.size());
            }
        }
    }
}
