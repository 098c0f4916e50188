package org.configd.supervisor.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The validated {@code configd.restart} section: the exponential backoff after a crash.
 *
 * @param initialDelay the delay before the first restart after a crash (greater than zero)
 * @param maxDelay     the cap of the doubling delay (at least {@code initialDelay})
 * @param resetAfter   a component up this long has its delay reset to {@code initialDelay}
 */
public record RestartSettings(Duration initialDelay, Duration maxDelay, Duration resetAfter) {

    public RestartSettings {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "initialDelay must be > 0 and <= maxDelay: " + initialDelay + ", " + maxDelay);
        }
    }
}
