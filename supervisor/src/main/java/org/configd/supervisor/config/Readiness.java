package org.configd.supervisor.config;

/**
 * How configd learns that a component is up: at once when spawned, or when it sends {@code ready}.
 * In the configuration: {@code none}, {@code notify} ({@link #configName()}).
 */
public enum Readiness implements ConfigChoice {
    NONE,
    NOTIFY
}
