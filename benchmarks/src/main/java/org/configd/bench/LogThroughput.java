package org.configd.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.configd.bench.Stamps.Stamp;
import org.configd.supervisor.spawn.ProcessSignals;

/**
 * Scenario 5: four writers print numbered lines on stderr as fast as they can, one write(2) per line; the time
 * until every line is in configd's unified log, against the same writers each writing to a plain file without
 * configd, measured in the same run. Both start on a SIGUSR1 once all four are ready, so neither figure holds a
 * process start. Every line is then accounted for: none may be lost, torn or duplicated.
 *
 * <p>In full mode a second round has the writers use 4 KiB writes (stdio's full buffering) that cut lines
 * anywhere: the writers then cost almost nothing, and what remains is the capacity of configd's log path.
 * configd's CPU time during the run, by thread, shows which part of that path is busy.
 */
final class LogThroughput implements Scenario {

    private static final List<String> WRITERS = List.of("w1", "w2", "w3", "w4");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int SIGUSR1 = 10;
    private static final int BUSIEST_THREADS = 3;

    /** The result of one round. */
    private record Round(double baselineMs, double configdMs, double writersMs, long problems, double cpuMs,
                         Map<String, Double> cpuByThread) {}

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
        List<Round> rounds = new ArrayList<>();
        for (int run = 0; run < ctx.options().repeat(5); run++) {
            rounds.add(round(ctx, mode, lines));
        }
        String what = "4 x " + lines + (mode.equals("write") ? " lines" : " lines in 4 KiB writes");
        Figure ratio = Figure.of(name(), what + ": configd / plain file", "x",
                rounds.stream().map(r -> r.configdMs() / r.baselineMs()).toList());
        Figure problems = Figure.of(name(), what + ": lines lost, torn or duplicated", "lines",
                rounds.stream().map(r -> (double) r.problems()).toList());
        List<Figure> out = new ArrayList<>(List.of(
                Figure.of(name(), what + " to plain files (baseline)", "ms",
                        rounds.stream().map(Round::baselineMs).toList()),
                Figure.of(name(), what + " through configd into its log", "ms",
                        rounds.stream().map(Round::configdMs).toList())
                        .withNote("SIGUSR1 to the writers until every end line is in the log"),
                Figure.of(name(), what + ": the writers' own time under configd", "ms",
                        rounds.stream().map(Round::writersMs).toList())
                        .withNote("longer than the baseline when configd's pipes push back"),
                targets ? ratio.withTarget(Target.atMost(1.1, "≤ 1.1 x")) : ratio,
                targets ? problems.withTarget(Target.atMost(0, "0")) : problems,
                Figure.of(name(), what + ": configd CPU per 1000 lines", "ms",
                        rounds.stream().map(r -> r.cpuMs() / (WRITERS.size() * lines / 1000.0)).toList())));
        for (String thread : rounds.get(0).cpuByThread().keySet()) {
            out.add(Figure.of(name(), "  of which thread " + thread + ", CPU in all", "ms",
                    rounds.stream().map(r -> r.cpuByThread().getOrDefault(thread, 0.0)).toList()));
        }
        return out;
    }

    private Round round(Context ctx, String mode, int lines) throws Exception {
        double baselineMs = baseline(ctx, mode, lines);
        try (Bed bed = Bed.create(ctx, "log-configd")) {
            StringBuilder fleet = new StringBuilder();
            for (String w : WRITERS) {
                fleet.append(bed.component(w, mode + " " + lines, ""));
            }
            // One file for the whole run: rotation (and its gzip) would only complicate the accounting.
            bed.configure("log.rotate.size = 4G", fleet.toString());
            try (DaemonUnderTest d = bed.launch(ctx.installation())) {
                List<Stamp> ready = bed.stamps().next(WRITERS.size(), Stamps.event("ready"), TIMEOUT, "ready writers");
                ThreadCpu before = ThreadCpu.of(d.pid());
                long t0 = go(ready);
                long arrived = MarkerWatch.await(bed.logFile, LineLedger.END_MARKER + "\n", WRITERS.size(), TIMEOUT);
                ThreadCpu after = ThreadCpu.of(d.pid());
                long writersDone = lastDone(bed);
                d.close(); // configd writes out what its log still holds, then exits
                long problems = LineLedger.ofUnifiedLog(bed.logFile, WRITERS, lines).problems();
                return new Round(baselineMs, (arrived - t0) / 1e6, (writersDone - t0) / 1e6, problems,
                        after.totalMsSince(before), after.busiestSince(before, BUSIEST_THREADS));
            }
        }
    }

    /** The same writers, each with its stderr on a plain file of its own; they must lose nothing either. */
    private static double baseline(Context ctx, String mode, int lines) throws Exception {
        try (Bed bed = Bed.create(ctx, "log-baseline")) {
            List<Process> procs = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (String w : WRITERS) {
                Path file = bed.dir.resolve(w + ".log");
                files.add(file);
                ProcessBuilder pb = new ProcessBuilder(ctx.options().component().toString(),
                        bed.stamps().path().toString(), mode, Integer.toString(lines));
                pb.environment().put("BENCH_NAME", w);
                pb.redirectError(file.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                procs.add(pb.start());
            }
            long t0 = go(bed.stamps().next(WRITERS.size(), Stamps.event("ready"), TIMEOUT, "ready writers"));
            long done = lastDone(bed);
            for (Process p : procs) {
                p.waitFor();
            }
            long problems = LineLedger.ofPlainFiles(files, WRITERS, lines).problems();
            if (problems != 0) {
                throw new IllegalStateException("the writers themselves lost or tore " + problems + " lines");
            }
            return (done - t0) / 1e6;
        }
    }

    /** SIGUSR1 to every ready writer; returns {@link System#nanoTime()} just before the first signal. */
    private static long go(List<Stamp> ready) throws Exception {
        long t0 = System.nanoTime();
        for (Stamp s : ready) {
            ProcessSignals.signalProcess(s.pid(), SIGUSR1);
        }
        return t0;
    }

    /** When the last writer wrote its last line, by its own clock. */
    private static long lastDone(Bed bed) throws InterruptedException {
        return bed.stamps().next(WRITERS.size(), Stamps.event("done"), TIMEOUT, "writers done").stream()
                .mapToLong(Stamp::nanos).max().orElseThrow();
    }
}
