package org.configd.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.configd.bench.Peers.Who;
import org.configd.bench.Stamps.Stamp;

/** The {@code peers} scenario's log: configd's unified log beside runit's svlogd and s6's s6-log, by turns. */
final class PeerLog {

    /** One supervisor's timed burst in ms, and the lines its log got wrong. */
    private record Logged(double ms, long problems) {}

    private PeerLog() {
    }

    /**
     * The log by turns, as scenario 5 measures configd's ({@link LogThroughput}): the four writers, {@code lines}
     * each, one write(2) a line, first on plain files (the baseline, once a run), then under each supervisor in
     * turn: configd's unified log; runit's svlogd and s6's s6-log, one logger per service, as they log, each line
     * after a timestamp. Two bursts each, the second timed (it meets configd's log path compiled), until every
     * writer's end line is in its log; then every line is accounted for.
     */
    static List<Figure> figures(Context ctx, List<Who> everyone, int lines) throws Exception {
        List<Double> baselines = new ArrayList<>();
        Map<Who, List<Double>> ms = new LinkedHashMap<>();
        Map<Who, List<Double>> problems = new LinkedHashMap<>();
        for (int run = 0; run < ctx.options().repeat(3); run++) {
            double baseline = LogThroughput.baseline(ctx, "write", lines);
            baselines.add(baseline);
            for (Who who : everyone) {
                Logged logged = who.isConfigd() ? configd(ctx, lines) : peer(ctx, who, lines);
                ms.computeIfAbsent(who, k -> new ArrayList<>()).add(logged.ms());
                problems.computeIfAbsent(who, k -> new ArrayList<>()).add((double) logged.problems());
            }
        }
        String what = "log, 4 x " + lines + " lines";
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of(Peers.NAME, what + ": plain files (baseline)", "ms", baselines)
                .withNote("the writers alone, each on a file of its own"));
        figures.addAll(Peers.figuresOf(what + ", second burst", "ms", ms,
                "SIGUSR1 to the writers until every end line is in the log"));
        ms.forEach((who, values) -> {
            List<Double> ratio = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                ratio.add(values.get(i) / baselines.get(i));
            }
            figures.add(Figure.of(Peers.NAME, what + ": " + who.label() + " / plain files, same run", "x", ratio));
        });
        problems.forEach((who, values) -> figures.add(Figure.of(Peers.NAME, what + ": lines lost, torn or duplicated: "
                + who.label(), "lines", values)));
        return figures;
    }

    /** configd's second burst, and the lines its log got wrong. */
    private static Logged configd(Context ctx, int lines) throws Exception {
        LogThroughput.Bursts b = LogThroughput.throughConfigd(ctx, "write", lines);
        return new Logged(b.warm().configdMs(), b.problems());
    }

    /** A peer's second burst, and the lines its loggers got wrong. */
    private static Logged peer(Context ctx, Who who, int lines) throws Exception {
        Map<String, String> writers = new LinkedHashMap<>();
        for (String w : LogThroughput.WRITERS) {
            writers.put(w, "write " + lines);
        }
        try (Bed bed = Bed.create(ctx, "peer-log");
             PeerTree tree = PeerTree.startLogged(who.kind(), who.scanner(), bed, ctx.options().component(), writers)) {
            List<Path> files = writers.keySet().stream().map(tree::logFile).toList();
            double ms = timeBursts(bed, files);
            return new Logged(ms, LineLedger.ofTimestampedFiles(files, LogThroughput.WRITERS, 2 * lines).problems());
        }
    }

    /**
     * Two bursts of the writers on {@code bed}, whose loggers write {@code files}; the second's time in ms. Should a
     * burst not arrive, the failure quotes the tree's console, where a logger that would not start says why.
     */
    private static double timeBursts(Bed bed, List<Path> files) throws Exception {
        List<MarkerWatch> ends = new ArrayList<>();
        try {
            for (Path file : files) {
                ends.add(new MarkerWatch(file, LineLedger.END_MARKER + "\n", bed::consoleForFailure));
            }
            double ms = 0;
            for (int burst = 1; burst <= 2; burst++) {
                List<Stamp> ready = bed.stamps().next(files.size(), Stamps.event("ready"), LogThroughput.TIMEOUT,
                        "ready writers");
                long t0 = LogThroughput.go(ready);
                long arrived = 0;
                for (MarkerWatch end : ends) { // each returns once its marker is in: the last, once all are
                    arrived = end.await(burst, LogThroughput.TIMEOUT);
                }
                LogThroughput.lastDone(bed);
                ms = (arrived - t0) / 1e6;
            }
            return ms;
        } finally {
            for (MarkerWatch end : ends) {
                end.close();
            }
        }
    }
}
