package org.configd.supervisor.spawn;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reports, once, a start that has kept the spawner thread longer than {@link Spawner.SlowStartAlarm#after()}: the
 * start running, not the ones queued behind it, which would all time out too. Each requested spawn has one check
 * at a time, scheduled where the spawn was requested (on configd's supervision loop, where that wakes nothing) and
 * cancelled when it completes; a check that finds its own spawn not done looks at the start running, and looks
 * again later.
 */
final class SlowStartWatch {

    /** The start on the spawner thread now, since when, and whether it was reported. */
    private record Running(String component, long sinceNanos, AtomicBoolean reported) {
    }

    private final Spawner.SlowStartAlarm alarm;
    private volatile Running running;

    SlowStartWatch(Spawner.SlowStartAlarm alarm) {
        this.alarm = alarm;
    }

    /** On the spawner thread: {@code component}'s start begins. */
    void begins(String component) {
        running = new Running(component, System.nanoTime(), new AtomicBoolean());
    }

    /** On the spawner thread: the start that began has ended, one way or another. */
    void ends() {
        running = null;
    }

    /** Checks on {@code result}'s spawn until it completes. A scheduler that refuses leaves it unwatched. */
    void watch(CompletableFuture<?> result) {
        AtomicReference<Runnable> cancel = new AtomicReference<>(() -> { });
        try {
            schedule(result, cancel, alarm.after().toNanos());
        } catch (RejectedExecutionException shuttingDown) {
            return;
        }
        result.whenComplete((child, error) -> cancel.get().run());
    }

    private void schedule(CompletableFuture<?> result, AtomicReference<Runnable> cancel, long delayNanos) {
        cancel.set(alarm.scheduler().schedule(Duration.ofNanos(delayNanos), () -> check(result, cancel)));
    }

    private void check(CompletableFuture<?> result, AtomicReference<Runnable> cancel) {
        if (result.isDone()) {
            return;
        }
        long limit = alarm.after().toNanos();
        long next = limit;
        Running now = running;
        if (now != null) {
            long taken = System.nanoTime() - now.sinceNanos();
            if (taken < limit) {
                next = limit - taken; // the running start is young: look again when it would be too old
            } else if (now.reported().compareAndSet(false, true)) {
                alarm.report().accept("starting " + now.component() + " has taken " + taken / 1_000_000
                        + " ms so far: configd waits for its program, working directory or user, one of which does"
                        + " not answer, and every later start waits behind it; check the network file systems and"
                        + " directory services " + now.component() + " uses");
            }
        }
        try {
            schedule(result, cancel, next);
        } catch (RejectedExecutionException shuttingDown) {
            // configd stops: nothing left to tell
        }
    }
}
