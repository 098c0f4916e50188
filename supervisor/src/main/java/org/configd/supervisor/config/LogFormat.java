package org.configd.supervisor.config;

/** How the unified log writes its records: one human-readable line, or one JSON object per line. */
public enum LogFormat {
    TEXT,
    JSON
}
