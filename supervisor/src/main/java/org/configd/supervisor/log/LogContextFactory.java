package org.configd.supervisor.log;

import java.net.URI;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LifeCycle;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.configd.supervisor.config.LogFormat;

/**
 * How Log4j2 starts in configd: its logger context begins with {@link StderrConfiguration}, records written
 * synchronously to stderr in the text format from level INFO on, until {@link UnifiedLog#start} switches to the
 * unified log (and again after {@link UnifiedLog#close}): a configuration error found on the way must still be seen.
 *
 * <p>Named by {@code log4j2.loggerContextFactory} in {@code log4j2.component.properties}. Starting the context with
 * a configuration in hand skips Log4j2's ConfigurationFactory, which would look for configuration files and
 * instantiate every configuration factory it ships (the JSON and YAML ones load Jackson's ObjectMapper to see whether
 * it is there): the first logger took 400-510 ms in a fresh JVM that way, 290-400 ms this way. Log4j2 instantiates
 * this class by reflection: it must stay public with a public no-argument constructor.
 */
public final class LogContextFactory extends Log4jContextFactory {

    static final String STDERR = "stderr";

    /** Log4j2 creates the factory. */
    public LogContextFactory() {}

    @Override
    public LoggerContext getContext(String fqcn, ClassLoader loader, Object externalContext, boolean currentContext) {
        return started(getSelector().getContext(fqcn, loader, currentContext), externalContext);
    }

    /** The variant LogManager uses for most loggers; a configuration file given by location is Log4j2's to read. */
    @Override
    public LoggerContext getContext(String fqcn, ClassLoader loader, Object externalContext, boolean currentContext,
            URI configLocation, String name) {
        if (configLocation != null) {
            return super.getContext(fqcn, loader, externalContext, currentContext, configLocation, name);
        }
        LoggerContext context = getSelector().getContext(fqcn, loader, currentContext, null);
        if (name != null) {
            context.setName(name);
        }
        return started(context, externalContext);
    }

    private static LoggerContext started(LoggerContext context, Object externalContext) {
        if (externalContext != null && context.getExternalContext() == null) {
            context.setExternalContext(externalContext);
        }
        if (context.getState() == LifeCycle.State.INITIALIZED) {
            startOnStderr(context);
        }
        return context;
    }

    /** Starts a new context the way configd's starts: with {@link StderrConfiguration}. */
    static void startOnStderr(LoggerContext context) {
        context.start(new StderrConfiguration(context));
    }

    /**
     * An appender writing records to configd's stderr. It follows {@code System.setErr}: otherwise it would keep the
     * stream of whichever console appender came first, because Log4j2 shares the console between configurations.
     */
    static Appender stderrAppender(Configuration configuration, Layout<String> layout) {
        return new StderrAppenderBuilder()
                .setName(STDERR)
                .setTarget(ConsoleAppender.Target.SYSTEM_ERR)
                .setFollow(true)
                .setLayout(layout)
                .setConfiguration(configuration)
                .build();
    }

    /**
     * Log4j2's console appender builder, without its check by reflection. Before it builds, it checks its fields
     * against their annotations ({@code PluginBuilder.validateFields}), and the first such check makes a proxy class
     * for each annotation type it reads: ~20 ms of configd's start, on the way to serving. The one field it requires,
     * the name, is checked here instead.
     */
    private static final class StderrAppenderBuilder extends ConsoleAppender.Builder<StderrAppenderBuilder> {
        @Override
        public boolean isValid() {
            return getName() != null;
        }
    }

    /** The configuration without a unified log: the root logger at INFO, one synchronous stderr appender. */
    static final class StderrConfiguration extends CodeConfiguration {

        StderrConfiguration(LoggerContext context) {
            super(context, "configd-stderr");
            Appender stderr = stderrAppender(this, new RecordLayout(LogRecordFormat.of(LogFormat.TEXT)));
            addAppender(stderr);
            getRootLogger().addAppender(stderr, null, null);
            getRootLogger().setLevel(Level.INFO);
        }
    }
}
