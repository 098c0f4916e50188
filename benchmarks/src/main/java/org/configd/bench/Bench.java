package org.configd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.configd.protocol.ProtocolException;

/**
 * The benchmarks of issue 6 against a real configd: runs the selected scenarios, prints a table and writes the
 * figures as JSON to benchmarks/results/. Start it with {@code benchmarks/run}, which builds what it needs (the
 * bench-component program among it) and passes the paths.
 *
 * <p>Exit codes: 0 every scenario ran (a missed target is a finding, not a failure), 1 a scenario failed, 2 usage.
 */
public final class Bench {

    static final List<Scenario> SCENARIOS = List.of(new RestartLatency(), new ColdStart(), new StopAll(),
            new Memory(), new LogThroughput(), new InfoSocketLoad(), new StartToServing(), new ConfigctlTime(),
            new Micro(), new Peers());

    private Bench() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> names = SCENARIOS.stream().map(Scenario::name).toList();
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(Options.USAGE.formatted(String.join(", ", names)));
            return 0;
        }
        Options options;
        Installation installation;
        try {
            options = Options.parse(args, names);
            installation = new Installation(options.home(), options.daemonOpts());
            Files.createDirectories(options.work());
            WarmUp.harness(options.work());
        } catch (Options.UsageException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        } catch (IOException | ProtocolException e) {
            System.err.println("bench: " + e.getMessage());
            return 1;
        }
        LocalDateTime started = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        List<Double> loadStart = Machine.loadAverage();
        Context ctx = new Context(options, installation);
        List<Figure> figures = new ArrayList<>();
        int failed = 0;
        for (Scenario s : SCENARIOS) {
            if (!runs(options, s)) {
                continue;
            }
            System.err.println("bench: " + s.name() + " ...");
            long t0 = System.nanoTime();
            try {
                figures.addAll(s.run(ctx));
                System.err.printf("bench: %s done in %.1f s%n", s.name(), (System.nanoTime() - t0) / 1e9);
            } catch (Exception | AssertionError e) {
                failed++;
                System.err.println("bench: " + s.name() + " failed: " + e);
                e.printStackTrace();
            }
        }
        boolean installed = installation.hasClassDataArchives();
        String subject = (installed ? "installed distribution with class-data archives, "
                : "checkout (no class-data archives), ") + installation.home();
        Report report = new Report(command(args), started.toString(), Machine.current(), subject, loadStart,
                Machine.loadAverage(), figures);
        System.out.println();
        report.print(System.out);
        try {
            for (Path file : resultFiles(options, installed, started)) {
                report.write(file);
                System.out.println("written: " + file);
            }
        } catch (IOException e) {
            System.err.println("bench: cannot write the results: " + e.getMessage());
            return 1;
        }
        return failed == 0 ? 0 : 1;
    }

    /** Whether {@code s} runs: named, or no scenario named and it is one of the default ones. */
    static boolean runs(Options options, Scenario s) {
        return options.scenarios().isEmpty() ? s.byDefault() : options.selected(s.name());
    }

    /**
     * Smoke runs are checks: one file, overwritten. Measurements keep a dated file and a {@code latest} one; a
     * run of some scenarios only, or of the installed layout, says so in both names (or {@code --label} does) so
     * as not to replace the full figures. The dated file never replaces an earlier one.
     *
     * @param installed whether the configd measured is an installed distribution with class-data archives
     */
    static List<Path> resultFiles(Options options, boolean installed, LocalDateTime started) {
        if (options.smoke()) {
            return List.of(options.results().resolve("smoke.json"));
        }
        StringBuilder suffix = new StringBuilder();
        if (installed) {
            suffix.append("-installed");
        }
        if (!options.label().isEmpty()) {
            suffix.append('-').append(options.label());
        } else {
            options.scenarios().forEach(s -> suffix.append('-').append(s));
        }
        String date = started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm"));
        Path dated = options.results().resolve(date + suffix + ".json");
        // Two runs under one label can start in the same minute (a pair of short A/B runs, twice): number the later.
        for (int n = 2; Files.exists(dated); n++) {
            dated = options.results().resolve(date + suffix + "-" + n + ".json");
        }
        return List.of(dated, options.results().resolve("latest" + suffix + ".json"));
    }

    private static String command(String[] args) {
        String fromRunner = System.getenv("BENCH_COMMAND");
        return fromRunner != null ? fromRunner : "Bench " + String.join(" ", args);
    }
}
