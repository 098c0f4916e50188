package org.configd.supervisor.log;

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

    /** The level set by the priority prefix of a line given as its UTF-8 bytes, or null when it has none. */
    static Level prefixLevel(byte[] bytes, int offset, int length) {
        if (length < PREFIX_LENGTH || bytes[offset] != '<' || bytes[offset + 2] != '>') {
            return null;
        }
        int severity = bytes[offset + 1] - '0';
        return severity >= 0 && severity < LEVELS.length ? LEVELS[severity] : null;
    }
}
