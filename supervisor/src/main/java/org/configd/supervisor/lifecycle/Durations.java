package org.configd.supervisor.lifecycle;

import java.time.Duration;

/** Durations the way an operator writes them: 100ms, 1.6s, 30s, 2m. */
public final class Durations {

    private Durations() {}

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format("%.1fs", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s % 60 == 0 ? (s / 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
    }
}
