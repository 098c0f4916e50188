package org.configd.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 8: the wall time of bin/configctl as a real process against a running configd, from creating the
 * process to its exit: what an operator or a monitoring script waits for. Its output is discarded (not measured:
 * a terminal would add its own time).
 */
final class ConfigctlTime implements Scenario {

    @Override
    public String name() {
        return "configctl";
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        int warmup = ctx.options().pick(1, 3);
        int runs = ctx.options().pick(3, 30);
        List<Figure> figures = new ArrayList<>();
        try (Bed bed = Bed.create(ctx, "configctl")) {
            StringBuilder fleet = new StringBuilder();
            for (int i = 1; i <= 10; i++) {
                fleet.append(bed.component("c" + i, "pause", "settings { greeting = \"hello\", workers = 4 }"));
            }
            bed.configure("", fleet.toString());
            try (DaemonUnderTest d = bed.launch(ctx.installation())) {
                d.awaitServing(Duration.ofSeconds(30));
                for (List<String> command : List.of(List.of("status"), List.of("config", "c1"))) {
                    List<Double> ms = new ArrayList<>();
                    for (int run = 0; run < warmup + runs; run++) {
                        double t = time(ctx, bed, command);
                        if (run >= warmup) {
                            ms.add(t);
                        }
                    }
                    figures.add(Figure.of(name(), "configctl " + String.join(" ", command), "ms", ms)
                            .withTarget(Target.atMost(120, "≤ 120 ms")));
                }
            }
        }
        return figures;
    }

    /** One run of {@code configctl ARGS} against the configd on {@code bed}: process creation to exit, in ms. */
    static double time(Context ctx, Bed bed, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ctx.installation().configctl().toString());
        command.add("--run-dir");
        command.add(bed.runDir.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(ctx.installation().environment());
        pb.environment().remove("CONFIGD_JAVA_OPTS"); // the extra options are for configd, not configctl
        return Processes.timed(pb);
    }
}
