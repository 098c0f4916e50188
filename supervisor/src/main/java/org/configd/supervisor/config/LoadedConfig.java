package org.configd.supervisor.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A whole configuration, parsed from every layer and validated: the daemon's settings and every component.
 *
 * @param daemon     the {@code configd} section
 * @param components every component by name, sorted by name
 * @param sources    the files that were read, in the order they were read (search-path layers, the main file and
 *                   the files of an included directory, then the components' defaults files)
 */
public record LoadedConfig(DaemonSettings daemon, Map<String, ComponentSpec> components, List<Path> sources) {

    public LoadedConfig {
        Objects.requireNonNull(daemon, "daemon");
        components = Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(components)));
        sources = List.copyOf(sources);
    }

    /** The component called {@code name}, if the configuration has one. */
    public Optional<ComponentSpec> component(String name) {
        return Optional.ofNullable(components.get(name));
    }

    /**
     * Whether {@code other} configures the daemon and every component exactly like this one. Unlike
     * {@link #equals}, this ignores which files the values came from: an added empty file changes nothing.
     */
    public boolean sameEffectiveConfiguration(LoadedConfig other) {
        return daemon.equals(other.daemon) && components.equals(other.components);
    }
}
