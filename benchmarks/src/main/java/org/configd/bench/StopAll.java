package org.configd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.configd.bench.Stamps.Stamp;

/**
 * Scenario 3: from SIGTERM to configd until configd has exited, which it does only after every component was
 * reaped, its temporary directory removed and the log closed. Two fleets of 50: all well-behaved (SIGTERM ends
 * them), and one that ignores SIGTERM with a 2 s stop timeout, so configd must wait and then SIGKILL it.
 */
final class StopAll implements Scenario {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    /** Lets configd finish starting the fleet and go idle before it is told to stop. */
    private static final long SETTLE_NANOS = 500_000_000;
    private static final long STUBBORN_TIMEOUT_MS = 2000;

    @Override
    public String name() {
        return "stop-all";
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        int n = ctx.options().pick(10, 50);
        List<Double> polite = new ArrayList<>();
        List<Double> stubborn = new ArrayList<>();
        for (int run = 0; run < ctx.options().repeat(10); run++) {
            polite.add(stopFleet(ctx, n, false));
            stubborn.add(stopFleet(ctx, n, true) - STUBBORN_TIMEOUT_MS);
        }
        return List.of(
                Figure.of(name(), "SIGTERM to configd's exit, " + n + " components", "ms", polite)
                        .withTarget(Target.atMost(50, "≤ 50 ms")),
                Figure.of(name(), "the same, one ignores SIGTERM: beyond its 2 s timeout", "ms", stubborn)
                        .withTarget(Target.atMost(30, "≤ 30 ms"))
                        .withNote("time from SIGTERM to configd's exit minus the 2 s stop-timeout"));
    }

    private double stopFleet(Context ctx, int n, boolean oneIgnoresTerm) throws Exception {
        try (Bed bed = Bed.create(ctx, oneIgnoresTerm ? "stop-stubborn" : "stop-polite")) {
            String fleet = bed.pausing("c", n - (oneIgnoresTerm ? 1 : 0));
            if (oneIgnoresTerm) {
                fleet += bed.component("stubborn", "ignore-term", "stop-timeout = " + STUBBORN_TIMEOUT_MS + "ms");
            }
            bed.configure("", fleet);
            try (DaemonUnderTest d = bed.launch(ctx.installation())) {
                List<Stamp> starts = bed.stamps().next(n, Stamps.event("start"), START_TIMEOUT, "components");
                LockSupport.parkNanos(SETTLE_NANOS);
                long t0 = d.stop();
                long t1 = d.awaitEnd(EXIT_TIMEOUT);
                checkAllGone(starts);
                return (t1 - t0) / 1e6;
            }
        }
    }

    /** configd's exit must mean its components are gone: a survivor would make the figure a lie. */
    static void checkAllGone(List<Stamp> starts) {
        for (Stamp s : starts) {
            if (Files.exists(Path.of("/proc", Integer.toString(s.pid())))) {
                throw new IllegalStateException("component " + s.name() + " (pid " + s.pid()
                        + ") outlived configd's exit");
            }
        }
    }
}
