package org.configd.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleTimerTest {

    private final RecordingExiter exiter = new RecordingExiter();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    /**
     * Returns once {@code time} has passed, shown by the exit of another idle timer with that limit (which
     * {@link #exits103AfterTheLimitWithoutWork} checks): a wait for an event, not a sleep.
     */
    private static void witness(Duration time) throws Exception {
        RecordingExiter clock = new RecordingExiter();
        IdleTimer.of(time, clock, Log.to(new ByteArrayOutputStream()));
        clock.await(5);
    }

    @Test
    void exits103AfterTheLimitWithoutWork() throws Exception {
        long start = System.nanoTime();
        IdleTimer.fromEnvironment("150", exiter, Log.to(stderr));

        assertEquals(103, exiter.await(5));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
        assertEquals("<6>no work for 150 ms (my idle-time-limit); exiting 103 until configd is asked for me again\n",
                stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void workUnderWayKeepsItAndItsEndRestartsTheClock() throws Exception {
        IdleTimer idle = IdleTimer.fromEnvironment("100", exiter, Log.to(stderr));
        IdleTimer.Work work = idle.begin();

        witness(Duration.ofMillis(400));
        assertFalse(exiter.exited(), "no idle exit while work is under way");

        long ended = System.nanoTime();
        work.close();
        work.close(); // a second close changes nothing
        assertEquals(103, exiter.await(5));
        assertTrue(System.nanoTime() - ended >= Duration.ofMillis(100).toNanos());
    }

    @Test
    void touchRestartsTheClock() throws Exception {
        IdleTimer idle = IdleTimer.fromEnvironment("300", exiter, Log.to(stderr));
        witness(Duration.ofMillis(200));
        long touched = System.nanoTime();
        idle.touch();
        witness(Duration.ofMillis(200));
        assertFalse(exiter.exited(), "400 ms after the start, but only 200 ms after the touch");

        assertEquals(103, exiter.await(5));
        assertTrue(System.nanoTime() - touched >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void withoutALimitItNeverExits() {
        IdleTimer idle = IdleTimer.fromEnvironment(null, exiter, Log.to(stderr));

        idle.begin().close();

        assertTrue(idle.limit().isEmpty());
        assertFalse(exiter.exited());
    }

    @Test
    void aBadLimitIsReportedAndIgnored() {
        IdleTimer idle = IdleTimer.fromEnvironment("soon", exiter, Log.to(stderr));

        assertTrue(idle.limit().isEmpty());
        assertTrue(stderr.toString(StandardCharsets.UTF_8).startsWith("<4>CONFIGD_IDLE_TIME_LIMIT_MS is \"soon\""));
    }
}
