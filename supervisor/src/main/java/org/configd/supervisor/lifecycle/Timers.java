package org.configd.supervisor.lifecycle;

import java.time.Duration;
import java.time.Instant;

/** Time for the supervisor: the clock and one-shot timers, both on the supervision thread. Tests drive it. */
public interface Timers {

    Instant now();

    /** Runs {@code task} on the supervision thread after {@code delay}; the result cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may be called off. */
    interface Cancellable {
        void cancel();
    }
}
