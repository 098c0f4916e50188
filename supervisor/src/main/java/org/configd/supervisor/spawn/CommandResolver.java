package org.configd.supervisor.spawn;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import jnr.ffi.Pointer;

/**
 * Turns a component's {@code command[0]} into the absolute path of the program to run, and decides before anything
 * is forked whether it can run at all.
 *
 * <p>Trap: {@code posix_spawnp} and {@code execvp} search the PATH of the JVM, not the component's; and a
 * missing program found only in the child is a crash-looping component instead of one clear error. So the search is
 * done here, against the component's own PATH.
 */
public final class CommandResolver {

    private CommandResolver() {
    }

    /**
     * Resolves {@code command0}: a name without a slash is searched in {@code pathValue} (the component's PATH;
     * relative and empty entries are skipped, since they would depend on the working directory); a relative path
     * with a slash is taken against {@code baseDirectory} (the directory of the configuration file that set it); an
     * absolute path is taken as it is. The result must be a regular file that may be executed.
     *
     * @param command0      the program as configured
     * @param baseDirectory an absolute directory for relative paths
     * @param pathValue     the component's PATH, directories separated by {@code ':'}
     * @return the absolute path of the program
     * @throws SpawnException with ENOENT (missing), EACCES (not executable, or not a regular file), EISDIR, ENOTDIR
     *                        (a file on the way) or ELOOP
     */
    public static Path resolve(String command0, Path baseDirectory, String pathValue) throws SpawnException {
        if (!baseDirectory.isAbsolute()) {
            throw new IllegalArgumentException("the base directory must be absolute, not " + baseDirectory);
        }
        if (command0.isEmpty()) {
            throw new SpawnException(new ProcessEnd.SpawnFailed(LibC.ENOENT, "the command is empty"));
        }
        if (command0.indexOf('/') >= 0) {
            return requireExecutable(baseDirectory.resolve(command0));
        }
        return searchPath(command0, pathValue);
    }

    /**
     * Checks that {@code program} is a regular file that may be executed.
     *
     * @return {@code program}
     * @throws SpawnException with ENOENT, EACCES, EISDIR, ENOTDIR or ELOOP, and a reason naming the path
     */
    public static Path requireExecutable(Path program) throws SpawnException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(program, BasicFileAttributes.class); // one stat, through links
        } catch (NoSuchFileException missing) {
            throw SpawnException.of(LibC.ENOENT, program.toString());
        } catch (IOException refused) {
            throw SpawnException.of(errnoOf(program), program.toString());
        }
        if (attributes.isDirectory()) {
            throw SpawnException.of(LibC.EISDIR, program.toString());
        }
        if (!attributes.isRegularFile() || !Files.isExecutable(program)) {
            throw SpawnException.of(LibC.EACCES, program.toString());
        }
        return program;
    }

    /**
     * Why the JDK could not stat {@code program}, as the errno exec would give: a directory on the way that may not
     * be searched (EACCES), a file where a directory should be (ENOTDIR), a loop of links (ELOOP), a name too long.
     * The JDK keeps only the C library's text of the errno, so access(2) on the same path is asked for the number;
     * EACCES if the path can be reached after all (it changed in between).
     */
    private static int errnoOf(Path program) {
        Pointer path = CStrings.of(program.toString());
        int errno = LibC.INSTANCE.access(path, LibC.F_OK) == 0 ? LibC.EACCES : PosixException.lastErrno();
        Reference.reachabilityFence(path);
        return errno;
    }

    private static Path searchPath(String name, String pathValue) throws SpawnException {
        SpawnException firstRefusal = null;
        for (String entry : pathValue.split(":")) {
            if (!entry.startsWith("/")) {
                continue;
            }
            try {
                return requireExecutable(Path.of(entry, name));
            } catch (SpawnException refused) {
                // Like execvp: keep looking, and report a refusal other than "not there" (ENOENT, or ENOTDIR for an
                // entry that is a file) only when nothing later in PATH works.
                int errno = refused.failure().errno();
                if (errno != LibC.ENOENT && errno != LibC.ENOTDIR) {
                    firstRefusal = firstRefusal == null ? refused : firstRefusal;
                }
            }
        }
        if (firstRefusal != null) {
            throw firstRefusal;
        }
        throw new SpawnException(new ProcessEnd.SpawnFailed(LibC.ENOENT,
                name + ": not found in PATH \"" + pathValue + "\""));
    }
}
