package org.configd.supervisor.spawn;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * jnr-posix, bound at its first use. configd needs it only to look users and groups up (getpwnam, getgrnam,
 * getpwuid, getgrgid), and binding it costs 0.3-0.5 s of CPU: a configuration that names no user, group or admin
 * group never pays it, and one that does pays it off the way to serving (see {@code Warmup}).
 */
public final class NativePosix {

    private NativePosix() {}

    public static POSIX get() {
        return Holder.POSIX;
    }

    /** The class-initialisation lock binds it once, whichever thread comes first. */
    private static final class Holder {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    }
}
