package org.configd.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.configd.bench.Stamps.Stamp;

/**
 * Scenario 2: from launching bin/configd to every one of N components running, JVM start included. "Running" is
 * the last component's own start stamp. Also reported: when the first component ran, which separates configd's
 * start-up from the time it takes to spawn the fleet.
 */
final class ColdStart implements Scenario {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "cold-start";
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        List<Figure> figures = new ArrayList<>();
        int large = ctx.options().pick(10, 200);
        for (int n : ctx.options().smoke() ? List.of(10) : List.of(50, 200)) {
            Launches times = launches(ctx, n, "");
            Figure figure = Figure.of(name(), "launch to all " + n + " components running", "ms", times.all());
            figures.add(n == 200 ? figure.withTarget(Target.atMost(600, "≤ 600 ms")) : figure);
            figures.add(Figure.of(name(), "launch to the first of " + n + " running", "ms", times.first()));
        }
        if (Bed.ROOT) {
            // As configd is meant to run them: each component as a user of its own, looked up at every spawn.
            figures.add(Figure.of(name(), "launch to all " + large + " components running, each as nobody", "ms",
                    launches(ctx, large, Bed.AS_NOBODY).all()).withNote(Bed.AS_NOBODY));
        }
        return figures;
    }

    /** Over the runs: launch to the first component running, and launch to the last (ms). */
    private record Launches(List<Double> first, List<Double> all) {}

    private static Launches launches(Context ctx, int n, String extra) throws Exception {
        List<Double> all = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        for (int run = 0; run < ctx.options().repeat(10); run++) {
            try (Bed bed = Bed.create(ctx, "cold-start-" + n)) {
                bed.configure("", bed.pausing("c", n, extra));
                try (DaemonUnderTest d = bed.launch(ctx.installation())) {
                    List<Stamp> starts = bed.stamps().next(n, Stamps.event("start"), TIMEOUT, "components");
                    // By the components' own clocks: the FIFO's arrival order need not be the order of the stamps.
                    first.add((starts.stream().mapToLong(Stamp::nanos).min().orElseThrow() - d.launchedAt()) / 1e6);
                    all.add((starts.stream().mapToLong(Stamp::nanos).max().orElseThrow() - d.launchedAt()) / 1e6);
                }
            }
        }
        return new Launches(first, all);
    }
}
