package org.configd.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.configd.bench.Stamps.Stamp;
import org.configd.supervisor.spawn.ProcessSignals;

/**
 * Scenario 5: four writers print numbered lines on stderr as fast as they can, one write(2) per line; the time
 * until every line is in configd's unified log, against the same writers appending to one plain file without
 * configd, measured in the same run. Both start on a SIGUSR1 once all four are ready, so neither figure holds a
 * process start. Every line is then accounted for: none may be lost, torn or duplicated.
 *
 * <p>In full mode a second round has the writers use 4 KiB writes (stdio's full buffering) that cut lines
 * anywhere: the writers then cost almost nothing, and what remains is the capacity of configd's log path.
 */
final class LogThroughput implements Scenario {

    private static final List<String> WRITERS = List.of("w1", "w2", "w3", "w4");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int SIGUSR1 = 10;

    /** The result of one round. */
    private record Round(double baselineMs, double configdMs, double writersMs, long problems) {}

    @Override
    public String name() {
        return "log";
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        int lines = ctx.options().pick(2_000, 200_000);
        List<Figure> figures = new ArrayList<>(figures(ctx, "write", lines, true));
        if (!ctx.options().smoke()) {
            figures.addAll(figures(ctx, "write-buffered", lines, false));
        }
        return figures;
    }

    private List<Figure> figures(Context ctx, String mode, int lines, boolean targets) throws Exception {
        List<Double> baseline = new ArrayList<>();
        List<Double> configd = new ArrayList<>();
        List<Double> writers = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> problems = new ArrayList<>();
        for (int run = 0; run < ctx.options().repeat(5); run++) {
            Round r = round(ctx, mode, lines);
            baseline.add(r.baselineMs());
            configd.add(r.configdMs());
            writers.add(r.writersMs());
            ratio.add(r.configdMs() / r.baselineMs());
            problems.add((double) r.problems());
        }
        String what = "4 x " + lines + (mode.equals("write") ? " lines" : " lines in 4 KiB writes");
        Figure ratioFigure = Figure.of(name(), what + ": configd / plain file", "x", ratio);
        Figure problemFigure = Figure.of(name(), what + ": lines lost, torn or duplicated", "lines", problems);
        return List.of(
                Figure.of(name(), what + " to a plain file (baseline)", "ms", baseline),
                Figure.of(name(), what + " through configd into its log", "ms", configd)
                        .withNote("SIGUSR1 to the writers until every end line is in the log"),
                Figure.of(name(), what + ": the writers' own time under configd", "ms", writers)
                        .withNote("longer than the baseline when configd's pipes push back"),
                targets ? ratioFigure.withTarget(Target.atMost(1.1, "≤ 1.1 x")) : ratioFigure,
                targets ? problemFigure.withTarget(Target.atMost(0, "0")) : problemFigure);
    }

    private Round round(Context ctx, String mode, int lines) throws Exception {
        double baselineMs;
        long problems;
        try (Bed bed = Bed.create(ctx, "log-baseline")) {
            File plain = bed.dir.resolve("plain.log").toFile();
            List<Process> procs = new ArrayList<>();
            for (String w : WRITERS) {
                ProcessBuilder pb = new ProcessBuilder(ctx.options().component().toString(),
                        bed.stamps().path().toString(), mode, Integer.toString(lines));
                pb.environment().put("BENCH_NAME", w);
                pb.redirectError(ProcessBuilder.Redirect.appendTo(plain)).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                procs.add(pb.start());
            }
            baselineMs = race(bed, null)[0];
            for (Process p : procs) {
                p.waitFor();
            }
            problems = LineLedger.ofPlainFile(plain.toPath(), WRITERS, lines).problems();
        }
        try (Bed bed = Bed.create(ctx, "log-configd")) {
            StringBuilder fleet = new StringBuilder();
            for (String w : WRITERS) {
                fleet.append(bed.component(w, mode + " " + lines, ""));
            }
            // One file for the whole run: rotation (and its gzip) would only complicate the accounting.
            bed.configure("log.rotate.size = 4G", fleet.toString());
            try (DaemonUnderTest d = bed.launch(ctx.installation())) {
                double[] times = race(bed, () -> MarkerWatch.await(bed.logFile, LineLedger.END_MARKER + "\n",
                        WRITERS.size(), TIMEOUT));
                d.close(); // configd writes out what its log still holds, then exits
                problems += LineLedger.ofUnifiedLog(bed.logFile, WRITERS, lines).problems();
                return new Round(baselineMs, times[1], times[0], problems);
            }
        }
    }

    /** Something that returns {@link System#nanoTime()} when every line has arrived. */
    private interface Arrival {
        long await() throws Exception;
    }

    /**
     * Waits for the four writers to be ready, sends each SIGUSR1, then waits for their done stamps and for
     * {@code arrival}; returns {writers' time, arrival time} in ms from the first signal (arrival 0 when none).
     */
    private static double[] race(Bed bed, Arrival arrival) throws Exception {
        List<Stamp> ready = bed.stamps().next(WRITERS.size(), Stamps.event("ready"), TIMEOUT, "ready writers");
        long t0 = System.nanoTime();
        for (Stamp s : ready) {
            ProcessSignals.signalProcess(s.pid(), SIGUSR1);
        }
        long arrived = arrival == null ? 0 : arrival.await();
        List<Stamp> done = bed.stamps().next(WRITERS.size(), Stamps.event("done"), TIMEOUT, "writers done");
        long writersDone = done.stream().mapToLong(Stamp::nanos).max().orElseThrow();
        return new double[] {(writersDone - t0) / 1e6, arrived == 0 ? 0 : (arrived - t0) / 1e6};
    }
}
