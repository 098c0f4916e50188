package org.configd.sdk;

import java.util.Objects;
import java.util.Optional;

/**
 * An on-demand component that {@link Configd#acquire} made sure is running.
 *
 * @param component its name
 * @param pid       its process id
 * @param endpoint  where to reach it: the value of its setting {@code endpoint}, when it has one (e.g. a socket path)
 */
public record Acquired(String component, long pid, Optional<String> endpoint) {

    public Acquired {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
