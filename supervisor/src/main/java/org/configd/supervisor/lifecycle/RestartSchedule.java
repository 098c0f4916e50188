package org.configd.supervisor.lifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential backoff for crash restarts: the first delay, doubling up to a cap, and back to the first delay
 * once a process has stayed up for {@code resetAfter}.
 */
public record RestartSchedule(Duration initialDelay, Duration maxDelay, Duration resetAfter) {

    public static final RestartSchedule DEFAULT =
            new RestartSchedule(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public RestartSchedule {
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive: " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is below initialDelay " + initialDelay);
        }
    }

    /**
     * The delay before the next restart.
     *
     * @param previous  the delay used for the previous restart, or {@link Duration#ZERO} for none
     * @param startedAt when the process that just crashed was started
     * @param now       when it ended
     */
    public Duration next(Duration previous, Instant startedAt, Instant now) {
        boolean stayedUp = startedAt != null && Duration.between(startedAt, now).compareTo(resetAfter) >= 0;
        if (previous.isZero() || stayedUp) {
            return initialDelay;
        }
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
    }
}
