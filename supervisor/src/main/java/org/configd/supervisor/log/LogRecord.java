package org.configd.supervisor.log;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.logging.log4j.Level;

/**
 * One record of the unified log, as {@link LogRecordFormat} writes it and {@link LogRecordParser} reads it back.
 *
 * @param time    when the record was made, to the millisecond
 * @param level   its level
 * @param source  {@value #CONFIGD} for configd's own records, otherwise the name of the component that printed it
 * @param pid     the pid of configd, or of the component, that made it
 * @param message the message: one line of a component's output, or configd's message; any text
 * @param error   the stack trace of the error attached to one of configd's own records, or {@code null}
 */
public record LogRecord(Instant time, Level level, String source, long pid, String message, String error) {

    /** The source of configd's own records. */
    public static final String CONFIGD = "configd";

    public LogRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** The stack trace of the attached error, if there is one. */
    public Optional<String> errorText() {
        return Optional.ofNullable(error);
    }
}
