package org.configd.bench;

import java.util.List;

/** One end-to-end scenario of issue 6: it runs real configd processes and returns what it measured. */
public interface Scenario {

    /** The name used to select it on the command line, e.g. {@code restart}. */
    String name();

    /**
     * Whether it runs when no scenario is named. One that needs more than configd's own prerequisites, or takes
     * minutes, runs only when named.
     */
    default boolean byDefault() {
        return true;
    }

    /** Runs it (once in smoke mode, repeatedly otherwise) and returns its figures. */
    List<Figure> run(Context ctx) throws Exception;
}
