package org.configd.supervisor.log;

import java.time.ZoneId;
import java.util.Objects;
import org.apache.logging.log4j.Level;
import org.configd.supervisor.config.LogFormat;

/**
 * Writes records of the unified log; {@link LogRecordParser} reads them back ({@code configctl log}). Every record has
 * the same fields whatever made it: time, level, source ({@code configd} or the component's name), pid (configd's for
 * its own records, the component's for its lines), message, and for configd's own records an optional error.
 *
 * <h2>Text</h2>
 * <pre>
 * 2026-11-21T08:52:00.123+01:00 INFO  scan-engine[4711]: message text
 * └──────────── time ─────────┘ └lvl┘ └─ source ─┘└pid┘  └─ message ─┘
 * 2026-11-21T08:52:01.007+01:00 ERROR configd[812]: cannot bind the control socket
 * \tjava.net.BindException: Address already in use
 * \t\tat java.base/sun.nio.ch.Net.bind0(Native Method)
 * </pre>
 * <ul>
 *   <li>time: local time with numeric offset, milliseconds, ISO-8601; one space;</li>
 *   <li>level: {@code TRACE DEBUG INFO WARN ERROR FATAL}, left-aligned in 5 columns; one space;</li>
 *   <li>source, then the pid in brackets, then a colon and one space;</li>
 *   <li>message: escaped (see {@link Escaping}) so that a record is one line: a line feed in a message is written
 *       {@code \n}, a backslash {@code \\}; tabs stay as they are;</li>
 *   <li>error: each line of the stack trace on a following line of its own that starts with a tab and is escaped
 *       the same way. A record line never starts with a tab, so the two cannot be confused.</li>
 * </ul>
 *
 * <h2>JSON lines</h2>
 * <pre>
 * {"time":"2026-11-21T08:52:00.123+01:00","level":"INFO","source":"scan-engine","pid":4711,"message":"…"}
 * </pre>
 * One object per line, fields in this order, {@code "error"} (the whole stack trace as one string) added last when
 * there is one. Strings are JSON strings, so a record is one line here too.
 *
 * <p>Thread-safe.
 */
public final class LogRecordFormat {

    private final LogFormat format;
    private final Timestamps timestamps;

    private LogRecordFormat(LogFormat format, ZoneId zone) {
        this.format = Objects.requireNonNull(format, "format");
        this.timestamps = new Timestamps(Objects.requireNonNull(zone, "zone"));
    }

    /** The format writing times in this machine's time zone. */
    public static LogRecordFormat of(LogFormat format) {
        return new LogRecordFormat(format, ZoneId.systemDefault());
    }

    /** The format writing times in the given time zone. */
    public static LogRecordFormat of(LogFormat format, ZoneId zone) {
        return new LogRecordFormat(format, zone);
    }

    /** The record as written to the log: one line, or in text with an error several, each ending with {@code \n}. */
    public String format(LogRecord record) {
        StringBuilder out = new StringBuilder(128);
        append(out, record.time().toEpochMilli(), record.level(), record.source(), record.pid(), record.message(),
                record.error());
        return out.toString();
    }

    /** Appends a record given by its fields; {@code error} may be null. */
    void append(StringBuilder out, long epochMillis, Level level, String source, long pid, String message,
            String error) {
        if (format == LogFormat.JSON) {
            appendJson(out, epochMillis, level, source, pid, message, error);
        } else {
            appendText(out, epochMillis, level, source, pid, message, error);
        }
    }

    /**
     * What comes before the escaped message in a record without error; {@link #tail} is what follows it. Writers
     * that escape the message themselves ({@link LineRenderer}) frame it with these two.
     */
    void appendHead(StringBuilder out, long epochMillis, Level level, String source, long pid) {
        if (format == LogFormat.JSON) {
            out.append("{\"time\":\"");
            timestamps.append(out, epochMillis);
            out.append("\",\"level\":\"").append(level.name()).append("\",\"source\":");
            Escaping.appendJsonString(out, source);
            out.append(",\"pid\":").append(pid).append(",\"message\":\"");
        } else {
            timestamps.append(out, epochMillis);
            out.append(' ');
            String name = level.name();
            out.append(name);
            for (int pad = name.length(); pad < 5; pad++) {
                out.append(' ');
            }
            out.append(' ').append(source).append('[').append(pid).append("]: ");
        }
    }

    /** What follows the escaped message in a record without error (see {@link #appendHead}). */
    String tail() {
        return format == LogFormat.JSON ? "\"}\n" : "\n";
    }

    /** How a message is escaped between {@link #appendHead} and {@link #tail}. */
    Escaping messageEscaping() {
        return format == LogFormat.JSON ? Escaping.JSON : Escaping.TEXT;
    }

    private void appendText(StringBuilder out, long epochMillis, Level level, String source, long pid,
            String message, String error) {
        appendHead(out, epochMillis, level, source, pid);
        Escaping.TEXT.append(out, message);
        out.append('\n');
        if (error != null) {
            for (String line : error.split("\n", -1)) {
                out.append('\t');
                Escaping.TEXT.append(out, line);
                out.append('\n');
            }
        }
    }

    private void appendJson(StringBuilder out, long epochMillis, Level level, String source, long pid,
            String message, String error) {
        appendHead(out, epochMillis, level, source, pid);
        Escaping.JSON.append(out, message);
        out.append('"');
        if (error != null) {
            out.append(",\"error\":");
            Escaping.appendJsonString(out, error);
        }
        out.append("}\n");
    }
}
