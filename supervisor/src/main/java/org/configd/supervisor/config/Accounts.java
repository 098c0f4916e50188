package org.configd.supervisor.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import org.configd.supervisor.spawn.AccountDb;

/** Whether a user or group named in the configuration exists on this machine (getpwnam/getgrnam). */
interface Accounts {

    boolean userExists(String name);

    boolean groupExists(String name);

    /** The machine's own accounts, as the C library sees them (/etc/passwd, NSS). */
    static Accounts system() {
        return SystemAccounts.INSTANCE;
    }

    /**
     * Asks the JDK, which calls getpwnam/getgrnam itself, so that reading a configuration needs no native binding
     * of its own. The JDK takes a name of digits that names no account for the uid or gid it spells; configd's
     * spawn does not, so such names are asked of the C library ({@link AccountDb}).
     */
    enum SystemAccounts implements Accounts {
        INSTANCE;

        @Override
        public boolean userExists(String name) {
            return exists(name, n -> lookup().lookupPrincipalByName(n), n -> AccountDb.user(n).isPresent());
        }

        @Override
        public boolean groupExists(String name) {
            return exists(name, n -> lookup().lookupPrincipalByGroupName(n),
                    n -> AccountDb.group(n).isPresent());
        }

        /** A JDK lookup: returns when the name exists, throws UserPrincipalNotFoundException when it does not. */
        private interface JdkLookup {
            void find(String name) throws IOException;
        }

        /** A lookup in the C library's database: whether the name exists, or an error when it did not answer. */
        private interface LibcLookup {
            boolean exists(String name) throws IOException;
        }

        private static boolean exists(String name, JdkLookup jdk, LibcLookup libc) {
            if (!allDigits(name)) {
                try {
                    jdk.find(name);
                    return true;
                } catch (UserPrincipalNotFoundException e) {
                    return false;
                } catch (IOException e) {
                    // the C library is asked below
                }
            }
            try {
                return libc.exists(name);
            } catch (IOException e) {
                // No verdict: the database did not answer. The spawn looks again and names the error if it persists.
                return true;
            }
        }

        private static UserPrincipalLookupService lookup() {
            return FileSystems.getDefault().getUserPrincipalLookupService();
        }

        private static boolean allDigits(String name) {
            return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
        }
    }
}
