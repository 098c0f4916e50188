package org.configd.supervisor.spawn;

import java.util.Objects;

/**
 * The user a component runs as (only when configd itself is root): numeric ids, already looked up, and the name
 * for messages.
 *
 * @param uid      the user id the component runs with
 * @param gid      its primary group id
 * @param userName the user's name, for messages
 */
public record RunAs(int uid, int gid, String userName) {

    public RunAs {
        if (uid < 0) {
            throw new IllegalArgumentException("a uid is not negative: " + uid);
        }
        if (gid < 0) {
            throw new IllegalArgumentException("a gid is not negative: " + gid);
        }
        Objects.requireNonNull(userName, "userName");
    }
}
