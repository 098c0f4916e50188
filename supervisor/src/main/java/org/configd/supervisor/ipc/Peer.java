package org.configd.supervisor.ipc;

/**
 * Who is on the other end of a connection: the kernel's SO_PEERCRED for the info and control sockets. On a
 * component channel it is configd itself (a socketpair's peer is its creator), so a component is identified
 * by construction instead, see {@link Connection#component()}.
 */
public record Peer(int pid, int uid, int gid) {

    @Override
    public String toString() {
        return "uid " + uid + ", pid " + pid;
    }
}
