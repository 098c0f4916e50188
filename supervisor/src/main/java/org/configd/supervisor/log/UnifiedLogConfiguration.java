package org.configd.supervisor.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.configd.supervisor.config.LogSettings;

/**
 * The Log4j2 configuration of the unified log, built in code from {@link LogSettings}:
 *
 * <pre>
 * every logger ─▶ root (level) ─▶ AsyncAppender ─┬─▶ RotatingFileAppender file, file.1, file.2 …
 *                                 (blocking queue) └─▶ ConsoleAppender     stderr, when echoed
 * </pre>
 *
 * The queue of the asynchronous appender blocks whoever logs when it is full: no record is dropped, and a component
 * printing faster than the disk takes is slowed down by its full pipe. Rotation is by size; {@code file.1} is the
 * newest rotated file ({@code .gz} when compressed), {@code file.<keep>} the oldest.
 */
final class UnifiedLogConfiguration extends CodeConfiguration {

    private static final String ASYNC = "unified-log";
    private static final String FILE = "file";
    /**
     * Events waiting for the writer thread: enough for a short disk stall, few enough to push back soon. An event
     * is one of configd's records or the lines of one read of a component's output (at most
     * {@code ComponentOutput.READ_SIZE} = 16 KiB, plus a line begun in an earlier read, at most max-line-length),
     * so with the default settings the queue holds at most 16 MiB of output, and usually far less.
     */
    private static final int QUEUE_SIZE = 512;

    /** @throws IOException when the log file cannot be opened */
    UnifiedLogConfiguration(LoggerContext context, LogSettings settings, Level level) throws IOException {
        super(context, "configd-unified-log");
        RecordLayout layout = new RecordLayout(LogRecordFormat.of(settings.format()));
        List<AppenderRef> targets = new ArrayList<>();
        addAppender(new RotatingFileAppender(FILE, layout, settings));
        targets.add(AppenderRef.createAppenderRef(FILE, null, null));
        if (settings.echoToStderr()) {
            addAppender(LogContextFactory.stderrAppender(this, layout));
            targets.add(AppenderRef.createAppenderRef(LogContextFactory.STDERR, null, null));
        }
        Appender async = AsyncAppender.newBuilder()
                .setName(ASYNC)
                .setAppenderRefs(targets.toArray(AppenderRef[]::new))
                .setConfiguration(this)
                .setBlocking(true)
                .setBufferSize(QUEUE_SIZE)
                .setIncludeLocation(false)
                .setShutdownTimeout(0) // on stop, wait until every queued record is written
                .build();
        addAppender(async);
        getRootLogger().addAppender(async, null, null);
        getRootLogger().setLevel(level);
    }

    /** Changes the level threshold of the running configuration. */
    void setLevel(Level level) {
        getRootLogger().setLevel(level);
    }
}
