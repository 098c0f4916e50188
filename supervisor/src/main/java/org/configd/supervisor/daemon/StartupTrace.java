package org.configd.supervisor.daemon;

import java.io.PrintStream;

/**
 * With {@code -Dconfigd.trace.startup=true}, prints how long after main() each phase of configd's start was
 * reached (the JVM's own start, about 70 ms here, comes before): the tool behind the start-up figures in
 * benchmarks/README.md.
 */
final class StartupTrace {

    private static final boolean ON = Boolean.getBoolean("configd.trace.startup");
    private static final long MAIN = System.nanoTime();

    private StartupTrace() {}

    static void mark(PrintStream out, String phase) {
        if (ON) {
            out.println("startup: " + (System.nanoTime() - MAIN) / 1_000_000 + " ms after main: " + phase);
        }
    }
}
