package org.configd.supervisor.spawn;

import static org.configd.supervisor.spawn.SpawnFixture.end;
import static org.configd.supervisor.spawn.SpawnFixture.request;
import static org.configd.supervisor.spawn.SpawnFixture.shell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a child gets, started the best way there is (configd's spawn library); SpawnerThroughHelperTest asks the
 * same of a child started through configd-exec. The spawner itself: SpawnerLifeTest.
 */
class SpawnerTest {

    static SpawnFixture fixture;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSpawner() {
        fixture = new SpawnFixture();
    }

    @AfterAll
    static void stopSpawner() {
        fixture.close();
    }

    @Test
    void childHasExactlyDevNullThePipeTwiceAndTheChannel() throws Exception {
        String listing = fixture.outputOf(shell("ls -l /proc/$$/fd"));

        Map<Integer, String> fds = new TreeMap<>();
        listing.lines().filter(line -> line.contains(" -> ")).forEach(line -> {
            String[] fields = line.substring(0, line.indexOf(" -> ")).trim().split("\\s+");
            fds.put(Integer.parseInt(fields[fields.length - 1]), line.substring(line.indexOf(" -> ") + 4));
        });
        assertEquals(List.of(0, 1, 2, 3), List.copyOf(fds.keySet()), listing);
        assertEquals("/dev/null", fds.get(0));
        assertTrue(fds.get(1).startsWith("pipe:"), listing);
        assertEquals(fds.get(1), fds.get(2));
        assertTrue(fds.get(3).startsWith("socket:"), listing);
    }

    @Test
    void childHasNoBlockedAndNoIgnoredSignals() throws Exception {
        // exec: grep inherits the mask and ignored signals; the shell itself blocks everything around a fork.
        String status = fixture.outputOf(shell("exec grep -E '^Sig(Blk|Ign)' /proc/self/status"));

        assertEquals("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n", status);
    }

    @Test
    void channelCarriesLinesBothWays() throws Exception {
        fixture.use(shell("echo hi >&3; read line <&3; echo \"got $line\""), run -> {
            assertEquals("hi\n", SpawnFixture.readAtLeast(run.child().channelFd(), 3));
            SpawnFixture.write(run.child().channelFd(), "ping\n");
            assertEquals("got ping\n", SpawnFixture.readToEnd(run.child().outputFd()));
            assertEquals(new ProcessEnd.Exited(0), end(run));
        });
    }

    @Test
    void configdKeepsNonBlockingEnds() throws Exception {
        fixture.use(request("/bin/true"), run -> {
            assertTrue(Fds.isNonBlocking(run.child().channelFd()));
            assertTrue(Fds.isNonBlocking(run.child().outputFd()));
            end(run);
        });
    }

    @Test
    void childLeadsItsOwnSessionAndProcessGroup() throws Exception {
        fixture.use(shell("cat /proc/$$/stat"), run -> {
            String stat = SpawnFixture.readToEnd(run.child().outputFd());
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            int pid = run.child().pid();
            assertEquals(String.valueOf(pid), stat.substring(0, stat.indexOf(' ')), "the pid survives setpriv's exec");
            assertEquals(ProcessHandle.current().pid(), Long.parseLong(fields[1]), "parent");
            assertEquals(pid, Integer.parseInt(fields[2]), "process group");
            assertEquals(pid, Integer.parseInt(fields[3]), "session");
            end(run);
        });
    }

    @Test
    void environmentIsExactlyTheRequestedOne() throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CONFIGD_FD", "3");
        environment.put("GREETING", "grüße, two words");
        environment.put("EMPTY", "");
        SpawnRequest request = new SpawnRequest("test", List.of("/usr/bin/env"), environment, Path.of("/"),
                Optional.empty(), true);

        assertEquals("CONFIGD_FD=3\nGREETING=grüße, two words\nEMPTY=\n", fixture.outputOf(request));
    }

    @Test
    void workingDirectoryIsApplied() throws Exception {
        SpawnRequest request = new SpawnRequest("test", List.of("/bin/pwd"), Map.of(), temp, Optional.empty(), true);

        assertEquals(temp.toRealPath() + "\n", fixture.outputOf(request));
    }

    @Test
    void stdoutCanGoToDevNull() throws Exception {
        SpawnRequest request = new SpawnRequest("test", List.of("/bin/sh", "-c", "echo out; echo err >&2"),
                Map.of(), Path.of("/"), Optional.empty(), false);

        assertEquals("err\n", fixture.outputOf(request));
    }

    @Test
    void exitCodeIsReported() throws Exception {
        fixture.use(shell("exit 7"), run -> assertEquals(new ProcessEnd.Exited(7), end(run)));
    }

    @Test
    void killedByItsGroupSignal() throws Exception {
        fixture.use(request("/bin/sleep", "60"), run -> {
            assertTrue(ProcessSignals.signalGroup(run.child().pid(), SignalNames.SIGKILL));
            assertEquals(new ProcessEnd.Killed(SignalNames.SIGKILL, false), end(run));
            assertFalse(ProcessSignals.signalGroup(run.child().pid(), SignalNames.SIGKILL), "gone: ESRCH");
            assertFalse(ProcessSignals.signalProcess(run.child().pid(), SignalNames.SIGTERM), "gone: ESRCH");
        });
    }

    @Test
    void coreDumpIsReportedWhenTheLimitAllowsIt() throws Exception {
        assumeTrue(!hardCoreLimitIsZero(), "core dumps are disabled by the hard limit here");
        SpawnRequest request = new SpawnRequest("test", List.of("/bin/sh", "-c", "ulimit -c unlimited; kill -SEGV $$"),
                Map.of(), temp, Optional.empty(), true);
        fixture.use(request, run -> {
            ProcessEnd end = end(run);
            assertEquals(new ProcessEnd.Killed(SignalNames.SIGSEGV, true), end);
            assertEquals("killed by SIGSEGV (core dumped)", end.describe());
        });
    }

    @Test
    void aPreparationRunsOnTheSpawnerThreadAndWhatItThrowsFailsTheSpawn() throws Exception {
        int fdsBefore = Fds.openFdCount();
        String[] preparedOn = new String[1];
        SpawnException refusal = new SpawnException(new ProcessEnd.SpawnFailed(0, "the user 'ghost' does not exist"));

        ExecutionException failed = SpawnFixture.assertThrowsExecution(() -> fixture.spawner.spawn("ghostly", () -> {
            preparedOn[0] = Thread.currentThread().getName();
            throw refusal;
        }).get());

        assertEquals("configd-spawner", preparedOn[0]);
        assertSame(refusal, failed.getCause());
        assertTrue(Fds.openFdCount() <= fdsBefore, "nothing was opened for a spawn that was refused");
    }

    @Test
    void missingCommandFailsWithEnoentBeforeForking() throws Exception {
        int fdsBefore = Fds.openFdCount();

        ProcessEnd.SpawnFailed failure = spawnFailure(request("/nonexistent/bin/foo"));

        assertEquals("ENOENT", failure.errnoName());
        assertEquals("could not be started: /nonexistent/bin/foo: No such file or directory", failure.describe());
        // Not equal: another thread of the JVM may close a file meanwhile; nothing may have been left open.
        assertTrue(Fds.openFdCount() <= fdsBefore, "no descriptor left open");
    }

    @Test
    void nonExecutableFileFailsWithEacces() throws Exception {
        Path script = Files.writeString(temp.resolve("script"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        ProcessEnd.SpawnFailed failure = spawnFailure(request(script.toString()));

        assertEquals("EACCES", failure.errnoName());
        assertEquals(script + ": Permission denied", failure.reason());
    }

    @Test
    void directoryAsCommandFailsWithEisdir() throws Exception {
        assertEquals("EISDIR", spawnFailure(request(temp.toString())).errnoName());
    }

    @Test
    void missingWorkingDirectoryFailsBeforeForking() throws Exception {
        Path missing = temp.resolve("missing");
        SpawnRequest request =
                new SpawnRequest("test", List.of("/bin/true"), Map.of(), missing, Optional.empty(), true);

        ProcessEnd.SpawnFailed failure = spawnFailure(request);

        assertEquals("ENOENT", failure.errnoName());
        assertEquals("working directory " + missing + ": No such file or directory", failure.reason());
    }

    @Test
    void runsAsTheRequestedUser() throws Exception {
        assumeTrue(SpawnFixture.runningAsRoot(), "switching users needs root");
        SpawnRequest request = new SpawnRequest("test", List.of("/bin/sh", "-c", "id -u; id -g; id -G"),
                SpawnFixture.PLAIN_ENVIRONMENT, Path.of("/"), Optional.of(new RunAs(65534, 65534, "nobody")), true);

        assertEquals("65534\n65534\n65534\n", fixture.outputOf(request));
    }

    private static boolean hardCoreLimitIsZero() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(line -> line.startsWith("Max core file size"))
                .map(line -> line.substring("Max core file size".length()).trim().split("\\s+")[1])
                .anyMatch("0"::equals);
    }

    private static ProcessEnd.SpawnFailed spawnFailure(SpawnRequest request) {
        ExecutionException failed = SpawnFixture.assertThrowsExecution(() -> fixture.spawner.spawn(request).get());
        return assertInstanceOf(SpawnException.class, failed.getCause()).failure();
    }
}
