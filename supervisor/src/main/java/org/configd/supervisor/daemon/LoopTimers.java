package org.configd.supervisor.daemon;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.configd.supervisor.lifecycle.Timers;

/** The supervisor's timers on the supervision event loop, with the wall clock. */
final class LoopTimers implements Timers {

    private final EventLoop loop;

    LoopTimers(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
