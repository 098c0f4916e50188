package org.configd.supervisor.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reentrant lookups against {@code getent}, which asks the same C library through the same NSS modules. */
class AccountDbTest {

    @Test
    void everyUserOfTheDatabaseIsFoundByNameAsGetentHasIt() throws Exception {
        List<String[]> users = Getent.entries("passwd");
        assertFalse(users.isEmpty());
        for (String[] u : users) {
            AccountDb.User expected = new AccountDb.User(u[0], Integer.parseUnsignedInt(u[2]),
                    Integer.parseUnsignedInt(u[3]));
            assertEquals(Optional.of(expected), AccountDb.user(u[0]), String.join(":", u));
        }
    }

    @Test
    void everyGroupOfTheDatabaseIsFoundByNameWithItsMembersAsGetentHasIt() throws Exception {
        for (String[] g : Getent.entries("group")) {
            List<String> members = g[3].isEmpty() ? List.of() : Arrays.asList(g[3].split(","));
            AccountDb.Group expected = new AccountDb.Group(g[0], Integer.parseUnsignedInt(g[2]), members);
            assertEquals(Optional.of(expected), AccountDb.group(g[0]), String.join(":", g));
        }
    }

    @Test
    void idsAreFoundAndUnknownNamesAndIdsAreNot() throws Exception {
        assertEquals("root", AccountDb.user(0).orElseThrow().name());
        assertEquals(65534, AccountDb.user(65534).orElseThrow().uid());
        assertEquals("root", AccountDb.group(0).orElseThrow().name());
        assertEquals(Optional.empty(), AccountDb.user("no-such-user-of-configd"));
        assertEquals(Optional.empty(), AccountDb.group("no-such-group-of-configd"));
        assertEquals(Optional.empty(), AccountDb.user(2_000_000_017));
        assertEquals(Optional.empty(), AccountDb.group(2_000_000_017));
        assertEquals(Optional.empty(), AccountDb.user("65534"), "a name of digits is a name, not a uid");
    }

    @Test
    void aBufferTooSmallForTheEntryGrowsUntilItFits() throws Exception {
        assertEquals(AccountDb.user("root"), AccountDb.user("root", 1));
        assertTrue(AccountDb.user("root", 1).isPresent());
    }

    @Test
    void lookupsOnTwoThreadsAtOnceNeverMixTheirAnswers() throws Exception {
        // The non-reentrant getpwnam keeps one answer per process: through jnr-posix, 20 000 lookups of root on one
        // thread beside as many of nobody on another gave root the uid 65534 within the first second.
        AccountDb.User root = AccountDb.user("root").orElseThrow();
        AccountDb.User nobody = AccountDb.user("nobody").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> repeat(() -> AccountDb.user("root"), root));
            Future<?> b = pool.submit(() -> repeat(() -> AccountDb.user("nobody"), nobody));
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Lookup {
        Optional<AccountDb.User> get() throws IOException;
    }

    private static Void repeat(Lookup lookup, AccountDb.User expected) throws IOException {
        for (int i = 0; i < 20_000; i++) {
            assertEquals(Optional.of(expected), lookup.get());
        }
        return null;
    }
}
