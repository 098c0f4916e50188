package org.configd.supervisor.log;

import java.net.URI;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.configd.supervisor.config.LogFormat;

/**
 * Where configd's records go while there is no unified log: before {@link UnifiedLog#start} (a configuration error
 * found on the way must still be seen) and after {@link UnifiedLog#close}. Records are written synchronously to
 * stderr, in the text format, from level INFO on.
 *
 * <p>Named by {@code log4j2.configurationFactory} in {@code log4j2.component.properties}, so Log4j2 uses it instead of
 * looking for a configuration file or falling back to its own default (ERROR only, on stdout). Log4j2 instantiates it
 * by reflection: it must stay public with a public no-argument constructor.
 */
public final class StderrConfigurationFactory extends ConfigurationFactory {

    static final String STDERR = "stderr";

    /** Log4j2 creates the factory. */
    public StderrConfigurationFactory() {}

    @Override
    protected String[] getSupportedTypes() {
        return new String[] {"*"}; // any: this factory reads no file
    }

    @Override
    public Configuration getConfiguration(LoggerContext context, ConfigurationSource source) {
        return new StderrConfiguration(context);
    }

    @Override
    public Configuration getConfiguration(LoggerContext context, String name, URI location) {
        return new StderrConfiguration(context);
    }

    /**
     * An appender writing records to configd's stderr. It follows {@code System.setErr}: otherwise it would keep the
     * stream of whichever console appender came first, because Log4j2 shares the console between configurations.
     */
    static Appender stderrAppender(Configuration configuration, Layout<String> layout) {
        return ConsoleAppender.newBuilder()
                .setName(STDERR)
                .setTarget(ConsoleAppender.Target.SYSTEM_ERR)
                .setFollow(true)
                .setLayout(layout)
                .setConfiguration(configuration)
                .build();
    }

    /** The configuration itself: the root logger at INFO, one synchronous stderr appender. */
    static final class StderrConfiguration extends AbstractConfiguration {

        StderrConfiguration(LoggerContext context) {
            super(context, ConfigurationSource.NULL_SOURCE);
            setName("configd-stderr");
            isShutdownHookEnabled = false;
            Appender stderr = stderrAppender(this, new RecordLayout(LogRecordFormat.of(LogFormat.TEXT)));
            addAppender(stderr);
            getRootLogger().addAppender(stderr, null, null);
            getRootLogger().setLevel(Level.INFO);
        }

        /** Everything is set up by the constructor: there is no configuration file to read. */
        @Override
        protected void doConfigure() {}
    }
}
