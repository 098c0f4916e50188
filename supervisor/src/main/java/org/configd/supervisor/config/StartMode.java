package org.configd.supervisor.config;

/**
 * When configd starts a component: at once and kept running, on the first {@code component.acquire}, or never.
 * In the configuration: {@code always}, {@code on-demand}, {@code disabled} ({@link #configName()}).
 */
public enum StartMode implements ConfigChoice {
    ALWAYS,
    ON_DEMAND,
    DISABLED
}
