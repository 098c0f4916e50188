package org.configd.supervisor.config;

/**
 * Where a component's stdout goes: into the unified log like its stderr, or to {@code /dev/null}.
 * In the configuration: {@code log}, {@code null} ({@link #configName()}).
 */
public enum StdoutMode implements ConfigChoice {
    LOG,
    NULL
}
