package org.configd.supervisor.config;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/** Whether a user or group named in the configuration exists on this machine (getpwnam/getgrnam). */
interface Accounts {

    boolean userExists(String name);

    boolean groupExists(String name);

    /** The machine's own accounts, as the C library sees them (/etc/passwd, NSS). */
    static Accounts system() {
        return SystemAccounts.INSTANCE;
    }

    /** Loads the native POSIX binding only when a configuration names a user or group. */
    enum SystemAccounts implements Accounts {
        INSTANCE;

        @Override
        public boolean userExists(String name) {
            return Native.POSIX.getpwnam(name) != null;
        }

        @Override
        public boolean groupExists(String name) {
            return Native.POSIX.getgrnam(name) != null;
        }

        private static final class Native {
            static final POSIX POSIX = POSIXFactory.getNativePOSIX();
        }
    }
}
