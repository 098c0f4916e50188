package org.configd.supervisor.config;

/** When configd starts a component: at boot, when someone acquires it, or never. */
public enum StartMode {
    ALWAYS("always"),
    ON_DEMAND("on-demand"),
    DISABLED("disabled");

    private final String configName;

    StartMode(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration file and on the wire. */
    public String configName() {
        return configName;
    }
}
