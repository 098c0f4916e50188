package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Objects;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.message.AsynchronouslyFormattable;
import org.apache.logging.log4j.message.Message;

/**
 * Lines one component printed, read together, as one Log4j message: each becomes a record of its own, with the
 * component's name as source, its pid, its own level and the time of the event (see {@link RecordLayout}).
 *
 * <p>The lines stay the bytes the component wrote. One message per read rather than per line is what lets the log
 * keep up with a fast writer: one event, one copy and one hand-over to the writer thread for all the lines a read
 * brought, and no decoding to a String and encoding back (see benchmarks/README.md, the log scenario).
 *
 * <p>Immutable once built, so the asynchronous appender may hand it to its writer thread as it is; the annotation tells
 * Log4j so (otherwise it calls {@link #getFormattedMessage} on the log loop to "freeze" the message, decoding every
 * line for nothing).
 */
@AsynchronouslyFormattable
final class ComponentLines implements Message {

    private final String component;
    private final int pid;
    private final byte[] text;
    /** Line {@code i} is {@code text[ends[i - 1] .. ends[i])}, the first starting at 0. */
    private final int[] ends;
    private final Level[] levels;
    private final Level mostSevere;

    private ComponentLines(String component, int pid, byte[] text, int[] ends, Level[] levels) {
        this.component = Objects.requireNonNull(component, "component");
        this.pid = pid;
        this.text = text;
        this.ends = ends;
        this.levels = levels;
        Level severest = levels[0];
        for (Level level : levels) {
            severest = level.isMoreSpecificThan(severest) ? level : severest;
        }
        this.mostSevere = severest;
    }

    /** One line, given as text. */
    static ComponentLines of(String component, int pid, Level level, String line) {
        byte[] bytes = line.getBytes(UTF_8);
        return new ComponentLines(component, pid, bytes, new int[] {bytes.length}, new Level[] {level});
    }

    String component() {
        return component;
    }

    int pid() {
        return pid;
    }

    int count() {
        return ends.length;
    }

    Level level(int line) {
        return levels[line];
    }

    /** The bytes that hold the lines; line {@code i} runs from {@link #start} to {@link #end}. */
    byte[] bytes() {
        return text;
    }

    int start(int line) {
        return line == 0 ? 0 : ends[line - 1];
    }

    int end(int line) {
        return ends[line];
    }

    /** The level of the message as a whole, the most severe of its lines': Log4j filters by it. */
    Level mostSevere() {
        return mostSevere;
    }

    /** The lines, decoded, one per line: what a layout other than {@link RecordLayout} would show. */
    @Override
    public String getFormattedMessage() {
        StringBuilder lines = new StringBuilder(text.length + count());
        for (int i = 0; i < count(); i++) {
            lines.append(i == 0 ? "" : "\n").append(new String(text, start(i), end(i) - start(i), UTF_8));
        }
        return lines.toString();
    }

    @Override
    public Object[] getParameters() {
        return null;
    }

    @Override
    public Throwable getThrowable() {
        return null;
    }

    /**
     * Collects the lines of one read. Reused from read to read by the thread that reads (the log loop), so its
     * buffers are grown once, not allocated per read.
     */
    static final class Builder {

        private byte[] text = new byte[ComponentOutput.READ_SIZE];
        private int length;
        private int[] ends = new int[256];
        private Level[] levels = new Level[256];
        private int count;

        void add(Level level, byte[] bytes, int offset, int lineLength) {
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
                levels = Arrays.copyOf(levels, count * 2);
            }
            if (text.length - length < lineLength) {
                text = Arrays.copyOf(text, Math.max(text.length * 2, length + lineLength));
            }
            System.arraycopy(bytes, offset, text, length, lineLength);
            length += lineLength;
            ends[count] = length;
            levels[count] = level;
            count++;
        }

        boolean isEmpty() {
            return count == 0;
        }

        /** The lines added since the last build, as a message of their own; the builder is empty again. */
        ComponentLines build(String component, int pid) {
            ComponentLines lines = new ComponentLines(component, pid, Arrays.copyOf(text, length),
                    Arrays.copyOf(ends, count), Arrays.copyOf(levels, count));
            length = 0;
            count = 0;
            return lines;
        }
    }
}
