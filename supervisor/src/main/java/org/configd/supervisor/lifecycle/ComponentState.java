package org.configd.supervisor.lifecycle;

/** Where a component is in its life. The wire and log name is {@link #wireName()}. */
public enum ComponentState {
    /** Not running and not wanted: disabled, or stopped by an operator. */
    STOPPED("stopped"),
    /** Spawned (or being spawned); a {@code readiness = notify} component has not said {@code ready} yet. */
    STARTING("starting"),
    RUNNING("running"),
    /** SIGTERM sent to its process group, stop timer armed; SIGKILL to the group when it runs out. */
    STOPPING("stopping"),
    /** It crashed; a restart is scheduled after a growing delay. */
    BACKOFF("backoff"),
    /** It exited 101: waits until the license changes. */
    WAITING_LICENSE("waiting-license"),
    /** It exited 102, or could not be spawned at all: waits until its configuration changes. */
    WAITING_CONFIG("waiting-config"),
    /** An on-demand component that is not running; the next acquire starts it. */
    IDLE("idle");

    private final String wireName;

    ComponentState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True when a process of this component may exist. */
    public boolean hasProcess() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }
}
