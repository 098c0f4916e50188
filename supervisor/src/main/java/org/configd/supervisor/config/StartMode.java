package org.configd.supervisor.config;

/** When configd starts a component: at once and kept running, on the first {@code component.acquire}, or never. */
public enum StartMode implements ConfigChoice {
    ALWAYS("always"),
    ON_DEMAND("on-demand"),
    DISABLED("disabled");

    private final String configName;

    StartMode(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration and on the wire, e.g. {@code on-demand}. */
    @Override
    public String configName() {
        return configName;
    }

    @Override
    public String toString() {
        return configName;
    }
}
