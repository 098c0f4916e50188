package org.configd.supervisor.ipc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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

    /** A directory of one user, alice (uid 1000, primary group 1000), and the group staff (gid 50) listing her. */
    static final Authorizer.Directory DIRECTORY = new Authorizer.Directory() {
        @Override
        public Optional<AccountDb.User> user(int uid) {
            return uid == 1000 ? Optional.of(new AccountDb.User("alice", 1000, 1000)) : Optional.empty();
        }

        @Override
        public Optional<AccountDb.Group> group(int gid) {
            return gid == 50 ? Optional.of(new AccountDb.Group("staff", 50, java.util.List.of("alice")))
                    : Optional.empty();
        }
    };

    @Test
    void aUserListedAsAMemberOfTheAdminGroupMayAndOthersMayNot() {
        Authorizer staff = new Authorizer(OptionalInt.of(50), 0, DIRECTORY);
        assertTrue(staff.mayControl(new Peer(1, 1000, 1000)), "alice is listed in staff");
        assertFalse(staff.mayControl(new Peer(1, 1001, 1001)), "no such user");
        assertFalse(new Authorizer(OptionalInt.of(51), 0, DIRECTORY).mayControl(new Peer(1, 1000, 1000)),
                "a group that does not exist lists nobody");
    }

    @Test
    void anAccountDatabaseThatDoesNotAnswerAdmitsNobodyButRootAndConfigdsUser() {
        Authorizer.Directory broken = new Authorizer.Directory() {
            @Override
            public Optional<AccountDb.User> user(int uid) throws IOException {
                throw new IOException("looking up the uid " + uid + ": EIO (Input/output error)");
            }

            @Override
            public Optional<AccountDb.Group> group(int gid) throws IOException {
                throw new IOException("looking up the gid " + gid + ": EIO (Input/output error)");
            }
        };
        Authorizer staff = new Authorizer(OptionalInt.of(50), 4242, broken);
        assertFalse(staff.mayControl(new Peer(1, 1000, 1000)));
        assertTrue(staff.mayControl(new Peer(1, 1000, 50)), "the peer's own gid needs no lookup");
        assertTrue(staff.mayControl(new Peer(1, 0, 0)));
        assertTrue(staff.mayControl(new Peer(1, 4242, 4242)));
    }

    @Test
    void theAdminGroupAdmitsAUserListedAsItsMemberOnThisMachine() throws Exception {
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
