package org.configd.supervisor.config;

import java.util.Objects;
import java.util.Optional;
import org.configd.supervisor.license.License;

/**
 * The configuration and license in force, published as one immutable value: a component started or signalled
 * always sees a complete, consistent set. The generation rises by one exactly when a reload changes the
 * effective configuration or the license.
 *
 * @param generation 1 for the first snapshot, then rising
 * @param config     the validated configuration
 * @param license    the license as loaded with it
 */
public record Snapshot(long generation, LoadedConfig config, License license) {

    public Snapshot {
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be at least 1: " + generation);
        }
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(license, "license");
    }

    /**
     * The snapshot that follows {@code previous} (or the first, when it is {@code null}): same generation when
     * neither the effective configuration nor the license files changed, the next one otherwise.
     */
    public static Snapshot next(Snapshot previous, LoadedConfig config, License license) {
        if (previous == null) {
            return new Snapshot(1, config, license);
        }
        boolean same = previous.config.sameEffectiveConfiguration(config)
                && previous.license.fingerprint().equals(license.fingerprint());
        return new Snapshot(same ? previous.generation : previous.generation + 1, config, license);
    }

    /** The component called {@code name}, if configured. */
    public Optional<ComponentSpec> component(String name) {
        return config.component(name);
    }

    /** The daemon's own settings. */
    public DaemonSettings daemon() {
        return config.daemon();
    }
}
