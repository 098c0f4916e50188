package org.configd.supervisor.spawn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small helpers on raw file descriptors: the ones a spawned child leaves with configd.
 */
public final class Fds {

    private static final Path OWN_FDS = Path.of("/proc/self/fd");

    private Fds() {
    }

    /**
     * Closes {@code fd}. Linux releases the descriptor even when close reports EINTR or EIO, so those are not
     * errors; closing a descriptor that is not open is a bug in the caller.
     *
     * @throws IllegalStateException when {@code fd} was not open (EBADF)
     */
    public static void close(int fd) {
        if (LibC.INSTANCE.close(fd) != 0 && PosixException.lastErrno() == LibC.EBADF) {
            throw new IllegalStateException("fd " + fd + " was not open (closed twice?)");
        }
    }

    /** Closes {@code fd} unless it is negative (meaning "never opened"), ignoring every error. */
    static void closeIfOpened(int fd) {
        if (fd >= 0) {
            LibC.INSTANCE.close(fd);
        }
    }

    /**
     * Puts {@code fd} into non-blocking mode. Trap: a descriptor configd reads from its event loop must be
     * non-blocking, or one slow child freezes every other one.
     */
    public static void setNonBlocking(int fd) throws PosixException {
        int flags = LibC.INSTANCE.fcntl(fd, LibC.F_GETFL, 0);
        if (flags < 0) {
            throw new PosixException("fcntl(" + fd + ", F_GETFL)", PosixException.lastErrno());
        }
        if (LibC.INSTANCE.fcntl(fd, LibC.F_SETFL, flags | LibC.O_NONBLOCK) < 0) {
            throw new PosixException("fcntl(" + fd + ", F_SETFL, O_NONBLOCK)", PosixException.lastErrno());
        }
    }

    /** Whether {@code fd} is in non-blocking mode. */
    public static boolean isNonBlocking(int fd) throws PosixException {
        int flags = LibC.INSTANCE.fcntl(fd, LibC.F_GETFL, 0);
        if (flags < 0) {
            throw new PosixException("fcntl(" + fd + ", F_GETFL)", PosixException.lastErrno());
        }
        return (flags & LibC.O_NONBLOCK) != 0;
    }

    /** How many descriptors this process has open now (for leak checks). */
    public static int openFdCount() {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(OWN_FDS)) {
            int count = 0;
            for (Path ignored : fds) {
                count++;
            }
            return count - 1; // the listing's own descriptor
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A close-on-exec pipe: {@code [read end, write end]}. */
    static int[] pipe() throws PosixException {
        int[] fds = new int[2];
        if (LibC.INSTANCE.pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new PosixException("pipe2", PosixException.lastErrno());
        }
        return fds;
    }

    /**
     * A close-on-exec UNIX stream socketpair. Trap: jnr-unixsocket's pair is not close-on-exec, so a child spawned
     * meanwhile would hold another component's channel open.
     */
    static int[] socketpair() throws PosixException {
        int[] fds = new int[2];
        if (LibC.INSTANCE.socketpair(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0, fds) != 0) {
            throw new PosixException("socketpair", PosixException.lastErrno());
        }
        return fds;
    }

    /** A pidfd for the child {@code pid}; pidfds are always close-on-exec. */
    static int pidfdOpen(int pid) throws PosixException {
        long fd;
        do {
            fd = LibC.INSTANCE.syscall(LibC.SYS_PIDFD_OPEN, pid, 0);
        } while (fd < 0 && PosixException.lastErrno() == LibC.EINTR);
        if (fd < 0) {
            throw new PosixException("pidfd_open(" + pid + ")", PosixException.lastErrno());
        }
        return (int) fd;
    }
}
