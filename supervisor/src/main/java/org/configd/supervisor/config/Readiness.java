package org.configd.supervisor.config;

/** Whether a component is running as soon as it is spawned, or only once it says {@code ready}. */
public enum Readiness {
    NONE("none"),
    NOTIFY("notify");

    private final String configName;

    Readiness(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration file. */
    public String configName() {
        return configName;
    }
}
