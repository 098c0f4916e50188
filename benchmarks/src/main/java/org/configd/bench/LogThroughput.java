package org.configd.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.configd.bench.Stamps.Stamp;
import org.configd.supervisor.spawn.ProcessSignals;
import org.configd.supervisor.spawn.SignalNames;

/**
 * Scenario 5: four writers print numbered lines on stderr as fast as they can, one write(2) per line; the time
 * until every line is in configd's unified log, against the same writers each writing to a plain file without
 * configd, measured in the same run. Each burst starts on a SIGUSR1 once all four are ready, so no figure holds a
 * process start. Every line is then accounted for: none may be lost, torn or duplicated.
 *
 * <p>configd gets two bursts: the first meets a log path the JIT has never compiled (a freshly started daemon),
 * the second a warm one (a daemon that has been logging for a while). The target is judged on the second; both are
 * reported. configd's CPU time during a burst, by thread, shows which part of the log path is busy.
 *
 * <p>In full mode a second round has the writers use 4 KiB writes (stdio's full buffering) that cut lines
 * anywhere: the writers then cost almost nothing, and what remains is the capacity of configd's log path.
 */
final class LogThroughput implements Scenario {

    static final List<String> WRITERS = List.of("w1", "w2", "w3", "w4");
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int SIGUSR1 = SignalNames.number("USR1").orElseThrow();
    private static final int BUSIEST_THREADS = 3;

    /** One burst through configd: until every line was in the log, the writers' own time, configd's CPU. */
    record Burst(double configdMs, double writersMs, double cpuMs, Map<String, Double> cpuByThread) {}

    /** The two bursts through one freshly started configd, and the lines its log got wrong. */
    record Bursts(Burst cold, Burst warm, long problems) {}

    /** One round: the baseline, and configd's bursts. */
    private record Round(double baselineMs, Burst cold, Burst warm, long problems) {}

    @Override
    public String name() {
        return "log";
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        int lines = ctx.options().pick(2_000, 200_000);
        List<Figure> figures = new ArrayList<>(figures(ctx, "write", lines));
        if (!ctx.options().smoke()) {
            figures.addAll(figures(ctx, "write-buffered", lines));
        }
        return figures;
    }

    /** The figures of one mode; only one write(2) per line ({@code write}) is judged against the targets. */
    private List<Figure> figures(Context ctx, String mode, int lines) throws Exception {
        boolean targets = mode.equals("write");
        List<Round> rounds = new ArrayList<>();
        for (int run = 0; run < ctx.options().repeat(5); run++) {
            rounds.add(round(ctx, mode, lines));
        }
        String what = "4 x " + lines + (mode.equals("write") ? " lines" : " lines in 4 KiB writes");
        double thousands = WRITERS.size() * lines / 1000.0;
        Figure ratio = figure(rounds, what + ": configd / plain files, warm", "x", r -> r.warm().configdMs() / r.baselineMs());
        Figure problems = figure(rounds, what + ": lines lost, torn or duplicated", "lines", r -> (double) r.problems());
        List<Figure> out = new ArrayList<>(List.of(
                figure(rounds, what + " to plain files (baseline)", "ms", Round::baselineMs),
                figure(rounds, what + " through configd, first burst (cold JIT)", "ms", r -> r.cold().configdMs())
                        .withNote("SIGUSR1 to the writers until every end line is in the log"),
                figure(rounds, what + " through configd, second burst (warm)", "ms", r -> r.warm().configdMs())
                        .withNote("SIGUSR1 to the writers until every end line is in the log"),
                figure(rounds, what + ": the writers' own time, second burst", "ms", r -> r.warm().writersMs())
                        .withNote("longer than the baseline when configd's pipes push back"),
                figure(rounds, what + ": configd / plain files, cold", "x", r -> r.cold().configdMs() / r.baselineMs()),
                targets ? ratio.withTarget(Target.atMost(1.1, "≤ 1.1 x")) : ratio,
                targets ? problems.withTarget(Target.atMost(0, "0")) : problems,
                figure(rounds, what + ": configd CPU per 1000 lines, cold", "ms", r -> r.cold().cpuMs() / thousands),
                figure(rounds, what + ": configd CPU per 1000 lines, warm", "ms", r -> r.warm().cpuMs() / thousands)));
        for (String thread : rounds.get(0).warm().cpuByThread().keySet()) {
            out.add(figure(rounds, "  " + what + ", warm: thread " + thread + ", CPU per 1000 lines", "ms",
                    r -> r.warm().cpuByThread().getOrDefault(thread, 0.0) / thousands));
        }
        return out;
    }

    private Figure figure(List<Round> rounds, String figure, String unit, Function<Round, Double> value) {
        return Figure.of(name(), figure, unit, rounds.stream().map(value).toList());
    }

    private Round round(Context ctx, String mode, int lines) throws Exception {
        double baselineMs = baseline(ctx, mode, lines);
        Bursts configd = throughConfigd(ctx, mode, lines);
        return new Round(baselineMs, configd.cold(), configd.warm(), configd.problems());
    }

    /** The four writers under a freshly started configd: two bursts, then every line accounted for. */
    static Bursts throughConfigd(Context ctx, String mode, int lines) throws Exception {
        try (Bed bed = Bed.create(ctx, "log-configd")) {
            StringBuilder fleet = new StringBuilder();
            for (String w : WRITERS) {
                fleet.append(bed.component(w, mode + " " + lines, ""));
            }
            // One file for the whole run: rotation (and its gzip) would only complicate the accounting.
            bed.configure("log.rotate.size = 4G", fleet.toString());
            try (DaemonUnderTest d = bed.launch(ctx.installation());
                 MarkerWatch ends = new MarkerWatch(bed.logFile, LineLedger.END_MARKER + "\n",
                         bed::consoleForFailure)) {
                Burst cold = burst(bed, d, ends, 1);
                Burst warm = burst(bed, d, ends, 2);
                d.close(); // configd writes out what its log still holds, then exits
                long problems = LineLedger.ofUnifiedLog(bed.logFile, WRITERS, 2 * lines).problems();
                return new Bursts(cold, warm, problems);
            }
        }
    }

    private static Burst burst(Bed bed, DaemonUnderTest d, MarkerWatch ends, int number) throws Exception {
        List<Stamp> ready = bed.stamps().next(WRITERS.size(), Stamps.event("ready"), TIMEOUT, "ready writers");
        ThreadCpu before = ThreadCpu.of(d.pid());
        long t0 = go(ready);
        long arrived = ends.await(number * WRITERS.size(), TIMEOUT);
        ThreadCpu after = ThreadCpu.of(d.pid());
        long writersDone = lastDone(bed);
        return new Burst((arrived - t0) / 1e6, (writersDone - t0) / 1e6, after.totalMsSince(before),
                after.busiestSince(before, BUSIEST_THREADS));
    }

    /** The same writers, each with its stderr on a plain file of its own; they must lose nothing either. */
    static double baseline(Context ctx, String mode, int lines) throws Exception {
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
    static long go(List<Stamp> ready) throws Exception {
        long t0 = System.nanoTime();
        for (Stamp s : ready) {
            ProcessSignals.signalProcess(s.pid(), SIGUSR1);
        }
        return t0;
    }

    /** When the last writer wrote its last line, by its own clock. */
    static long lastDone(Bed bed) throws InterruptedException {
        return bed.stamps().next(WRITERS.size(), Stamps.event("done"), TIMEOUT, "writers done").stream()
                .mapToLong(Stamp::nanos).max().orElseThrow();
    }
}
