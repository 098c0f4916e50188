package org.configd.supervisor.spawn;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A component's private temporary directory ({@code TMPDIR}): {@code <parent>/<component>}, mode 0700, owned by the
 * component's user; after the component has exited it is renamed aside ({@link #retire}) and removed, or, when
 * configd stops, removed with the whole parent.
 *
 * <p>Trap: the component owns everything inside, and a hostile one (or a grandchild it left behind) can swap a
 * directory for a symbolic link to, say, {@code /etc} while configd deletes as root. Removal therefore never
 * resolves a path: it works from open directory handles ({@link SecureDirectoryStream}: {@code openat} with
 * {@code O_NOFOLLOW}, {@code unlinkat}), deletes a symbolic link as the link, and first hands the top directory back
 * to the owner of {@code <parent>} with mode 0700, so that the component's user cannot reach into the tree any more.
 */
public final class TmpDirs {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    /** Each level holds an open directory and a stack frame; a deeper tree is left for the operator. */
    private static final int MAX_DEPTH = 256;
    /** How often one entry is looked at again when it changed between looking and deleting. */
    private static final int ATTEMPTS = 3;

    private TmpDirs() {
    }

    /**
     * Creates {@code <parent>/<component>} fresh and empty (leftovers of an earlier run are removed first), with mode
     * 0700, owned by configd; {@link #giveTo} hands it to the component's user.
     *
     * @return the directory
     */
    public static Path create(Path parent, String component) throws IOException {
        if (component.isEmpty() || component.equals(".") || component.equals("..") || component.contains("/")) {
            throw new IllegalArgumentException("a component name cannot name a directory of its own: \""
                    + component + "\"");
        }
        Path directory = parent.resolve(component);
        try {
            Files.createDirectory(directory, OWNER_ONLY_ATTRIBUTE);
        } catch (FileAlreadyExistsException leftover) { // found by mkdir, not looked for first: one call less
            remove(directory);
            Files.createDirectory(directory, OWNER_ONLY_ATTRIBUTE);
        }
        Files.setPosixFilePermissions(directory, OWNER_ONLY); // the umask may have taken more away
        return directory;
    }

    /** Makes {@code owner} the owner of a directory {@link #create} made (mode 0700: nobody else was in it). */
    public static void giveTo(Path directory, RunAs owner) throws IOException {
        Files.setAttribute(directory, "unix:uid", owner.uid(), NOFOLLOW_LINKS);
        Files.setAttribute(directory, "unix:gid", owner.gid(), NOFOLLOW_LINKS);
    }

