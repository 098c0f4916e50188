package org.configd.supervisor.spawn;

import static org.configd.supervisor.spawn.SpawnFixture.DEADLINE;
import static org.configd.supervisor.spawn.SpawnFixture.end;
import static org.configd.supervisor.spawn.SpawnFixture.release;
import static org.configd.supervisor.spawn.SpawnFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The report of a start that keeps the spawner thread too long, with the checks run by hand: which start is named,
 * how often, and that nothing is left scheduled once the starts are done.
 */
class SlowStartAlarmTest {

    private static final Duration LIMIT = Duration.ofMillis(1);

    /** The checks scheduled and not yet run or cancelled; the test runs them. */
    private final List<Runnable> scheduled = new CopyOnWriteArrayList<>();
    private final List<String> reports = new CopyOnWriteArrayList<>();

    @Test
    void theStartThatHangsIsReportedOnceAndNotTheOnesQueuedBehindIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        try (SpawnFixture fixture = new SpawnFixture(new Spawner(Spawner.locate(), new Spawner.SlowStartAlarm(
                this::schedule, LIMIT, reports::add)))) {
            CompletableFuture<Child> stuck;
            CompletableFuture<Child> queued;
            try {
                stuck = fixture.spawner.spawn("stuck", () -> {
                    entered.countDown();
                    answer.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS); // a lookup that does not answer
                    return request("/bin/true");
                });
                queued = fixture.spawner.spawn(request("/bin/echo", "queued"));
                assertTrue(entered.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "the stuck start began");
                long began = System.nanoTime();
                SpawnFixture.await(() -> System.nanoTime() - began > 2 * LIMIT.toNanos(), "the limit to pass");

                runScheduled(); // each start's check: both see "stuck" running too long
                runScheduled(); // and look again later

                assertEquals(1, reports.size(), reports::toString);
                assertTrue(reports.get(0).startsWith("starting stuck has taken "), reports.get(0));
                assertTrue(reports.get(0).endsWith(" ms so far: configd waits for its program, working directory or"
                        + " user, one of which does not answer, and every later start waits behind it; check the"
                        + " network file systems and directory services stuck uses"), reports.get(0));
            } finally {
                answer.countDown();
            }
            for (CompletableFuture<Child> start : List.of(stuck, queued)) {
                SpawnFixture.Run run = fixture.watch(start.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
                end(run);
                release(run.child());
            }
            runScheduled();

            assertEquals(1, reports.size(), reports::toString);
            assertEquals(List.of(), scheduled, "checks left once every start is done");
        }
    }

    private Runnable schedule(Duration delay, Runnable task) {
        scheduled.add(task);
        return () -> scheduled.remove(task);
    }

    private void runScheduled() {
        List<Runnable> now = new ArrayList<>(scheduled);
        scheduled.removeAll(now);
        now.forEach(Runnable::run);
    }
}
