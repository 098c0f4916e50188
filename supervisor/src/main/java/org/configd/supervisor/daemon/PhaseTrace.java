package org.configd.supervisor.daemon;

import java.io.PrintStream;

/**
 * With {@code -Dconfigd.trace=true}, prints when each phase of configd's start (after main(); the JVM's own
 * start, about 70 ms here, comes before) and of its shutdown (after the request to stop) was reached: the tool
 * behind the start-up and stop figures in benchmarks/README.md.
 */
final class PhaseTrace {

    private static final boolean ON = Boolean.getBoolean("configd.trace");
    private static final long MAIN = System.nanoTime();
    private static volatile long stopAsked;

    private PhaseTrace() {}

    /** Marks the moment configd was asked to stop; later {@link #stopMark}s count from it. */
    static void stopAsked() {
        stopAsked = System.nanoTime();
    }

    static void stopMark(PrintStream out, String phase) {
        if (ON) {
            long now = System.nanoTime();
            out.println("stop: " + (now - stopAsked) / 1000 + " us after the request (monotonic " + now + " ns): "
                    + phase);
        }
    }

    static void mark(PrintStream out, String phase) {
        if (ON) {
            out.println("startup: " + (System.nanoTime() - MAIN) / 1_000_000 + " ms after main: " + phase);
        }
    }
}
