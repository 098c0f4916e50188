package org.configd.supervisor.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The validated {@code configd.limits} section: what one client of configd's sockets may cost it.
 *
 * @param maxFrameSize       the largest frame body accepted, in bytes
 * @param maxInfoConnections how many connections the public info socket holds at once
 * @param frameTimeout       how long a peer may take to finish sending a frame it started
 */
public record Limits(int maxFrameSize, int maxInfoConnections, Duration frameTimeout) {

    public Limits {
        Objects.requireNonNull(frameTimeout, "frameTimeout");
    }
}
