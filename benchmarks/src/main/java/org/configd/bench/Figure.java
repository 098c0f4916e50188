package org.configd.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One measured figure: its samples over repeated runs, summarised as median and p90.
 *
 * @param scenario the scenario that measured it, e.g. {@code restart}
 * @param name     what was measured, in an operator's words
 * @param unit     the unit of every sample
 * @param samples  one value per run (or per restart, per window...), in the order measured
 * @param target   the target from the issue, or null when the figure is there for understanding
 * @param note     how it was measured when that is not obvious from the name, or null
 */
public record Figure(String scenario, String name, String unit, List<Double> samples, Target target, String note) {

    public Figure {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("figure '" + name + "' has no samples");
        }
    }

    /** A figure without a target. */
    public static Figure of(String scenario, String name, String unit, List<Double> samples) {
        return new Figure(scenario, name, unit, samples, null, null);
    }

    /** The same figure with a target. */
    public Figure withTarget(Target value) {
        return new Figure(scenario, name, unit, samples, value, note);
    }

    /** The same figure with a note on how it was measured. */
    public Figure withNote(String value) {
        return new Figure(scenario, name, unit, samples, target, value);
    }

    public double median() {
        return percentile(50);
    }

    public double p90() {
        return percentile(90);
    }

    /** Whether the median meets the target; null without a target. */
    public Boolean met() {
        return target == null ? null : target.metBy(median());
    }

    /** The nearest-rank percentile: a value that was actually measured, never an interpolation. */
    public double percentile(double p) {
        return percentile(samples, p);
    }

    /** The nearest-rank percentile of {@code values} (not empty). */
    public static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(nearestRank(sorted.size(), p));
    }

    /** The nearest-rank percentile of {@code sorted} (ascending, not empty). */
    public static long percentile(long[] sorted, double p) {
        return sorted[nearestRank(sorted.length, p)];
    }

    /** The index of the nearest-rank percentile {@code p} among {@code size} sorted values (size &gt; 0). */
    private static int nearestRank(int size, double p) {
        int rank = (int) Math.ceil(p / 100.0 * size);
        return Math.max(0, Math.min(size - 1, rank - 1));
    }
}
