package org.configd.supervisor.spawn;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmpDirsTest {

    private static final RunAs NOBODY = new RunAs(65534, 65534, "nobody");

    @TempDir
    Path temp;
    private Path parent;
    private Path outside;

    @BeforeEach
    void makeParentAndAnOutsideTree() throws IOException {
        parent = Files.createDirectory(temp.resolve("tmp"));
        outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "keep me");
    }

    @Test
    void createsAPrivateDirectoryOwnedByTheComponentsUser() throws IOException {
        assumeTrue(SpawnFixture.runningAsRoot(), "giving a directory away needs root");

        Path directory = TmpDirs.create(parent, "scan-engine");
        TmpDirs.giveTo(directory, NOBODY);

        assertEquals(parent.resolve("scan-engine"), directory);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertEquals(65534, Files.getAttribute(directory, "unix:uid"));
        assertEquals(65534, Files.getAttribute(directory, "unix:gid"));
    }

    @Test
    void createsItOwnedByConfigdWithoutAUser() throws IOException {
        Path directory = TmpDirs.create(parent, "scan-engine");

        assertEquals(Files.getOwner(parent), Files.getOwner(directory));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
    }

    @Test
    void createRemovesLeftoversOfAnEarlierRun() throws IOException {
        Path old = Files.createDirectories(parent.resolve("scan-engine/cache/deep"));
        Files.writeString(old.resolve("file"), "old");
        Files.createSymbolicLink(parent.resolve("scan-engine/escape"), outside);

        Path directory = TmpDirs.create(parent, "scan-engine");

        try (Stream<Path> entries = Files.list(directory)) {
            assertEquals(List.of(), entries.toList());
        }
        assertEquals("keep me", Files.readString(outside.resolve("precious")));
    }

    @Test
    void createReplacesALeftoverLinkWithoutFollowingIt() throws IOException {
        Files.createSymbolicLink(parent.resolve("scan-engine"), outside);

        Path directory = TmpDirs.create(parent, "scan-engine");

        assertTrue(Files.isDirectory(directory, NOFOLLOW_LINKS));
        try (Stream<Path> entries = Files.list(directory)) {
            assertEquals(List.of(), entries.toList());
        }
        assertEquals("keep me", Files.readString(outside.resolve("precious")));
    }

    @Test
    void removeIfEmptyRemovesOnlyAnEmptyDirectoryOrALinkItself() throws IOException {
        Path empty = TmpDirs.create(parent, "empty");
        Path full = TmpDirs.create(parent, "full");
        Files.writeString(full.resolve("file"), "kept");
        Path link = Files.createSymbolicLink(parent.resolve("link"), outside);

        assertTrue(TmpDirs.removeIfEmpty(empty));
        assertFalse(TmpDirs.removeIfEmpty(full));
        assertTrue(TmpDirs.removeIfEmpty(link));
        assertTrue(TmpDirs.removeIfEmpty(parent.resolve("never-made")));

        assertFalse(Files.exists(empty, NOFOLLOW_LINKS));
        assertEquals("kept", Files.readString(full.resolve("file")));
        assertFalse(Files.exists(link, NOFOLLOW_LINKS));
        assertEquals("keep me", Files.readString(outside.resolve("precious")));
    }

    @Test
    void createRejectsANameThatIsNotOneDirectory() {
        for (String name : List.of("", ".", "..", "a/b")) {
            assertThrows(IllegalArgumentException.class, () -> TmpDirs.create(parent, name), name);
        }
    }

    @Test
    void removesNestedDirectories() throws IOException {
        Path directory = TmpDirs.create(parent, "c");
        Path deep = Files.createDirectories(directory.resolve("a/b/c/d"));
        Files.writeString(deep.resolve("f"), "x");
        Files.writeString(directory.resolve("a/g"), "y");
        Files.setPosixFilePermissions(directory.resolve("a/b"), PosixFilePermissions.fromString("r-x------"));

        TmpDirs.remove(directory);

        assertFalse(Files.exists(directory, NOFOLLOW_LINKS));
    }

    @Test
    void removesLinksToAnOutsideFileAndDirectoryAsLinks() throws IOException {
        Path directory = TmpDirs.create(parent, "c");
        Files.createSymbolicLink(directory.resolve("to-file"), outside.resolve("precious"));
        Files.createSymbolicLink(Files.createDirectory(directory.resolve("sub")).resolve("to-directory"), outside);

        TmpDirs.remove(directory);

        assertFalse(Files.exists(directory, NOFOLLOW_LINKS));
        assertEquals("keep me", Files.readString(outside.resolve("precious")));
    }

    @Test
    void aDirectorySwappedForALinkWhileRemovingDoesNotTakeTheOutsideTreeAlong() throws IOException {
        Path directory = TmpDirs.create(parent, "c");
        Path sub = Files.createDirectories(directory.resolve("sub"));
        Files.writeString(sub.resolve("inner"), "x");
        AtomicBoolean swapped = new AtomicBoolean();

        TmpDirs.remove(directory, name -> {
            if (name.toString().equals("sub") && swapped.compareAndSet(false, true)) {
                swapForLink(sub, outside);
            }
        });

        assertTrue(swapped.get());
        assertFalse(Files.exists(directory, NOFOLLOW_LINKS));
        assertEquals("keep me", Files.readString(outside.resolve("precious")));
    }

    @Test
    void theComponentsUserLosesTheTreeBeforeItIsWalked() throws IOException {
        assumeTrue(SpawnFixture.runningAsRoot(), "giving a directory away needs root");
        Path directory = TmpDirs.create(parent, "c");
        TmpDirs.giveTo(directory, NOBODY);
        // Not empty, so that it is walked (an empty directory is removed with one rmdir, and never opened).
        Files.createDirectories(directory.resolve("sub"));
        Files.createFile(directory.resolve("sub/file"));
        AtomicBoolean checked = new AtomicBoolean();

        TmpDirs.remove(directory, name -> {
            if (name.toString().equals("sub")) {
                try {
                    assertEquals(Files.getOwner(parent), Files.getOwner(directory));
                    checked.set(true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });

        assertTrue(checked.get());
    }

    @Test
    void aFifoIsRemovedWithoutOpeningIt() throws Exception {
        Path directory = TmpDirs.create(parent, "c");
        Process mkfifo = new ProcessBuilder("mkfifo", directory.resolve("fifo").toString()).start();
        assertTrue(mkfifo.waitFor(SpawnFixture.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(0, mkfifo.exitValue());

        TmpDirs.remove(directory);

        assertFalse(Files.exists(directory, NOFOLLOW_LINKS));
    }

    @Test
    void aTopLevelLinkIsRemovedAsALink() throws IOException {
        Path link = Files.createSymbolicLink(parent.resolve("c"), outside);

        TmpDirs.remove(link);

        assertFalse(Files.exists(link, NOFOLLOW_LINKS));
        assertEquals("keep me", Files.readString(outside.resolve("precious")));
    }

    @Test
    void removingWhatIsNotThereIsFine() throws IOException {
        TmpDirs.remove(parent.resolve("never-created"));

        assertTrue(Files.isDirectory(parent));
    }

    /** What a hostile component does: moves its directory away and puts a link to somewhere else in its place. */
    private static void swapForLink(Path directory, Path target) {
        try {
            Files.move(directory, directory.resolveSibling(directory.getFileName() + ".moved"));
            Files.createSymbolicLink(directory, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRetiredTmpdirMovesAsideAtOnceAndAFreshOneCanBeMadeWhileItWaits() throws Exception {
        Path dir = TmpDirs.create(parent, "svc");
        Files.writeString(dir.resolve("data"), "x");
        Path retired = TmpDirs.retire(dir, 7);
        assertEquals(parent.resolve(".svc.7.retired"), retired);
        assertFalse(Files.exists(dir));
        Path fresh = TmpDirs.create(parent, "svc");
        assertTrue(Files.isDirectory(fresh));
        TmpDirs.remove(retired);
        assertFalse(Files.exists(retired));
        assertTrue(Files.isDirectory(fresh));
    }
}
