package org.configd.supervisor.spawn;

import java.io.IOException;

/**
 * A failed system call, with its errno by number and by name: {@code "socketpair: EMFILE (Too many open files)"}.
 */
public final class PosixException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    /**
     * @param call  what failed, e.g. {@code "socketpair"} or {@code "kill(-123, SIGTERM)"}
     * @param errno the error number the call left
     */
    public PosixException(String call, int errno) {
        super(call + ": " + name(errno) + " (" + text(errno) + ")");
        this.errno = errno;
    }

    /** The error number, e.g. 2. */
    public int errno() {
        return errno;
    }

    /** The error's symbolic name, e.g. {@code "ENOENT"}. */
    public String errnoName() {
        return name(errno);
    }

    /** The symbolic name of {@code errno} ({@code "ENOENT"}), or {@code "errno 4242"} for a number Linux lacks. */
    public static String name(int errno) {
        jnr.constants.platform.Errno known = jnr.constants.platform.Errno.valueOf(errno);
        return known.defined() ? known.name() : "errno " + errno;
    }

    /** The C library's description of {@code errno}, e.g. {@code "No such file or directory"}. */
    public static String text(int errno) {
        return LibC.INSTANCE.strerror(errno);
    }

    /** The errno left by the last {@link LibC} call on this thread. */
    static int lastErrno() {
        return LibC.RUNTIME.getLastError();
    }
}
