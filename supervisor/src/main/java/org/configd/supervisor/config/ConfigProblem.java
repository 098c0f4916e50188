package org.configd.supervisor.config;

import com.typesafe.config.ConfigOrigin;
import java.util.Objects;

/**
 * One thing wrong with the configuration, as an operator reads it:
 * {@code /etc/configd/conf.d/10-scan.conf:7: components.scan-engine.stop-timeout = "soon" is not a duration; use a
 * number with a unit, e.g. 500ms, 30s, 2m}.
 *
 * @param origin  where: {@code file:line}, or just the file, or "" when the problem is not in any file
 * @param key     the dotted key the problem is about, or "" (e.g. a syntax error)
 * @param message what is wrong and what is allowed; for a bad value it starts with {@code = <the value>}, so that
 *                the line reads {@code key = value is not ...}
 */
public record ConfigProblem(String origin, String key, String message) {

    public ConfigProblem {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** The problem as one line: {@code origin: key: message} (or {@code key = value ...}), empty parts left out. */
    public String line() {
        StringBuilder line = new StringBuilder();
        if (!origin.isEmpty()) {
            line.append(origin).append(": ");
        }
        if (!key.isEmpty()) {
            line.append(key).append(message.startsWith("= ") ? " " : ": ");
        }
        return line.append(message).toString();
    }

    @Override
    public String toString() {
        return line();
    }

    /** {@code file:line} for a value read from a file, else Typesafe's own description of the origin. */
    static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "";
        }
        String file = origin.filename() != null ? origin.filename() : origin.resource();
        if (file == null) {
            return origin.description();
        }
        return origin.lineNumber() > 0 ? file + ":" + origin.lineNumber() : file;
    }
}
