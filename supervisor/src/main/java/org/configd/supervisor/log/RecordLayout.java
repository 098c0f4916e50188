package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;
import org.apache.logging.log4j.core.layout.ByteBufferDestination;
import org.apache.logging.log4j.message.Message;

/**
 * Renders Log4j events as unified-log records ({@link LogRecordFormat}): {@link ComponentLines} as their component's
 * records, written as bytes by a {@link LineRenderer}, anything else as one of configd's own, with configd's pid and
 * any exception as the error. Built and attached by hand, so it needs no plugin annotations.
 */
final class RecordLayout extends AbstractStringLayout {

    private static final long CONFIGD_PID = ProcessHandle.current().pid();

    private final LogRecordFormat format;
    /** Per thread: the writer thread of the log, and whoever logs while records go straight to stderr. */
    private static final ThreadLocal<LineRenderer> RENDERER = ThreadLocal.withInitial(LineRenderer::new);

    RecordLayout(LogRecordFormat format) {
        super(UTF_8);
        this.format = format;
    }

    @Override
    public String toSerializable(LogEvent event) {
        if (event.getMessage() instanceof ComponentLines lines) {
            ByteBuilder bytes = RENDERER.get().render(format, event.getTimeMillis(), lines);
            return new String(bytes.array(), 0, bytes.length(), UTF_8);
        }
        StringBuilder text = getStringBuilder();
        render(event, text);
        return text.toString();
    }

    /** The path the appenders take: renders into a reused builder, with no intermediate String or byte array. */
    @Override
    public void encode(LogEvent event, ByteBufferDestination destination) {
        if (event.getMessage() instanceof ComponentLines lines) {
            ByteBuilder bytes = RENDERER.get().render(format, event.getTimeMillis(), lines);
            destination.writeBytes(bytes.array(), 0, bytes.length());
            return;
        }
        StringBuilder text = getStringBuilder();
        render(event, text);
        getStringBuilderEncoder().encode(text, destination);
    }

    private void render(LogEvent event, StringBuilder out) {
        Message message = event.getMessage();
        format.append(out, event.getTimeMillis(), event.getLevel(), LogRecord.CONFIGD, CONFIGD_PID,
                String.valueOf(message.getFormattedMessage()), stackTrace(event.getThrown()));
    }

    private static String stackTrace(Throwable error) {
        if (error == null) {
            return null;
        }
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        String trace = text.toString().replace("\r\n", "\n");
        return trace.endsWith("\n") ? trace.substring(0, trace.length() - 1) : trace;
    }
}
