package org.configd.supervisor.ipc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.configd.supervisor.spawn.AccountDb;
import org.configd.supervisor.spawn.Getent;
import org.configd.supervisor.spawn.LibC;
import org.junit.jupiter.api.Test;

/** Who may use the control socket, with the machine's real accounts (nobody: uid 65534, primary group nogroup). */
class AuthorizerTest {

    static final int NOBODY = 65534;
    static final int NOGROUP = 65534;
    static final int SOME_GID = 4242;

    @Test
    void rootAndConfigdsOwnUserMayAndNobodyElseWithoutAnAdminGroup() {
        Authorizer none = new Authorizer(OptionalInt.empty());
        assertTrue(none.mayControl(new Peer(1, 0, 0)));
        assertTrue(none.mayControl(new Peer(1, LibC.INSTANCE.geteuid(), 0)));
        assertFalse(none.mayControl(new Peer(1, NOBODY, NOGROUP)));
    }

    @Test
    void theAdminGroupAdmitsByThePeersGidAndByItsUsersPrimaryGroup() {
        Authorizer nogroup = new Authorizer(OptionalInt.of(NOGROUP));
        assertTrue(nogroup.mayControl(new Peer(1, 1234567, NOGROUP)), "the peer's own gid");
        assertTrue(nogroup.mayControl(new Peer(1, NOBODY, SOME_GID)), "nobody's primary group");
        assertFalse(nogroup.mayControl(new Peer(1, 1234567, SOME_GID)), "a uid with no account");

        Authorizer rootGroup = new Authorizer(OptionalInt.of(0));
        assertFalse(rootGroup.mayControl(new Peer(1, NOBODY, NOGROUP)), "nobody is no member of group root");
    }

    @Test
    void theAdminGroupAdmitsAUserListedAsItsMember() throws Exception {
        Optional<String[]> pair = Optional.empty();
        for (String[] g : Getent.entries("group")) {
            for (String member : g[3].isEmpty() ? new String[0] : g[3].split(",")) {
                Optional<AccountDb.User> user = AccountDb.user(member);
                // Not root nor this test's own user, whom configd's rule admits before it asks about groups.
                if (user.isPresent() && user.get().uid() != 0 && user.get().uid() != LibC.INSTANCE.geteuid()
                        && user.get().gid() != Integer.parseUnsignedInt(g[2])) {
                    pair = Optional.of(new String[] {g[2], Integer.toString(user.get().uid())});
                }
            }
        }
        assumeTrue(pair.isPresent(), "this machine has no group that lists a member outside its primary group");
        int gid = Integer.parseUnsignedInt(pair.get()[0]);
        int uid = Integer.parseInt(pair.get()[1]);
        assertTrue(new Authorizer(OptionalInt.of(gid)).mayControl(new Peer(1, uid, SOME_GID)));
        assertFalse(new Authorizer(OptionalInt.of(gid)).mayControl(new Peer(1, NOBODY, SOME_GID)));
    }
}
