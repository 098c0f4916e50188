package org.configd.supervisor.cli;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.configd.supervisor.cli.Configctl.UsageException;
import org.configd.supervisor.log.LogRecord;

/**
 * Which records {@code configctl log} shows. Every part is optional (null or empty: no restriction).
 *
 * @param sources      the sources shown: component names, or {@code configd} for configd's own records
 * @param leastSevere  the least severe level shown; that level and every worse one pass
 * @param since        the earliest time shown (inclusive)
 * @param until        the latest time shown (inclusive)
 */
record LogFilter(Set<String> sources, Level leastSevere, Instant since, Instant until) {

    private static final Map<String, Level> LEVELS = Map.of("trace", Level.TRACE, "debug", Level.DEBUG,
            "info", Level.INFO, "warn", Level.WARN, "warning", Level.WARN, "error", Level.ERROR, "err", Level.ERROR,
            "fatal", Level.FATAL);
    static final List<String> LEVEL_NAMES = List.of("trace", "debug", "info", "warn", "error", "fatal");

    LogFilter {
        sources = Set.copyOf(sources);
    }

    boolean matches(LogRecord r) {
        return (sources.isEmpty() || sources.contains(r.source()))
                && (leastSevere == null || r.level().isMoreSpecificThan(leastSevere))
                && (since == null || !r.time().isBefore(since))
                && (until == null || !r.time().isAfter(until));
    }

    /**
     * Whether a file last written at {@code lastModified} may hold a record that passes: every record in a file
     * was made before the file's last write, so a file older than {@code since} holds none.
     */
    boolean mayMatchFileWrittenAt(FileTime lastModified) {
        return since == null || !lastModified.toInstant().isBefore(since);
    }

    /** The level named {@code name} (any case; {@code warning} and {@code err} too). */
    static Level level(String name) throws UsageException {
        Level level = LEVELS.get(name.toLowerCase(Locale.ROOT));
        if (level == null) {
            throw new UsageException("--level '" + name + "' is not a level; use one of "
                    + String.join(", ", LEVEL_NAMES));
        }
        return level;
    }
}
