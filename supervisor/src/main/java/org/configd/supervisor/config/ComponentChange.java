package org.configd.supervisor.config;

/** What a reload changed for one component, and therefore what configd does about it. */
public enum ComponentChange {
    /** New in the configuration: start it if it is wanted. */
    ADDED,
    /** Gone from the configuration: stop it. */
    REMOVED,
    /** Command, user, group, environment, working directory or stdout changed: restart it. */
    PROCESS,
    /** Only its settings or secret-settings changed: SIGHUP and a {@code reload} event. */
    SETTINGS,
    /** Only how configd supervises it changed (timeouts, readiness, start mode, log level): nothing to signal. */
    SUPERVISION,
    /** Nothing changed. */
    UNCHANGED
}
