package org.configd.supervisor.ipc;

import java.util.Arrays;
import java.util.OptionalInt;
import jnr.posix.Group;
import jnr.posix.Passwd;
import org.configd.supervisor.spawn.LibC;
import org.configd.supervisor.spawn.NativePosix;

/**
 * Who may use the control socket: root, configd's own user, and members of the admin group (the peer's gid,
 * its user's primary group, or a supplementary group of its user). The socket file's mode keeps everyone
 * else out already; this check is the second lock, for a socket made reachable by mistake.
 */
public final class Authorizer {

    private final int ownEuid;
    private final OptionalInt adminGid;

    public Authorizer(OptionalInt adminGid) {
        this.ownEuid = LibC.INSTANCE.geteuid();
        this.adminGid = adminGid;
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
        Passwd user = NativePosix.get().getpwuid(peer.uid());
        if (user == null) {
            return false;
        }
        if (user.getGID() == gid) {
            return true;
        }
        Group group = NativePosix.get().getgrgid(gid);
        return group != null && group.getMembers() != null
                && Arrays.asList(group.getMembers()).contains(user.getLoginName());
    }

    /** The sentence a refused peer gets. */
    public String refusal() {
        return "this operation needs the control socket, which is for root, configd's own user"
                + (adminGid.isPresent() ? " and members of the admin group" : "") + "; run it as root (e.g. sudo)";
    }
}
