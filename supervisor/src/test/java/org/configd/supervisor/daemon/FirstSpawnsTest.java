package org.configd.supervisor.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.configd.supervisor.config.ConfigLoader;
import org.configd.supervisor.config.LoadedConfig;
import org.configd.supervisor.config.Readiness;
import org.configd.supervisor.config.Snapshot;
import org.configd.supervisor.config.StartMode;
import org.configd.supervisor.license.LicenseLoader;
import org.configd.supervisor.lifecycle.Launcher;
import org.configd.supervisor.lifecycle.RestartSchedule;
import org.configd.supervisor.lifecycle.Supervision;
import org.configd.supervisor.lifecycle.Supervisor;
import org.configd.supervisor.lifecycle.Timers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When configd counts as started (systemd's READY=1, the log's preparation for its close): every always-on component
 * of the first generation has had its first spawn, on-demand ones aside, and one a reload removed meanwhile is not
 * waited for (before, such a start was never over: READY=1 never came, and the check ran every 10 ms for good).
 */
class FirstSpawnsTest {

    private final Map<String, Long> launches = new HashMap<>();
    private final Supervisor supervisor = new Supervisor(Runnable::run, new Launcher() {
        @Override
        public void launch(String name, long launch) {
            launches.put(name, launch);
        }

        @Override
        public void signalGroup(int pid, int signal) {}

        @Override
        public void signalProcess(int pid, int signal) {}

        @Override
        public void sendReload(String name, long generation) {}
    }, new Timers() {
        @Override
        public Instant now() {
            return Instant.EPOCH;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return () -> { };
        }
    }, report -> { });

    @Test
    void doneOnceEveryAlwaysOnComponentHasSpawnedOrWasRemoved(@TempDir Path dir) throws Exception {
        Snapshot first = firstGeneration(dir, """
                components.a { command = ["/bin/true"] }
                components.b { command = ["/bin/true"] }
                components.c { command = ["/bin/true"], start = on-demand }
                """);

        supervise("a", "b", "c");
        assertFalse(Daemon.firstSpawnsDone(first, supervisor.status()), "nothing spawned yet");
        supervisor.spawned("a", launches.get("a"), 100);
        assertFalse(Daemon.firstSpawnsDone(first, supervisor.status()), "b is still waiting");
        supervisor.spawned("b", launches.get("b"), 101);
        assertTrue(Daemon.firstSpawnsDone(first, supervisor.status()), "c is on demand: not waited for");
    }

    @Test
    void aComponentRemovedBeforeItsFirstSpawnIsNotWaitedFor(@TempDir Path dir) throws Exception {
        Snapshot first = firstGeneration(dir, """
                components.a { command = ["/bin/true"] }
                components.b { command = ["/bin/true"] }
                """);

        supervise("a"); // b is gone from the supervisor, as after a reload that dropped it
        assertFalse(Daemon.firstSpawnsDone(first, supervisor.status()));
        supervisor.spawned("a", launches.get("a"), 100);
        assertTrue(Daemon.firstSpawnsDone(first, supervisor.status()));
    }

    private static Snapshot firstGeneration(Path dir, String configuration) throws Exception {
        Path file = dir.resolve("configd.conf");
        Files.writeString(file, configuration);
        LoadedConfig config = ConfigLoader.load(file, List.of());
        return Snapshot.next(null, config, LicenseLoader.load(config.daemon().license()));
    }

    private void supervise(String... names) {
        Map<String, Supervision> wanted = new LinkedHashMap<>();
        for (String name : names) {
            wanted.put(name, new Supervision(name.equals("c") ? StartMode.ON_DEMAND : StartMode.ALWAYS,
                    Readiness.NONE, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        }
        supervisor.reconfigure(1, RestartSchedule.DEFAULT, wanted, Set.of(), Set.of(), false);
    }
}
