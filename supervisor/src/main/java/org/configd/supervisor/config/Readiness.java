package org.configd.supervisor.config;

/** How configd learns that a component is up: at once when spawned, or when it sends {@code ready}. */
public enum Readiness implements ConfigChoice {
    NONE("none"),
    NOTIFY("notify");

    private final String configName;

    Readiness(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration and on the wire, e.g. {@code notify}. */
    @Override
    public String configName() {
        return configName;
    }

    @Override
    public String toString() {
        return configName;
    }
}
