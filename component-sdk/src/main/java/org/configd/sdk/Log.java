package org.configd.sdk;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A logger for components: it writes to stderr, which configd reads into its unified log, and starts every line with
 * an sd-daemon priority prefix that sets the line's level there: {@code <3>} error, {@code <4>} warning,
 * {@code <5>} notice, {@code <6>} info, {@code <7>} debug.
 *
 * <p>Thread-safe. A message becomes one {@code write} to the stream, whatever its length, so lines of two threads
 * never interleave; a message of several lines (or a stack trace) gets the prefix on each of its lines, so every
 * line keeps its level. configd filters by level ({@code configd.log.level}), so debug lines cost little more than
 * the write. Time, component name and pid are added by configd: do not repeat them.
 *
 * <pre>{@code
 * private static final Log LOG = Log.stderr();
 * LOG.info("listening on port %d", port);      // <6>listening on port 8080
 * }</pre>
 */
public final class Log {

    private static final Log STDERR = new Log(new FileOutputStream(FileDescriptor.err));

    private final OutputStream out;

    private Log(OutputStream out) {
        this.out = out;
    }

    /** The logger on the process's stderr (fd 2), shared by every caller. */
    public static Log stderr() {
        return STDERR;
    }

    /** A logger writing to {@code out} instead, e.g. for a test; the stream is flushed after every message. */
    public static Log to(OutputStream out) {
        return new Log(Objects.requireNonNull(out, "out"));
    }

    /** Something failed: {@code <3>}. */
    public void error(String message) {
        write(3, message, null);
    }

    /** Something failed, with the exception's stack trace, each line at {@code <3>}. */
    public void error(String message, Throwable failure) {
        write(3, message, failure);
    }

    /** {@link #error(String)} with {@link String#format(String, Object...)}. */
    public void error(String format, Object... args) {
        write(3, format(format, args), null);
    }

    /** Something is not as it should be, but work goes on: {@code <4>}. */
    public void warning(String message) {
        write(4, message, null);
    }

    /** {@link #warning(String)} with {@link String#format(String, Object...)}. */
    public void warning(String format, Object... args) {
        write(4, format(format, args), null);
    }

    /** A normal but significant event, such as a reload: {@code <5>}. */
    public void notice(String message) {
        write(5, message, null);
    }

    /** {@link #notice(String)} with {@link String#format(String, Object...)}. */
    public void notice(String format, Object... args) {
        write(5, format(format, args), null);
    }

    /** Information: {@code <6>}. */
    public void info(String message) {
        write(6, message, null);
    }

    /** {@link #info(String)} with {@link String#format(String, Object...)}. */
    public void info(String format, Object... args) {
        write(6, format(format, args), null);
    }

    /** Detail for whoever investigates: {@code <7>}. */
    public void debug(String message) {
        write(7, message, null);
    }

    /** {@link #debug(String)} with {@link String#format(String, Object...)}. */
    public void debug(String format, Object... args) {
        write(7, format(format, args), null);
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private void write(int priority, String message, Throwable failure) {
        String text = String.valueOf(message);
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            text = text + "\n" + trace.toString().stripTrailing();
        }
        StringBuilder lines = new StringBuilder(text.length() + 8);
        String prefix = "<" + priority + ">";
        // A trailing line break would otherwise become an empty record.
        for (String line : text.replaceFirst("(\r?\n)+$", "").split("\r?\n", -1)) {
            lines.append(prefix).append(line).append('\n');
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // stderr is gone (configd's log pipe closed): there is nowhere left to say so.
            }
        }
    }
}
