package org.configd.supervisor.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * configd-exec, the program components start through, run as a plain process: it must take setpriv's arguments
 * with setpriv's meaning (configd falls back to setpriv with the same command line), and refuse anything else with a
 * message and exit 1 before it executes anything.
 */
class ExecHelperTest {

    @TempDir
    Path temp;

    /** Built by the supervisor module's configd-exec profile wherever /usr/bin/gcc is; CI installs gcc. */
    static Path configdExec() {
        Optional<Path> helper = Spawner.builtExecHelper();
        assumeTrue(helper.isPresent(), "configd-exec is built only where gcc is");
        return helper.get();
    }

    static Stream<Path> helpers() {
        return Stream.concat(Stream.of(Spawner.locateSetpriv()), Spawner.builtExecHelper().stream());
    }

    @Test
    void theBuildPutsConfigdExecWhereTheSpawnerLooks() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "configd-exec is built only where gcc is");

        assertEquals(Spawner.builtExecHelper(), Optional.of(Spawner.locateExecHelper()));
        assertEquals("configd-exec", Spawner.locateExecHelper().getFileName().toString());
    }

    @ParameterizedTest
    @MethodSource("helpers")
    void switchesToTheUserItsGroupAndTheGivenSupplementaryGroups(Path helper) throws Exception {
        assumeTrue(SpawnFixture.runningAsRoot(), "switching users needs root");

        Result result = run(helper, "--pdeathsig", "KILL", "--groups=65534,100", "--regid=65534", "--reuid=65534",
                "--", "/bin/sh", "-c", "id -u; id -g; id -G; grep -E '^(Uid|Gid|CapEff)' /proc/self/status");

        assertEquals(0, result.exit(), result.output());
        assertEquals("65534\n65534\n65534 100\n"
                + "Uid:\t65534\t65534\t65534\t65534\nGid:\t65534\t65534\t65534\t65534\nCapEff:\t0000000000000000\n",
                result.output());
    }

    @ParameterizedTest
    @MethodSource("helpers")
    void withoutAUserTheCommandRunsAsIsWithItsArguments(Path helper) throws Exception {
        Result result = run(helper, "--pdeathsig", "KILL", "--", "/bin/sh", "-c", "echo \"$0|$1\"", "a b", "--x");

        assertEquals(new Result(0, "a b|--x\n"), result);
    }

    @Test
    void aMissingProgramIs127AndOneSentence() throws Exception {
        Path missing = temp.resolve("missing");

        assertEquals(new Result(127, "configd-exec: cannot execute " + missing + ": No such file or directory\n"),
                run(configdExec(), "--pdeathsig", "KILL", "--", missing.toString()));
    }

    @Test
    void aProgramThatCannotBeExecutedIs126() throws Exception {
        Path notExecutable = Files.writeString(temp.resolve("script"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));

        Result result = run(configdExec(), "--pdeathsig", "KILL", "--", notExecutable.toString());

        assertEquals(126, result.exit(), result.output());
    }

    @Test
    void refusesWhatItDoesNotKnowBeforeExecutingAnything() throws Exception {
        Path marker = temp.resolve("ran");
        String[][] refused = {
            {"--pdeathsig", "TERM", "--"},
            {"--init-groups", "--"},
            {"--reuid=65534", "--regid=65534", "--"},
            {"--reuid=65534", "--groups=65534", "--"},
            {"--groups=", "--reuid=65534", "--"},
            {"--groups=1,x", "--"},
            {"--reuid=-1", "--groups=1", "--"},
            {"--reuid=4294967295", "--groups=1", "--"},
            {"--regid=12a", "--"},
            {"--pdeathsig", "KILL"},
        };
        for (String[] options : refused) {
            List<String> arguments = new ArrayList<>(List.of(options));
            if (arguments.get(arguments.size() - 1).equals("--")) {
                arguments.addAll(List.of("/usr/bin/touch", marker.toString()));
            }

            Result result = run(configdExec(), arguments.toArray(String[]::new));

            assertEquals(1, result.exit(), arguments + ": " + result.output());
            assertTrue(result.output().startsWith("configd-exec: ") && result.output().endsWith("\n")
                    && result.output().lines().count() == 1, arguments + ": " + result.output());
            assertTrue(Files.notExists(marker), arguments + " executed the program");
        }
    }

    @Test
    void aUserSwitchThatIsNotAllowedStopsBeforeTheProgram() throws Exception {
        Path helper = configdExec();
        List<String> asNobody = List.of();
        if (SpawnFixture.runningAsRoot()) { // root may switch: a copy (the checkout may be closed to others) as nobody
            Path open = Files.createTempDirectory("configd-exec-test", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            helper = Files.copy(helper, open.resolve("configd-exec"));
            asNobody = List.of("--reuid=65534", "--regid=65534", "--clear-groups", "--");
        }
        try {
            Result result = run(Spawner.locateSetpriv(), Stream.concat(asNobody.stream(), Stream.of(helper.toString(),
                    "--pdeathsig", "KILL", "--groups=0", "--regid=0", "--reuid=0", "--", "/bin/true"))
                    .toArray(String[]::new));

            assertEquals(new Result(1, "configd-exec: cannot set the supplementary groups: Operation not permitted\n"),
                    result);
        } finally {
            if (!asNobody.isEmpty()) {
                Files.delete(helper);
                Files.delete(helper.getParent());
            }
        }
    }

    record Result(int exit, String output) {
    }

    private static Result run(Path helper, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(helper.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(SpawnFixture.DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "still running");
        return new Result(process.exitValue(), output);
    }
}
