package org.configd.supervisor.config;

/** Where a component's stdout goes: into the unified log like its stderr, or to {@code /dev/null}. */
public enum StdoutMode implements ConfigChoice {
    LOG("log"),
    NULL("null");

    private final String configName;

    StdoutMode(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration and on the wire, e.g. {@code null}. */
    @Override
    public String configName() {
        return configName;
    }

    @Override
    public String toString() {
        return configName;
    }
}
