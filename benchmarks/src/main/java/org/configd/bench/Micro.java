package org.configd.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Scenario 9: the JMH micro-benchmarks of {@code org.configd.bench.micro} (and the log path's, which sit in its
 * package), run through JMH's own runner. Every measurement iteration of every fork is one sample, so the median
 * and p90 say how steady the figure is. Smoke mode runs them in this JVM (no forks) with short iterations: a check
 * that they work, not a measurement.
 */
final class Micro implements Scenario {

    @Override
    public String name() {
        return "micro";
    }

    @Override
    public List<Figure> run(Context ctx) throws Exception {
        ChainedOptionsBuilder jmh = new OptionsBuilder()
                .include("org\\.configd\\.bench\\.micro\\..*")
                // the log path's benchmarks sit in its package: its classes are package-private
                .include("org\\.configd\\.supervisor\\.log\\..*Benchmarks")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        if (ctx.options().smoke()) {
            jmh.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(100));
        } else {
            jmh.forks(2).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                    .jvmArgsAppend("-XX:+UseSerialGC", "-Xmx128m"); // configd's own collector and heap cap
        }
        Collection<RunResult> results = new Runner(jmh.build()).run();
        List<Figure> figures = new ArrayList<>();
        for (RunResult run : results) {
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                for (IterationResult it : fork.getIterationResults()) {
                    scores.add(it.getPrimaryResult().getScore());
                }
            }
            String benchmark = run.getParams().getBenchmark().replaceFirst("^.*\\.(\\w+\\.\\w+)$", "$1")
                    + params(run);
            figures.add(Figure.of(name(), benchmark, run.getPrimaryResult().getScoreUnit(), scores));
        }
        return figures;
    }

    /** A parameterised benchmark's parameters, as " (format=TEXT)"; nothing for the others. */
    private static String params(RunResult run) {
        List<String> params = new ArrayList<>();
        for (String key : run.getParams().getParamsKeys()) {
            params.add(key + "=" + run.getParams().getParam(key));
        }
        return params.isEmpty() ? "" : " (" + String.join(", ", params) + ")";
    }
}
