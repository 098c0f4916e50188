package org.configd.supervisor.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.netty.channel.epoll.Epoll;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * configd's spawn library called directly, past the checks the spawner makes first: what it reports back and what
 * it leaves on the log pipe, as configd-exec does; and that the child, which shares the JVM's memory until its exec,
 * leaves the JVM's credentials and signal mask as they were.
 */
class NativeSpawnTest {

    private static final RunAs NOBODY = new RunAs(65534, 65534, List.of(65534, 100), "nobody");

    @TempDir
    Path temp;

    private ChildStart start;

    @BeforeEach
    void locateTheLibrary() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "configd's spawn library is built only where gcc is");
        start = Spawner.locate();
        Epoll.ensureAvailability(); // for reading the pipe with Netty's FileDescriptor
    }

    @Test
    void theBuildPutsTheLibraryWhereTheSpawnerLooks() {
        assertInstanceOf(NativeSpawn.class, start, start.toString());
    }

    /**
     * The child runs in the JVM's memory until its exec, so the library may call only functions that are a system
     * call and no more: no allocation, no stdio, no locks, and none of glibc's credential functions (setxid).
     */
    @Test
    void theLibraryCallsOnlyFunctionsThatAreSafeInTheChild() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nm")), "nm (binutils) lists what the library calls");
        Path library = Spawner.besideCode("libconfigd-spawn.so").orElseThrow();
        Process nm = new ProcessBuilder("/usr/bin/nm", "-D", "--undefined-only", library.toString()).start();
        String listing = new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, nm.waitFor());

        Set<String> called = listing.lines().map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields.length == 2 && fields[0].equals("U"))
                .map(fields -> fields[1].replaceFirst("@.*", "")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> safe = Set.of("__errno_location", "_exit", "chdir", "dup2", "execve", "fcntl", "getpid",
                "getppid", "prctl", "setsid", "strerrordesc_np", "strlen", "syscall",
                // called by the parent only, around the clone
                "clone", "mmap", "mprotect", "munmap", "sysconf", "waitpid",
                // -fstack-protector-strong: reached only once the stack was smashed, to abort
                "__stack_chk_fail");
        assertTrue(called.contains("execve"), listing); // the listing was understood
        called.removeAll(safe);
        assertEquals(Set.of(), called, "functions the library calls that are not known to be safe in the child");
    }

    @Test
    void aLibraryThatCannotBeLoadedLeavesTheStartsToTheHelper() throws Exception {
        Path broken = Files.writeString(temp.resolve("libconfigd-spawn.so"), "not a shared object\n");
        start = new NativeSpawn(broken, Optional.of(new ThroughHelper(Spawner.locateExecHelper())));

        start.prepare();

        assertEquals(new Result(new ProcessEnd.Exited(0), "through\n"),
                run(request(Optional.empty(), "/bin/echo", "through")));
    }

    @Test
    void aLibraryThatCannotBeLoadedWithoutAHelperFailsEachSpawnNamingIt() throws Exception {
        Path broken = Files.writeString(temp.resolve("libconfigd-spawn.so"), "not a shared object\n");
        start = new NativeSpawn(broken, Optional.empty());

        start.prepare();
        SpawnException failed = assertThrows(SpawnException.class,
                () -> run(request(Optional.empty(), "/bin/true")));

        assertTrue(failed.getMessage().startsWith("configd's spawn library " + broken + " cannot be loaded ("),
                failed.getMessage());
        assertTrue(failed.getMessage().endsWith(") and neither configd-exec nor setpriv is there; install util-linux,"
                + " or build configd on this system"), failed.getMessage());
    }

    @Test
    void switchesToTheUserItsGroupAndTheGivenSupplementaryGroups() throws Exception {
        assumeTrue(SpawnFixture.runningAsRoot(), "switching users needs root");

        Result result = run(request(Optional.of(NOBODY), "/bin/sh", "-c", "id -u; id -g; id -G"));

        assertEquals(new Result(new ProcessEnd.Exited(0), "65534\n65534\n65534 100\n"), result);
    }

    @Test
    void aMissingProgramIs127AndOneSentenceOnTheLogPipe() throws Exception {
        Path missing = temp.resolve("missing");

        assertEquals(new Result(new ProcessEnd.Exited(127), "configd: cannot execute " + missing
                + ": No such file or directory\n"), run(request(Optional.empty(), missing.toString())));
    }

    @Test
    void aProgramTheUserMayNotExecuteIs126() throws Exception {
        assumeTrue(SpawnFixture.runningAsRoot(), "switching users needs root");
        Path onlyRoot = Files.writeString(temp.resolve("only-root"), "#!/bin/sh\necho ran\n");
        Files.setPosixFilePermissions(onlyRoot, PosixFilePermissions.fromString("rwx------"));

        assertEquals(new Result(new ProcessEnd.Exited(126), "configd: cannot execute " + onlyRoot
                + ": Permission denied\n"), run(request(Optional.of(NOBODY), onlyRoot.toString())));
    }

    @Test
    void aRefusedSwitchOfUserStopsBeforeTheProgram() throws Exception {
        assumeTrue(SpawnFixture.runningAsRoot(), "switching users needs root");
        // The kernel takes at most 65536 supplementary groups.
        RunAs tooManyGroups = new RunAs(65534, 65534, IntStream.rangeClosed(1, 70_000).boxed().toList(), "nobody");

        assertEquals(new Result(new ProcessEnd.Exited(1), "configd: cannot set the supplementary groups: Invalid"
                + " argument\n"), run(request(Optional.of(tooManyGroups), "/bin/echo", "ran")));
    }

    @Test
    void aMissingWorkingDirectoryFailsTheSpawnNamingChdirAndLeavesNoChild() throws Exception {
        Path missing = temp.resolve("gone");
        SpawnRequest request = new SpawnRequest("test", List.of("/bin/true"), Map.of(), missing, Optional.empty(),
                true);

        List<String> zombiesBefore = zombieChildren();

        SpawnException failed = assertThrows(SpawnException.class, () -> run(request));

        assertEquals(new ProcessEnd.SpawnFailed(LibC.ENOENT, "/bin/true (chdir, in " + missing + "): No such file"
                + " or directory"), failed.failure());
        List<String> zombiesAfter = new ArrayList<>(zombieChildren());
        zombiesAfter.removeAll(zombiesBefore); // other tests' children, if any
        assertEquals(List.of(), zombiesAfter, "the library reaps a child that failed before its exec");
    }

    @Test
    void theLibraryItselfRefusesIdsThatWouldLeaveTheChildRoot() throws Exception {
        NativeSpawn.Library library = jnr.ffi.LibraryLoader.create(NativeSpawn.Library.class).failImmediately()
                .load(Spawner.besideCode("libconfigd-spawn.so").orElseThrow().toString());
        int[][] refused = {{-1, 65534, 1}, {65534, -1, 1}, {65534, 65534, 0}}; // uid, gid, number of groups
        for (int[] ids : refused) {
            int[] failure = new int[2];

            int pid = library.configd_spawn(CStrings.of("/bin/true"), CStrings.array(List.of("/bin/true")),
                    CStrings.array(List.of()), CStrings.of("/"), 3, 3, 3, 1, ids[0], ids[1], new int[] {65534},
                    ids[2], failure);

            assertEquals(List.of(-1, 8, LibC.EINVAL), List.of(pid, failure[0], failure[1]), Arrays.toString(ids));
        }
    }

    @Test
    void manySpawnsThatWorkOrFailLeaveNoMappingNoDescriptorAndNoChildBehind() throws Exception {
        int spawns = 40;
        run(request(Optional.empty(), "/bin/true")); // binds and loads what stays
        long mappingsBefore = mappings();
        int fdsBefore = Fds.openFdCount();
        List<String> zombiesBefore = zombieChildren();
        SpawnRequest failing = new SpawnRequest("test", List.of("/bin/true"), Map.of(), temp.resolve("gone"),
                Optional.empty(), true);

        for (int i = 0; i < spawns; i++) {
            assertEquals(new ProcessEnd.Exited(0), run(request(Optional.empty(), "/bin/true")).end());
            assertThrows(SpawnException.class, () -> run(failing));
        }

        // The JVM maps and unmaps on its own meanwhile (code, thread stacks): a leak is one per spawn at least.
        long grown = mappings() - mappingsBefore;
        assertTrue(grown < spawns, grown + " more mappings after " + 2 * spawns + " spawns");
        int moreFds = Fds.openFdCount() - fdsBefore; // a leak is one per spawn at least; the JVM opens a jar meanwhile
        assertTrue(moreFds < spawns, moreFds + " more descriptors after " + 2 * spawns + " spawns");
        List<String> zombiesAfter = new ArrayList<>(zombieChildren());
        zombiesAfter.removeAll(zombiesBefore);
        assertEquals(List.of(), zombiesAfter);
    }

    @Test
    void theJvmKeepsItsCredentialsAndTheCallersSignalMask() throws Exception {
        assumeTrue(SpawnFixture.runningAsRoot(), "switching users needs root");
        Set<String> credentialsBefore = credentialsOfTheThreads();
        String maskBefore = statusLine(Path.of("/proc/thread-self/status"), "SigBlk:");

        for (int i = 0; i < 5; i++) {
            assertEquals(new ProcessEnd.Exited(0), run(request(Optional.of(NOBODY), "/bin/true")).end());
        }

        assertEquals(credentialsBefore, credentialsOfTheThreads());
        assertEquals(1, credentialsBefore.size(), credentialsBefore::toString);
        assertTrue(credentialsBefore.iterator().next().startsWith("Uid:\t0\t0\t0\t0"), credentialsBefore::toString);
        assertEquals(maskBefore, statusLine(Path.of("/proc/thread-self/status"), "SigBlk:"));
    }

    record Result(ProcessEnd end, String output) {
    }

    private static SpawnRequest request(Optional<RunAs> runAs, String... command) {
        return new SpawnRequest("test", List.of(command), SpawnFixture.PLAIN_ENVIRONMENT, Path.of("/"), runAs, true);
    }

    /** Starts {@code request} with a log pipe and a channel as the launcher makes them; waits for its end. */
    private Result run(SpawnRequest request) throws Exception {
        int[] output = Fds.pipe();
        int[] channel = Fds.socketpair();
        try {
            int pid;
            try {
                pid = start.start(request, output[1], channel[1]);
            } finally { // as the launcher does: the child has its own copies, and the reader must see its end
                Fds.close(output[1]);
                Fds.close(channel[1]);
            }
            String text = SpawnFixture.readToEnd(output[0]);
            int[] status = new int[1];
            assertEquals(pid, LibC.INSTANCE.waitpid(pid, status, 0));
            return new Result(ProcessEnd.fromWaitStatus(status[0]), text);
        } finally {
            Fds.close(output[0]);
            Fds.close(channel[0]);
        }
    }

    /** The distinct credentials of this JVM's threads (which come and go: a JIT compiler's, a GC worker's). */
    private static Set<String> credentialsOfTheThreads() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.map(task -> Stream.of("Uid:", "Gid:", "Groups:")
                    .map(field -> statusLine(task.resolve("status"), field)).collect(Collectors.joining(" | ")))
                    .filter(line -> !line.startsWith(" | ")).collect(Collectors.toSet());
        }
    }

    private static String statusLine(Path status, String field) {
        try {
            return Files.readAllLines(status).stream().filter(line -> line.startsWith(field)).findFirst()
                    .orElseThrow();
        } catch (IOException gone) { // a thread that ended meanwhile
            return "";
        }
    }

    private static long mappings() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.count();
        }
    }

    /** This JVM's children that ended and were not reaped. */
    private static List<String> zombieChildren() throws IOException {
        String self = String.valueOf(ProcessHandle.current().pid());
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+")).map(p -> {
                try {
                    return Files.readString(p.resolve("stat"));
                } catch (IOException gone) {
                    return "";
                }
            }).filter(stat -> {
                // pid (comm) state ppid ...: comm may hold spaces, so count from its closing parenthesis. A process
                // being reaped as we read gives an empty file.
                if (stat.lastIndexOf(')') < 0) {
                    return false;
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return fields.length > 1 && fields[0].equals("Z") && fields[1].equals(self);
            }).toList();
        }
    }
}
