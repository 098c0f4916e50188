package org.configd.supervisor.log;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.configd.supervisor.config.LogSettings;

/**
 * The unified log: configd's own records and every line its components print, in one file (see
 * {@link LogRecordFormat} for the records, {@link UnifiedLogConfiguration} for how they are written).
 *
 * <p>configd's classes keep logging through {@code LogManager.getLogger(X.class)}; their records get the source
 * {@code configd}. Component lines come in from {@link ComponentOutput}, as {@link ComponentLines} (one Log4j event
 * per read, not per line), or one at a time through {@link #component}.
 *
 * <p>Log4j2 is configured in code; before {@link #start} and after {@link #close} records go to stderr
 * ({@link LogContextFactory}). Log4j2's shutdown hook is off: the daemon calls {@link #close} once every
 * component has stopped, so that their last lines are in the file. There is one Log4j2 context, hence one unified
 * log at a time.
 */
public final class UnifiedLog implements AutoCloseable {

    private static final Logger COMPONENTS = LogManager.getLogger("component");

    private final LoggerContext context;
    /** What the log falls back to at {@link #close}, once {@link #prepareToClose} has started building it. */
    private CompletableFuture<Configuration> standby;
    private volatile LogSettings settings;
    private volatile UnifiedLogConfiguration configuration;
    private boolean closed;

    private UnifiedLog(LoggerContext context, LogSettings settings, UnifiedLogConfiguration configuration) {
        this.context = context;
        this.settings = settings;
        this.configuration = configuration;
    }

    /**
     * Starts writing the unified log as the settings say: creates the log directory when it is missing and switches
     * Log4j2 over from stderr.
     *
     * @throws IOException when the log directory cannot be created or the file cannot be written, with a message an
     *     operator can act on
     * @throws IllegalArgumentException when the settings hold a value configuration validation should have refused
     */
    public static UnifiedLog start(LogSettings settings) throws IOException {
        Level level = checked(settings);
        LoggerContext context = LoggerContext.getContext(false);
        UnifiedLogConfiguration configuration = configuration(context, settings, level);
        context.setConfiguration(configuration);
        return new UnifiedLog(context, settings, configuration);
    }

    /**
     * Applies new settings. A change of level alone takes effect at once, with nothing reopened; any other change
     * switches to a new file appender, and the records queued for the old one are still written to the old file.
     *
     * @throws IOException as {@link #start}; the log then goes on as before
     */
    public synchronized void reconfigure(LogSettings next) throws IOException {
        if (closed) {
            throw new IllegalStateException("The unified log is closed.");
        }
        Level level = checked(next);
        if (sameAppenders(settings, next)) {
            configuration.setLevel(level);
            context.updateLoggers();
        } else {
            UnifiedLogConfiguration replacement = configuration(context, next, level);
            context.setConfiguration(replacement);
            configuration = replacement;
        }
        settings = next;
    }

    /**
     * Logs one line a component printed: one record with the component's name as source and its pid.
     * Blocks while the log's queue is full.
     */
    public void component(String name, int pid, Level level, String line) {
        lines(ComponentLines.of(name, pid, level, line));
    }

    /** Logs lines a component printed, a record each. Blocks while the log's queue is full. */
    void lines(ComponentLines lines) {
        COMPONENTS.log(lines.mostSevere(), lines);
    }

    /** Whether a component's line of this level is logged (the others are left out before they are queued). */
    boolean logs(Level level) {
        return COMPONENTS.isEnabled(level);
    }

    /** The file the log is written to (rotated files are next to it, named {@code <file>.1}, {@code <file>.2}, …). */
    public Path file() {
        return settings.file();
    }

    /**
     * Starts building, on a thread of its own, what {@link #close} switches the log to, initialised so that the
     * switch only has to start it. The daemon calls it once its components have started, and again when its stop
     * begins (a second call does nothing): built in the stop, its 2-8 ms of cold code competed with the components'
     * ends for the CPU, and built at the close they came after the last one.
     */
    public synchronized void prepareToClose() {
        if (standby == null) {
            standby = CompletableFuture.supplyAsync(() -> {
                Configuration stderr = new LogContextFactory.StderrConfiguration(context);
                stderr.initialize();
                return stderr;
            }, task -> {
                Thread builder = new Thread(task, "configd-log-standby");
                builder.setDaemon(true);
                builder.start();
            });
        }
    }

    /**
     * Writes every queued record, closes the file and sends later records to stderr. Call it after every component
     * has been stopped; calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        prepareToClose();
        // Stopping the replaced configuration drains the queue, flushes and closes the file.
        context.setConfiguration(standby.exceptionally(failed -> new LogContextFactory.StderrConfiguration(context))
                .join());
    }

    /** The level the settings name, after making sure the log directory is there. */
    private static Level checked(LogSettings settings) throws IOException {
        Level level = Level.getLevel(settings.level().toUpperCase(Locale.ROOT));
        if (level == null) {
            throw new IllegalArgumentException("The log level \"" + settings.level()
                    + "\" is unknown: use trace, debug, info, warn or error.");
        }
        if (settings.rotateKeep() < 1 || settings.rotateSize() < 1) {
            throw new IllegalArgumentException("The log rotation keeps " + settings.rotateKeep() + " files of "
                    + settings.rotateSize() + " bytes: both must be at least 1.");
        }
        Path directory = settings.file().toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("Cannot create the log directory " + directory + " (" + reason(e)
                    + "): create it writable for configd, or set configd.log.file to another place.", e);
        }
        return level;
    }

    /** The configuration, its file opened: a file that cannot be written is named with what to do about it. */
    private static UnifiedLogConfiguration configuration(LoggerContext context, LogSettings settings, Level level)
            throws IOException {
        try {
            return new UnifiedLogConfiguration(context, settings, level);
        } catch (IOException e) {
            throw new IOException("Cannot write the log file " + settings.file().toAbsolutePath() + " (" + reason(e)
                    + "): make it writable for configd, or set configd.log.file to another place.", e);
        }
    }

    /** Why a file operation failed, in a few words (NIO's own messages are often just the file's name). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is in the way: it is not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName();
    }

    /** Whether two settings are written the same way (level and max-line-length aside: they need no new appender). */
    private static boolean sameAppenders(LogSettings a, LogSettings b) {
        return a.file().equals(b.file()) && a.format() == b.format() && a.rotateSize() == b.rotateSize()
                && a.rotateKeep() == b.rotateKeep() && a.compress() == b.compress()
                && a.echoToStderr() == b.echoToStderr();
    }
}
