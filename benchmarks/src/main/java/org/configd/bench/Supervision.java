package org.configd.bench;

import java.time.Duration;
import java.util.List;

/**
 * A running supervisor with its fleet, whichever it is: configd ({@link DaemonUnderTest}) or one of issue 6's
 * yardsticks ({@link PeerTree}), so that one measurement can be made of each the same way.
 */
interface Supervision extends AutoCloseable {

    /** {@link System#nanoTime()} just before the supervisor was started. */
    long launchedAt();

    /** Takes the first step of stopping everything; returns {@link System#nanoTime()} just before it. */
    long stop() throws Exception;

    /** Waits until the supervisor and every process under it have ended; returns that moment. */
    long awaitEnd(Duration timeout) throws Exception;

    /** The supervisor's own processes, not the services it runs. */
    List<Long> supervisorPids();
}
