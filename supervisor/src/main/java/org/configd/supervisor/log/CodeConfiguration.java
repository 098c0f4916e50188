package org.configd.supervisor.log;

import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.ConfigurationSource;

/** A Log4j2 configuration built in code by its constructor: there is no file to read. */
abstract class CodeConfiguration extends AbstractConfiguration {

    CodeConfiguration(LoggerContext context, String name) {
        super(context, ConfigurationSource.NULL_SOURCE);
        setName(name);
        isShutdownHookEnabled = false; // configd closes the log itself, after its components' last lines
    }

    /** Everything is set up by the constructor. */
    @Override
    protected void doConfigure() {}
}
