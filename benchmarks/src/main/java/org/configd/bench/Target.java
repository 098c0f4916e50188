package org.configd.bench;

/**
 * A figure's target from issue 6, checked against the figure's median.
 *
 * @param text   as the table shows it, e.g. {@code "≤ 2 ms"}
 * @param limit  the bound, in the figure's unit
 * @param atMost true when the median must not exceed the bound (times, memory), false when it must reach it
 *               (throughput)
 */
public record Target(String text, double limit, boolean atMost) {

    /** The median must be at most {@code limit}. */
    public static Target atMost(double limit, String text) {
        return new Target(text, limit, true);
    }

    /** The median must be at least {@code limit}. */
    public static Target atLeast(double limit, String text) {
        return new Target(text, limit, false);
    }

    /** Whether {@code median} meets the target. */
    public boolean metBy(double median) {
        return atMost ? median <= limit : median >= limit;
    }
}
