package org.configd.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Ends an on-demand component that had no work for its idle time limit, with exit 103: configd then marks it idle
 * and starts it again on the next {@code component.acquire}.
 *
 * <p>configd gives an on-demand component its {@code idle-time-limit} as {@code CONFIGD_IDLE_TIME_LIMIT_MS}; without
 * that variable (an always-on component, or one run by hand) the timer does nothing. The clock starts when the timer
 * is made and restarts whenever work ends. Feed it with the component's unit of work:
 *
 * <pre>{@code
 * IdleTimer idle = configd.idleTimer();
 * while (true) {
 *     Socket client = server.accept();
 *     try (IdleTimer.Work work = idle.begin()) {   // no idle exit while a request is being served
 *         serve(client);
 *     }
 * }
 * }</pre>
 *
 * Thread-safe: work may begin and end on many threads; the component counts as idle only when none is under way.
 */
public final class IdleTimer {

    /** A unit of work under way; closing it ends the work and restarts the idle clock. Close it exactly once. */
    public interface Work extends AutoCloseable {
        @Override
        void close();
    }

    private static final Work NOTHING = () -> { };

    private final Duration limit;
    private final Exiter exiter;
    private final Log log;
    private final Object lock = new Object();
    private int busy;            // guarded by lock
    private long lastWorkNanos;  // guarded by lock

    private IdleTimer(Duration limit, Exiter exiter, Log log) {
        this.limit = limit;
        this.exiter = exiter;
        this.log = log;
        this.lastWorkNanos = System.nanoTime();
        if (limit != null) {
            Thread watcher = new Thread(this::watch, "configd-idle-timer");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    /** A timer with {@code limit}, or one that never fires when it is null. */
    static IdleTimer of(Duration limit, Exiter exiter, Log log) {
        return new IdleTimer(limit, Objects.requireNonNull(exiter, "exiter"), Objects.requireNonNull(log, "log"));
    }

    /** The timer for {@code CONFIGD_IDLE_TIME_LIMIT_MS} (milliseconds), or an inactive one when it is unset. */
    static IdleTimer fromEnvironment(String limitMillis, Exiter exiter, Log log) {
        if (limitMillis == null || limitMillis.isBlank()) {
            return of(null, exiter, log);
        }
        try {
            long millis = Long.parseLong(limitMillis.trim());
            if (millis > 0) {
                return of(Duration.ofMillis(millis), exiter, log);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        log.warning("CONFIGD_IDLE_TIME_LIMIT_MS is \"" + limitMillis + "\", not a positive number of milliseconds;"
                + " I will not exit when idle");
        return of(null, exiter, log);
    }

    /** The idle time limit, or empty when this component has none and never exits for being idle. */
    public Optional<Duration> limit() {
        return Optional.ofNullable(limit);
    }

    /** Starts a unit of work: no idle exit until it is closed. */
    public Work begin() {
        if (limit == null) {
            return NOTHING;
        }
        synchronized (lock) {
            busy++;
        }
        return new Work() {
            private boolean closed;

            @Override
            public void close() {
                synchronized (lock) {
                    if (!closed) {
                        closed = true;
                        busy--;
                        lastWorkNanos = System.nanoTime();
                        lock.notifyAll();
                    }
                }
            }
        };
    }

    /** Records a unit of work that just happened: the idle clock starts again now. */
    public void touch() {
        begin().close();
    }

    private void watch() {
        synchronized (lock) {
            while (true) {
                long idleNanos = limit.toNanos() - (System.nanoTime() - lastWorkNanos);
                if (busy == 0 && idleNanos <= 0) {
                    break;
                }
                try {
                    // Work that ends notifies; otherwise wake when the limit would be reached.
                    long millis = busy > 0 ? 0 : Math.max(1, (idleNanos + 999_999) / 1_000_000);
                    lock.wait(millis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        log.info("no work for " + limit.toMillis() + " ms (my idle-time-limit); exiting 103 until configd is asked"
                + " for me again");
        exiter.exit(Exit.IDLE);
    }
}
