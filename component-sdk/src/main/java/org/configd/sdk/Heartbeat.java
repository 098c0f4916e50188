package org.configd.sdk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.configd.protocol.Op;

/**
 * Sends configd a {@code heartbeat} at a fixed interval from a daemon thread, until closed. Made by
 * {@link Configd#startHeartbeat(Duration)}. A heartbeat that fails is skipped: losing the connection is handled by
 * the SDK itself.
 */
public final class Heartbeat implements AutoCloseable {

    private final ScheduledExecutorService timer;

    private Heartbeat(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static Heartbeat start(Connection connection, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive, not " + interval);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "configd-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // In nanoseconds: an interval under a millisecond would be 0 ms, which the executor refuses. Saturated,
        // since toNanos() overflows beyond some 292 years where toMillis() did not.
        long nanos = interval.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : interval.toNanos();
        timer.scheduleWithFixedDelay(() -> {
            if (connection.isLost()) {
                timer.shutdown();
                return;
            }
            try {
                connection.call(Op.HEARTBEAT.wireName(), JsonNodeFactory.instance.objectNode());
            } catch (ConfigdException skipped) {
                // the next one may get through; a lost connection ends the process anyway
            }
        }, 0, nanos, TimeUnit.NANOSECONDS);
        return new Heartbeat(timer);
    }

    /** Stops sending heartbeats. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
