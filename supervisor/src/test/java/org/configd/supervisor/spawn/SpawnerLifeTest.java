package org.configd.supervisor.spawn;

import static org.configd.supervisor.spawn.SpawnFixture.assertThrowsExecution;
import static org.configd.supervisor.spawn.SpawnFixture.end;
import static org.configd.supervisor.spawn.SpawnFixture.release;
import static org.configd.supervisor.spawn.SpawnFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spawner itself, whichever way it starts children: its children die with its thread, a closed one refuses,
 * a helper that is missing or not a program fails cleanly, and the helper's command line.
 */
class SpawnerLifeTest {

    @TempDir
    Path temp;

    @Test
    void failedSpawnAfterOpeningDescriptorsClosesThemAll() throws Exception {
        Path notAProgram = Files.writeString(temp.resolve("setpriv"), "neither ELF nor #!\n");
        Files.setPosixFilePermissions(notAProgram, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Spawner broken = new Spawner(notAProgram)) {
            assertThrowsExecution(() -> broken.spawn(request("/bin/true")).get()); // first use opens what it keeps
            int fdsBefore = Fds.openFdCount();
            int spawns = 20;
            for (int i = 0; i < spawns; i++) {
                ExecutionException failed = assertThrowsExecution(() -> broken.spawn(request("/bin/true")).get());
                SpawnException cause = assertInstanceOf(SpawnException.class, failed.getCause());
                assertEquals("ENOEXEC", cause.failure().errnoName());
            }
            // The JVM's other threads may open or close a file meanwhile (a jar, a cleaned-up stream): a leak is
            // at least one descriptor per failed spawn, so fewer than that many more is no leak.
            int grown = Fds.openFdCount() - fdsBefore;
            assertTrue(grown < spawns, grown + " more descriptors open after " + spawns + " failed spawns");
        }
    }

    /** Every way configd may start components: its spawn library, configd-exec, setpriv. */
    static Stream<ChildStart> starts() {
        return Stream.concat(Stream.of(Spawner.locate()), ExecHelperTest.helpers().map(ThroughHelper::new));
    }

    @ParameterizedTest
    @MethodSource("starts")
    void childDiesWhenTheSpawnerCloses(ChildStart start) throws Exception {
        assertChildDiesWithItsSpawner(start, Optional.empty());
    }

    @ParameterizedTest
    @MethodSource("starts")
    void childOfAnotherUserAlsoDiesWhenTheSpawnerCloses(ChildStart start) throws Exception {
        assumeTrue(SpawnFixture.runningAsRoot(), "switching users needs root");
        assertChildDiesWithItsSpawner(start, Optional.of(new RunAs(65534, 65534, "nobody")));
    }

    @Test
    void userSwitchIsAddedOnlyWithRunAs() {
        ThroughHelper helper = new ThroughHelper(Path.of("/opt/configd/lib/configd-exec"));

        assertEquals(List.of("/opt/configd/lib/configd-exec", "--pdeathsig", "KILL", "--", "/bin/true", "-x"),
                helper.arguments(request("/bin/true", "-x")));
        SpawnRequest asNobody = new SpawnRequest("test", List.of("/bin/true"), Map.of(), Path.of("/"),
                Optional.of(new RunAs(65534, 65533, List.of(65533, 4, 27), "nobody")), true);
        assertEquals(List.of("/opt/configd/lib/configd-exec", "--pdeathsig", "KILL", "--groups=65533,4,27",
                "--regid=65533", "--reuid=65534", "--", "/bin/true"), helper.arguments(asNobody));
    }

    @Test
    void closedSpawnerRefuses() throws Exception {
        Spawner spawner = new Spawner();
        spawner.close();

        ExecutionException refused = assertThrowsExecution(() -> spawner.spawn(request("/bin/true")).get());
        assertInstanceOf(IllegalStateException.class, refused.getCause());
    }

    @Test
    void missingHelperIsOneClearSentence() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> new Spawner(temp.resolve("configd-exec")));
        assertEquals(temp.resolve("configd-exec") + " is not an executable file; configd needs it to start"
                + " components.", missing.getMessage());
    }

    private void assertChildDiesWithItsSpawner(ChildStart start, Optional<RunAs> runAs) throws Exception {
        SpawnRequest request = new SpawnRequest("test", List.of("/bin/sleep", "60"), Map.of(), Path.of("/"), runAs,
                true);
        try (SpawnFixture own = new SpawnFixture(new Spawner(start))) { // its reaping loop outlives the spawner
            Child child = own.spawner.spawn(request).get(SpawnFixture.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            SpawnFixture.Run run = own.watch(child);
            try {
                SpawnFixture.await(() -> commandOf(child.pid()).startsWith("/bin/sleep"), "the child to exec sleep");

                own.spawner.close();

                assertEquals(new ProcessEnd.Killed(SignalNames.SIGKILL, false), end(run));
            } finally {
                release(child);
            }
        }
    }

    private static String commandOf(int pid) {
        try {
            return Arrays.stream(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"))
                    .collect(Collectors.joining(" "));
        } catch (IOException gone) {
            return "";
        }
    }
}
