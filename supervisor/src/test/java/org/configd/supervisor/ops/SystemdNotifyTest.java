package org.configd.supervisor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.configd.supervisor.daemon.SystemdNotify;
import org.configd.supervisor.spawn.PosixException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdNotifyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @Test
    void sendsEachMessageAsOneDatagramToAPath(@TempDir Path dir) throws Exception {
        String path = dir.resolve("notify").toString();
        try (NotifySocket systemd = new NotifySocket(path)) {
            SystemdNotify notify = SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", path));
            assertTrue(notify.enabled());
            notify.send("READY=1\nSTATUS=generation 1");
            notify.send("STOPPING=1");
            assertEquals("READY=1\nSTATUS=generation 1", systemd.next(DEADLINE));
            assertEquals("STOPPING=1", systemd.next(DEADLINE));
        }
    }

    @Test
    void anAtSignNamesTheAbstractNamespace() throws Exception {
        String name = "configd-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (NotifySocket systemd = new NotifySocket("\0" + name)) {
            SystemdNotify.to("@" + name).send("READY=1");
            assertEquals("READY=1", systemd.next(DEADLINE));
        }
    }

    @Test
    void withoutNotifySocketNothingIsSent() throws Exception {
        SystemdNotify notify = SystemdNotify.fromEnvironment(Map.of());
        assertFalse(notify.enabled());
        notify.send("READY=1");
        assertFalse(SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "")).enabled());
    }

    @Test
    void aSocketThatIsGoneIsAnError(@TempDir Path dir) {
        SystemdNotify notify = SystemdNotify.to(dir.resolve("gone").toString());
        PosixException e = assertThrows(PosixException.class, () -> notify.send("READY=1"));
        assertTrue(e.getMessage().contains("ENOENT"), e.getMessage());
    }

    @Test
    void anAddressThatIsNoSocketIsRefusedWithItsName() {
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
                () -> SystemdNotify.to("run/notify"));
        assertTrue(relative.getMessage().contains("NOTIFY_SOCKET=run/notify"), relative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SystemdNotify.to("/" + "x".repeat(108)));
    }

    @Test
    void theMonotonicClockMovesForward() {
        long first = SystemdNotify.monotonicMicros();
        long second = SystemdNotify.monotonicMicros();
        assertTrue(first > 0 && second >= first, first + " then " + second);
    }
}
