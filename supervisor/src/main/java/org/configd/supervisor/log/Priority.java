package org.configd.supervisor.log;

import java.util.Optional;
import org.apache.logging.log4j.Level;

/**
 * The sd-daemon priority prefix a component may put in front of a line it prints: {@code <0>} to {@code <7>},
 * the syslog severities, which set the level of that line's record.
 *
 * <pre>
 *   &lt;0&gt; emerg, &lt;1&gt; alert, &lt;2&gt; crit  → FATAL
 *   &lt;3&gt; err                           → ERROR
 *   &lt;4&gt; warning                       → WARN
 *   &lt;5&gt; notice, &lt;6&gt; info             → INFO
 *   &lt;7&gt; debug                         → DEBUG
 * </pre>
 *
 * Anything else ({@code <8>}, {@code <x>}, {@code <12>}) is not a prefix and stays part of the text.
 */
final class Priority {

    /** How many characters a prefix occupies at the start of a line. */
    static final int PREFIX_LENGTH = 3;

    private static final Level[] LEVELS = {
        Level.FATAL, Level.FATAL, Level.FATAL, Level.ERROR, Level.WARN, Level.INFO, Level.INFO, Level.DEBUG
    };

    private Priority() {}

    /** The level set by the line's priority prefix, or empty when the line does not start with one. */
    static Optional<Level> prefixLevel(String line) {
        if (line.length() < PREFIX_LENGTH) {
            return Optional.empty();
        }
        return Optional.ofNullable(level(line.charAt(0), line.charAt(1), line.charAt(2)));
    }

    /** As {@link #prefixLevel(String)}, for a line given as its UTF-8 bytes; null when there is no prefix. */
    static Level prefixLevel(byte[] bytes, int offset, int length) {
        return length < PREFIX_LENGTH ? null : level(bytes[offset], bytes[offset + 1], bytes[offset + 2]);
    }

    private static Level level(int open, int digit, int close) {
        int severity = digit - '0';
        return open == '<' && close == '>' && severity >= 0 && severity < LEVELS.length ? LEVELS[severity] : null;
    }
}
