package org.configd.supervisor.daemon;

import java.io.PrintStream;

/**
 * With {@code -Dconfigd.trace=true}, prints when each phase of configd's start (after main(); the JVM's own
 * start, about 70 ms here, comes before), of its shutdown (after the request to stop) and of every restart was
 * reached: the tool behind the start-up, stop and restart figures in benchmarks/README.md.
 */
final class PhaseTrace {

    static final boolean ON = Boolean.getBoolean("configd.trace");
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

    /**
     * One restart, from the moment configd saw the old process end (its pidfd) to the new one adopted, each step in
     * microseconds from that moment: the drain of its output, the successor's launch begun (the decision made), its
     * spawn handed to the spawner thread, posix_spawn returned, the child adopted on the supervision loop.
     */
    static void restart(PrintStream out, String component, long[] stamps) {
        StringBuilder line = new StringBuilder("restart: ").append(component).append(" (us after its end was seen):");
        String[] steps = {"output drained", "launch begun", "spawn requested", "spawned", "adopted"};
        for (int i = 0; i < steps.length; i++) {
            line.append(i == 0 ? " " : ", ").append(steps[i]).append(' ')
                    .append((stamps[i + 1] - stamps[0]) / 1000);
        }
        out.println(line);
    }

    static void mark(PrintStream out, String phase) {
        if (ON) {
            out.println("startup: " + (System.nanoTime() - MAIN) / 1_000_000 + " ms after main: " + phase);
        }
    }
}
