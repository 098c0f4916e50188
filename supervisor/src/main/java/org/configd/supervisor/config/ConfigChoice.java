package org.configd.supervisor.config;

/** An enum whose constants are written in the configuration (and on the wire) by a lower-case name. */
public interface ConfigChoice {

    /** The name used in the configuration and on the wire, e.g. {@code on-demand}. */
    String configName();
}