    /**
     * Moves a TMPDIR out of the way under a hidden name in the same parent (one rename, so the next process of
     * the component can get a fresh TMPDIR at once) and returns where it went; remove it from there later.
     * The parent belongs to configd, so the component cannot interfere with the rename.
     */
    public static Path retire(Path directory, long launch) throws IOException {
        Path retired = directory.resolveSibling("." + directory.getFileName() + "." + launch + ".retired");
        Files.move(directory, retired, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return retired;
    }

    /**
     * Removes {@code directory} if it is empty, with one rmdir (which removes neither a directory with entries nor a
     * link's target); anything else is left for {@link #remove}. Most TMPDIRs are empty when their process ends, and
     * this is the cheap way to find out.
     *
     * @return whether {@code directory} is gone
     */
    public static boolean removeIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
            return true;
        } catch (IOException notEmptyOrNotAllowed) {
            return false;
        }
    }

    /**
     * Removes {@code directory} and everything in it without following any symbolic link: a link is deleted as a
     * link, its target stays. Nothing happens when {@code directory} does not exist.
     *
     * @throws IOException when something could not be deleted (the message names it)
     */
    public static void remove(Path directory) throws IOException {
        remove(directory, name -> { });
    }

    /**
     * {@link #remove(Path)} with {@code beforeOpen} called with each directory's name between deciding that it is a
     * directory and opening it: the window a hostile component would aim at (tests swap the directory there).
     */
    static void remove(Path directory, Consumer<Path> beforeOpen) throws IOException {
        Path absolute = directory.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("refusing to remove the root directory");
        }
        UserPrincipal parentOwner = ownerOf(parent);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent)) {
            if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
                throw new UnsupportedOperationException("this JDK cannot remove a directory tree safely"
                        + " (no SecureDirectoryStream); run configd on Linux with a standard JDK");
            }
            removeEntry(secure, absolute, 0, new Walk(beforeOpen, parentOwner));
        }
    }

    /**
     * The owner of a TMPDIR's parent (the run directory's tmp/, the same for every removal): looked up once,
     * since the lookup reads /etc/passwd and the shutdown of a fleet removes hundreds of these.
     */
    private static volatile Map.Entry<Path, UserPrincipal> parentOwner;

    private static UserPrincipal ownerOf(Path parent) throws IOException {
        Map.Entry<Path, UserPrincipal> cached = parentOwner;
        if (cached != null && cached.getKey().equals(parent)) {
            return cached.getValue();
        }
        UserPrincipal owner = Files.getOwner(parent);
        parentOwner = Map.entry(parent, owner);
        return owner;
    }

    private record Walk(Consumer<Path> beforeOpen, UserPrincipal topOwner) {
    }

    /** A failure that looking again will not fix; it is not retried by the levels above. */
    private static final class Unremovable extends IOException {
        private static final long serialVersionUID = 1L;

        Unremovable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Removes the entry {@code path.getFileName()} of the open directory {@code in}; {@code path} is for messages. */
    private static void removeEntry(SecureDirectoryStream<Path> in, Path path, int depth, Walk walk)
            throws IOException {
        Path name = path.getFileName();
        IOException lastChange = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                BasicFileAttributes attributes =
                        in.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS).readAttributes();
                if (attributes.isDirectory()) {
                    try {
                        // Most TMPDIRs are empty when their process ends: one rmdir, nothing opened or walked (a
                        // shutdown removes them all). rmdir removes only an empty directory, never a link's target.
                        in.deleteDirectory(name);
                        return;
                    } catch (DirectoryNotEmptyException notEmpty) {
                        // walked below
                    }
                    walk.beforeOpen().accept(name);
                    emptyDirectory(in, path, depth, walk);
                    in.deleteDirectory(name);
                } else {
                    in.deleteFile(name);
                }
                return;
            } catch (NoSuchFileException gone) {
                return;
            } catch (Unremovable below) {
                throw below;
            } catch (IOException changed) {
                // Swapped between looking and acting (a directory became a link, or got new entries): look again.
                lastChange = changed;
            }
        }
        throw new Unremovable(path + " could not be removed: " + lastChange.getMessage(), lastChange);
    }

    private static void emptyDirectory(SecureDirectoryStream<Path> in, Path path, int depth, Walk walk)
            throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new Unremovable(path + " is nested more than " + MAX_DEPTH + " levels deep; remove it by hand",
                    null);
        }
        try (SecureDirectoryStream<Path> directory = in.newDirectoryStream(path.getFileName(), NOFOLLOW_LINKS)) {
            if (depth == 0) {
                lockOut(directory, walk.topOwner());
            }
            for (Path entry : directory) {
                removeEntry(directory, path.resolve(entry.getFileName()), depth + 1, walk);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
    }

    /** Works on the open handle itself (fchown, fchmod), so it cannot be redirected. */
    private static void lockOut(SecureDirectoryStream<Path> top, UserPrincipal owner) throws IOException {
        PosixFileAttributeView view = top.getFileAttributeView(PosixFileAttributeView.class);
        // Set, not compared first: reading the owner looks its name up in /etc/passwd, a file read per removal.
        view.setOwner(owner);
        view.setPermissions(OWNER_ONLY);
    }
}
