package org.configd.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The machine's own accounts, as configuration validation sees them: what getpwnam/getgrnam say. */
class SystemAccountsTest {

    private final Accounts accounts = Accounts.system();

    @Test
    void rootAndItsGroupExist() {
        assertTrue(accounts.userExists("root"));
        assertTrue(accounts.groupExists("root"));
    }

    @Test
    void unknownNamesDoNotExist() {
        assertFalse(accounts.userExists("configd-no-such-user"));
        assertFalse(accounts.groupExists("configd-no-such-group"));
    }

    @Test
    void digitsNameAnAccountOnlyWhenAnAccountHasThatName() {
        // The JDK would take "47110" for uid 47110; getpwnam, which configd's spawn uses, finds no such name.
        assertFalse(accounts.userExists("47110"));
        assertFalse(accounts.groupExists("47110"));
    }
}
