package org.configd.bench;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The command line of {@link Bench}:
 * {@code Bench [--smoke] [--runs N] [--home DIR] [--component FILE] [--work DIR] [--results DIR]
 * [--daemon-opts OPTS] [--label NAME] [--keep] [SCENARIO...]}.
 *
 * @param smoke      every scenario once with small numbers, to check that the benchmarks work
 * @param runs       how many times each whole-daemon scenario is repeated (cold start, stop-all, ...); 0 means the
 *                   default of the mode
 * @param home       the configd to measure: a checkout (bin/configd runs its build output) or an installed
 *                   distribution
 * @param component  the compiled bench-component program
 * @param work       where the test beds go (socket paths must stay short: keep it near /tmp)
 * @param results    where the JSON results go
 * @param daemonOpts JVM options added to configd's own (e.g. {@code -XX:StartFlightRecording=...}), or empty
 * @param label      names the results file instead of the list of scenarios (e.g. {@code jdk25}), or empty
 * @param keep       keep the test beds (logs, consoles) after the run
 * @param scenarios  the scenarios to run, empty for all
 */
public record Options(boolean smoke, int runs, Path home, Path component, Path work, Path results,
                      String daemonOpts, String label, boolean keep, List<String> scenarios) {

    /** A mistake on the command line, told in one sentence. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** What {@code --help} prints; the same as the usage block of benchmarks/run's header, which prints that. */
    public static final String USAGE = """
            usage: benchmarks/run [--smoke] [--runs N] [--installed] [--home DIR] [--daemon-opts OPTS] [--label NAME] [--keep] [SCENARIO...]
              --smoke            every scenario once with small N (a check that everything works, < 1 min)
              --runs N           repeat each whole-daemon scenario N times (default: 10, 5 or 3, by scenario)
              --installed        measure the distribution archive, unpacked and with its class-data archives
              --home DIR         measure the configd built in the checkout DIR (with --installed: its archive)
              --daemon-opts OPTS JVM options added to configd's own, e.g. -XX:StartFlightRecording=filename=x.jfr
              --label NAME       name the results file after NAME (e.g. jdk25) rather than the scenarios
              --keep             keep the test beds (configd.log, console) in the work folder
            scenarios: %s (default: all but peers)
            """;

    /** Parses the arguments; the runner script passes {@code --home}, {@code --component} and the folders. */
    public static Options parse(String[] argv, List<String> known) throws UsageException {
        Deque<String> args = new ArrayDeque<>(List.of(argv));
        boolean smoke = false;
        boolean keep = false;
        int runs = 0;
        Path home = Path.of(".");
        Path component = null;
        Path work = null;
        Path results = Path.of("benchmarks", "results");
        String daemonOpts = "";
        String label = "";
        List<String> scenarios = new ArrayList<>();
        while (!args.isEmpty()) {
            String a = args.pop();
            switch (a) {
                case "--smoke" -> smoke = true;
                case "--keep" -> keep = true;
                case "--runs" -> runs = positive(a, value(a, args));
                case "--home" -> home = Path.of(value(a, args));
                case "--component" -> component = Path.of(value(a, args));
                case "--work" -> work = Path.of(value(a, args));
                case "--results" -> results = Path.of(value(a, args));
                case "--daemon-opts" -> daemonOpts = value(a, args);
                case "--label" -> label = value(a, args);
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a + "; see --help");
                    }
                    if (!known.contains(a)) {
                        throw new UsageException("unknown scenario " + a + "; choose from " + String.join(", ", known));
                    }
                    scenarios.add(a);
                }
            }
        }
        if (component == null || work == null) {
            throw new UsageException("--component and --work are required; start the benchmarks with benchmarks/run");
        }
        return new Options(smoke, runs, home.toAbsolutePath().normalize(), component.toAbsolutePath(),
                work.toAbsolutePath(), results.toAbsolutePath(), daemonOpts, label, keep, List.copyOf(scenarios));
    }

    /** Whether {@code scenario} was selected (all are, when none was named). */
    public boolean selected(String scenario) {
        return scenarios.isEmpty() || scenarios.contains(scenario);
    }

    /** Repetitions of a whole-daemon scenario: 1 in smoke mode, else {@code --runs} or {@code full}. */
    public int repeat(int full) {
        return smoke ? 1 : runs > 0 ? runs : full;
    }

    /** {@code smokeValue} in smoke mode, else {@code fullValue}. */
    public int pick(int smokeValue, int fullValue) {
        return smoke ? smokeValue : fullValue;
    }

    private static String value(String option, Deque<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException(option + " needs a value; see --help");
        }
        return args.pop();
    }

    private static int positive(String option, String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UsageException(option + " needs a positive number, not " + value);
    }
}
