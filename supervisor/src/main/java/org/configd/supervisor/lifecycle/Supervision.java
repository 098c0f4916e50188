package org.configd.supervisor.lifecycle;

import java.time.Duration;
import java.util.Objects;
import org.configd.supervisor.config.Readiness;
import org.configd.supervisor.config.StartMode;

/**
 * The part of a component's configuration that the state machine needs; commands, users and settings are
 * the launcher's business, not the machine's.
 */
public record Supervision(StartMode start, Readiness readiness, Duration stopTimeout, Duration startTimeout) {

    public Supervision {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }
}
