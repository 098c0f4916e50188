package org.configd.supervisor.ipc;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.configd.supervisor.spawn.AccountDb;
import org.configd.supervisor.spawn.LibC;

/**
 * Who may use the control socket: root, configd's own user, and members of the admin group (the peer's gid,
 * its user's primary group, or a supplementary group of its user). The socket file's mode keeps everyone
 * else out already; this check is the second lock, for a socket made reachable by mistake.
 */
public final class Authorizer {

    private static final Logger LOG = LogManager.getLogger(Authorizer.class);

    /** Where users and groups are looked up: the machine's account database, or a test's. */
    interface Directory {
        Optional<AccountDb.User> user(int uid) throws IOException;

        Optional<AccountDb.Group> group(int gid) throws IOException;
    }

    private static final Directory SYSTEM = new Directory() {
        @Override
        public Optional<AccountDb.User> user(int uid) throws IOException {
            return AccountDb.user(uid);
        }

        @Override
        public Optional<AccountDb.Group> group(int gid) throws IOException {
            return AccountDb.group(gid);
        }
    };

    private final int ownEuid;
    private final OptionalInt adminGid;
    private final Directory directory;

    public Authorizer(OptionalInt adminGid) {
        this(adminGid, LibC.INSTANCE.geteuid(), SYSTEM);
    }

    Authorizer(OptionalInt adminGid, int ownEuid, Directory directory) {
        this.ownEuid = ownEuid;
        this.adminGid = adminGid;
        this.directory = directory;
    }

    public boolean mayControl(Peer peer) {
        if (peer.uid() == 0 || peer.uid() == ownEuid) {
            return true;
        }
        if (adminGid.isEmpty()) {
            return false;
        }
        int gid = adminGid.getAsInt();
        if (peer.gid() == gid) {
            return true;
        }
        try {
            Optional<AccountDb.User> user = directory.user(peer.uid());
            if (user.isEmpty()) {
                return false;
            }
            if (user.get().gid() == gid) {
                return true;
            }
            Optional<AccountDb.Group> group = directory.group(gid);
            return group.isPresent() && group.get().members().contains(user.get().name());
        } catch (IOException e) {
            // No proof of membership, so no control; the log says why an admin was turned away.
            LOG.warn("refused control to uid {} (pid {}): its membership of the admin group could not be checked: {}",
                    Integer.toUnsignedString(peer.uid()), peer.pid(), e.getMessage());
            return false;
        }
    }

    /** The sentence a refused peer gets. */
    public String refusal() {
        return "this operation needs the control socket, which is for root, configd's own user"
                + (adminGid.isPresent() ? " and members of the admin group" : "") + "; run it as root (e.g. sudo)";
    }
}
