package org.configd.supervisor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.configd.supervisor.e2e.CtlResult;
import org.configd.supervisor.e2e.RunningDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real configd under a stand-in for systemd: the notifications of start, reloads and stop arrive in order. */
class DaemonNotifiesSystemdTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void readyReloadingReadyAndStoppingArriveInOrder(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("configd.conf");
        Files.writeString(config, config("first"));
        String socket = dir.resolve("notify").toString();
        try (NotifySocket systemd = new NotifySocket(socket);
                RunningDaemon configd = RunningDaemon.start(config, dir.resolve("run"), dir.resolve("configd.log"),
                        Map.of("NOTIFY_SOCKET", socket))) {
            String ready = systemd.next(DEADLINE);
            assertEquals("READY=1\nSTATUS=generation 1, 1 of 1 components up, license missing", ready);

            Files.writeString(config, config("second"));
            configd.signal("HUP");
            String reloading = systemd.next(DEADLINE);
            assertTrue(reloading.matches("RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=reloading \\(SIGHUP\\)"),
                    reloading);
            assertTrue(systemd.next(DEADLINE).startsWith("READY=1\nSTATUS=generation 2, "));

            Files.writeString(config, "configd { stop-timeout = \"\n");
            CtlResult rejected = configd.ctl("reload");
            assertEquals(1, rejected.exit(), rejected.toString());
            assertTrue(systemd.next(DEADLINE).startsWith("RELOADING=1\n"));
            assertTrue(systemd.next(DEADLINE).startsWith(
                    "READY=1\nSTATUS=the last reload was rejected (see the log); generation 2, "));

            assertEquals(0, configd.stop());
            assertEquals("STOPPING=1\nSTATUS=stopping every component (SIGTERM)", systemd.next(DEADLINE));
            assertTrue(systemd.pending().isEmpty(), "nothing after STOPPING=1: " + systemd.pending());
        }
    }

    private static String config(String greeting) {
        return """
                configd {
                  run-dir = "run"
                  stop-timeout = 2s
                  log.file = "configd.log"
                  license { file = "license.key" }
                }
                components.sleeper {
                  command = ["/bin/sleep", "1000"]
                  settings.greeting = "%s"
                }
                """.formatted(greeting);
    }
}
