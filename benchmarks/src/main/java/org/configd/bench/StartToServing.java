package org.configd.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 7: from launching bin/configd to its info socket answering {@code hello}, with one component
 * configured: the moment an init script or a configctl could talk to it.
 */
final class StartToServing implements Scenario {

    @Override
    public String name() {
        return "serving";
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int run = 0; run < ctx.options().repeat(10); run++) {
            try (Bed bed = Bed.create(ctx, "serving")) {
                bed.configure("", bed.pausing("c", 1));
                try (DaemonUnderTest d = bed.launch(ctx.installation())) {
                    long serving = d.awaitServing(Duration.ofSeconds(30));
                    ms.add((serving - d.launchedAt()) / 1e6);
                }
            }
        }
        return List.of(Figure.of(name(), "launch to the info socket answering hello", "ms", ms)
                .withTarget(Target.atMost(500, "≤ 500 ms")));
    }
}
