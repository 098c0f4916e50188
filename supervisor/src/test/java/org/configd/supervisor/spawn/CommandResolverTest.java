package org.configd.supervisor.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandResolverTest {

    @TempDir
    Path temp;
    private Path first;
    private Path second;

    @BeforeEach
    void makeTwoPathDirectories() throws IOException {
        first = Files.createDirectory(temp.resolve("first"));
        second = Files.createDirectory(temp.resolve("second"));
    }

    @Test
    void aBareNameIsSearchedInTheComponentsPathInOrder() throws Exception {
        executable(first.resolve("tool"));
        executable(second.resolve("tool"));

        assertEquals(first.resolve("tool"), CommandResolver.resolve("tool", temp, first + ":" + second));
        assertEquals(second.resolve("tool"), CommandResolver.resolve("tool", temp, second + ":" + first));
    }

    @Test
    void aNonExecutableMatchIsSkippedLikeExecvpDoes() throws Exception {
        Files.writeString(first.resolve("tool"), "not executable");
        executable(second.resolve("tool"));

        assertEquals(second.resolve("tool"), CommandResolver.resolve("tool", temp, first + ":" + second));
    }

    @Test
    void onlyNonExecutableMatchesGiveEacces() throws Exception {
        Files.writeString(first.resolve("tool"), "not executable");

        SpawnException refused = assertThrows(SpawnException.class,
                () -> CommandResolver.resolve("tool", temp, first + ":" + second));

        assertEquals("EACCES", refused.failure().errnoName());
        assertEquals(first.resolve("tool") + ": Permission denied", refused.failure().reason());
    }

    @Test
    void aNameInNoPathDirectoryGivesEnoent() {
        SpawnException missing = assertThrows(SpawnException.class,
                () -> CommandResolver.resolve("tool", temp, first + "::relative:" + second));

        assertEquals("ENOENT", missing.failure().errnoName());
        assertEquals("tool: not found in PATH \"" + first + "::relative:" + second + "\"", missing.failure().reason());
    }

    @Test
    void relativeAndEmptyPathEntriesAreNotSearched() throws Exception {
        executable(temp.resolve("tool"));

        assertThrows(SpawnException.class, () -> CommandResolver.resolve("tool", temp, ":.:first"));
    }

    @Test
    void aRelativePathWithASlashIsTakenAgainstTheBaseDirectory() throws Exception {
        executable(first.resolve("tool"));

        assertEquals(temp.resolve("first/tool"), CommandResolver.resolve("first/tool", temp, ""));
        assertEquals(temp.resolve("./first/tool"), CommandResolver.resolve("./first/tool", temp, ""));
    }

    @Test
    void anAbsolutePathIsTakenAsItIs() throws Exception {
        executable(second.resolve("tool"));

        assertEquals(second.resolve("tool"), CommandResolver.resolve(second.resolve("tool").toString(), first, ""));
    }

    @Test
    void aDirectoryGivesEisdir() {
        SpawnException refused = assertThrows(SpawnException.class,
                () -> CommandResolver.resolve("first", temp, temp.toString()));

        assertEquals("EISDIR", refused.failure().errnoName());
        assertEquals(first + ": Is a directory", refused.failure().reason());
    }

    @Test
    void aMissingPathGivesEnoent() {
        SpawnException missing = assertThrows(SpawnException.class,
                () -> CommandResolver.resolve("bin/none", temp, ""));

        assertEquals("could not be started: " + temp.resolve("bin/none") + ": No such file or directory",
                missing.failure().describe());
    }

    /** A file where the path needs a directory is no permission problem: the administrator must read why. */
    @Test
    void aFileOnTheWayGivesEnotdir() throws Exception {
        executable(first.resolve("tool"));

        SpawnException refused = assertThrows(SpawnException.class,
                () -> CommandResolver.resolve(first.resolve("tool/more").toString(), temp, ""));

        assertEquals("ENOTDIR", refused.failure().errnoName());
        assertEquals(first.resolve("tool/more") + ": Not a directory", refused.failure().reason());
    }

    /** As execvp: a PATH entry that is a file is passed over, as a missing one is. */
    @Test
    void aPathEntryThatIsAFileIsPassedOver() throws Exception {
        executable(first.resolve("file"));
        executable(second.resolve("tool"));

        String path = first.resolve("file") + ":" + second;
        assertEquals(second.resolve("tool"), CommandResolver.resolve("tool", temp, path));
        SpawnException missing = assertThrows(SpawnException.class,
                () -> CommandResolver.resolve("none", temp, first.resolve("file").toString()));
        assertEquals("ENOENT", missing.failure().errnoName());
    }

    @Test
    void aLoopOfSymbolicLinksGivesEloop() throws Exception {
        Files.createSymbolicLink(first.resolve("a"), first.resolve("b"));
        Files.createSymbolicLink(first.resolve("b"), first.resolve("a"));

        SpawnException refused = assertThrows(SpawnException.class,
                () -> CommandResolver.resolve(first.resolve("a").toString(), temp, ""));

        assertEquals("ELOOP", refused.failure().errnoName());
        assertEquals(first.resolve("a") + ": Too many levels of symbolic links", refused.failure().reason());
    }

    @Test
    void anEmptyCommandGivesEnoent() {
        assertEquals("ENOENT", assertThrows(SpawnException.class,
                () -> CommandResolver.resolve("", temp, "/bin")).failure().errnoName());
    }

    private static void executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
