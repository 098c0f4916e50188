package org.configd.supervisor.log;

import org.apache.logging.log4j.message.Message;

/**
 * A line a component printed, as a Log4j message: it carries the component's name and pid to {@link RecordLayout},
 * which writes them instead of configd's. Immutable, so the asynchronous appender may hand it to its writer thread
 * as it is.
 *
 * @param component the component's name, the record's source
 * @param pid       the component's pid
 * @param text      the line, without its priority prefix
 */
record ComponentMessage(String component, int pid, String text) implements Message {

    @Override
    public String getFormattedMessage() {
        return text;
    }

    @Override
    public Object[] getParameters() {
        return null;
    }

    @Override
    public Throwable getThrowable() {
        return null;
    }
}
