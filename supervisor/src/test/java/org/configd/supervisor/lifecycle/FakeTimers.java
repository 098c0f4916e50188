package org.configd.supervisor.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that moves only when the test says so, and the timers that hang on it. */
final class FakeTimers implements Timers {

    private record Pending(Instant due, Runnable task, boolean[] cancelled) {}

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Pending> pending = new ArrayList<>();

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Pending p = new Pending(now.plus(delay), task, new boolean[1]);
        pending.add(p);
        return () -> p.cancelled()[0] = true;
    }

    /** Moves the clock, running every timer that falls due on the way, in order. */
    void advance(Duration d) {
        Instant end = now.plus(d);
        while (true) {
            Pending next = pending.stream().filter(p -> !p.due().isAfter(end))
                    .min(Comparator.comparing(Pending::due)).orElse(null);
            if (next == null) {
                break;
            }
            pending.remove(next);
            now = next.due();
            if (!next.cancelled()[0]) {
                next.task().run();
            }
        }
        now = end;
    }

    long live() {
        return pending.stream().filter(p -> !p.cancelled()[0]).count();
    }
}
