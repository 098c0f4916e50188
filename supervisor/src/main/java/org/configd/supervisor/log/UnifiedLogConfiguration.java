package org.configd.supervisor.log;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.appender.rolling.DefaultRolloverStrategy;
import org.apache.logging.log4j.core.appender.rolling.SizeBasedTriggeringPolicy;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.configd.supervisor.config.LogSettings;

/**
 * The Log4j2 configuration of the unified log, built in code from {@link LogSettings}:
 *
 * <pre>
 * every logger ─▶ root (level) ─▶ AsyncAppender ─┬─▶ RollingFileAppender  file, file.1, file.2 …
 *                                 (blocking queue) └─▶ ConsoleAppender     stderr, when echoed
 * </pre>
 *
 * The queue of the asynchronous appender blocks whoever logs when it is full: no record is dropped, and a component
 * printing faster than the disk takes is slowed down by its full pipe. Rotation is by size; {@code file.1} is the
 * newest rotated file ({@code .gz} when compressed), {@code file.<keep>} the oldest.
 */
final class UnifiedLogConfiguration extends AbstractConfiguration {

    private static final String ASYNC = "unified-log";
    private static final String FILE = "file";
    /**
     * Events waiting for the writer thread: enough for a short disk stall, few enough to push back soon. An event
     * is one of configd's records or the lines of one read of a component's output (at most
     * {@code ComponentOutput.READ_SIZE} = 16 KiB, plus a line begun in an earlier read, at most max-line-length),
     * so with the default settings the queue holds at most 16 MiB of output, and usually far less.
     */
    private static final int QUEUE_SIZE = 512;
    private static final int FILE_BUFFER_SIZE = 64 * 1024;

    UnifiedLogConfiguration(LoggerContext context, LogSettings settings, Level level) {
        super(context, ConfigurationSource.NULL_SOURCE);
        setName("configd-unified-log");
        isShutdownHookEnabled = false;
        RecordLayout layout = new RecordLayout(LogRecordFormat.of(settings.format()));
        List<AppenderRef> targets = new ArrayList<>();
        addAppender(rollingFile(settings, layout));
        targets.add(AppenderRef.createAppenderRef(FILE, null, null));
        if (settings.echoToStderr()) {
            addAppender(StderrConfigurationFactory.stderrAppender(this, layout));
            targets.add(AppenderRef.createAppenderRef(StderrConfigurationFactory.STDERR, null, null));
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

    /** Everything is set up by the constructor: there is no configuration file to read. */
    @Override
    protected void doConfigure() {}

    /** Changes the level threshold of the running configuration. */
    void setLevel(Level level) {
        getRootLogger().setLevel(level);
    }

    private RollingFileAppender rollingFile(LogSettings settings, RecordLayout layout) {
        String file = settings.file().toString();
        RollingFileAppender appender = RollingFileAppender.newBuilder()
                .setName(FILE)
                .setFileName(file)
                .setFilePattern(literal(file) + ".%i" + (settings.compress() ? ".gz" : ""))
                .setPolicy(SizeBasedTriggeringPolicy.createPolicy(Long.toString(settings.rotateSize())))
                .setStrategy(DefaultRolloverStrategy.newBuilder()
                        .setMin("1")
                        .setMax(Integer.toString(settings.rotateKeep()))
                        .setFileIndex("min") // file.1 is the newest rotated file, as with logrotate
                        .setConfig(this)
                        .build())
                .setAppend(true)
                .setBufferedIo(true)
                .setBufferSize(FILE_BUFFER_SIZE)
                .setImmediateFlush(false) // the async appender flushes at the end of each batch
                .setLayout(layout)
                .setConfiguration(this)
                .build();
        if (appender == null) {
            throw new IllegalStateException(
                    "Log4j2 could not open the log file " + file + " (see its status messages).");
        }
        return appender;
    }

    /** The file name as literal text in a Log4j2 file pattern, where {@code %} and {@code ${} have a meaning. */
    private static String literal(String file) {
        return file.replace("%", "%%").replace("${", "$${");
    }
}
