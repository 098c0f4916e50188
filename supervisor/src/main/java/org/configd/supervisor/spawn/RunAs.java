package org.configd.supervisor.spawn;

import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

/**
 * The user a component runs as (only when configd itself is root): numeric ids, already looked up, and the name
 * for messages.
 *
 * @param uid      the user id the component runs with
 * @param gid      its primary group id
 * @param groups   its supplementary group ids, as {@code initgroups} would set them (the user's groups and
 *                 {@code gid}); looked up by configd, so that the program switching users needs no account database
 * @param userName the user's name, for messages
 */
public record RunAs(int uid, int gid, List<Integer> groups, String userName) {

    public RunAs {
        if (uid < 0) {
            throw new IllegalArgumentException("a uid is not negative: " + uid);
        }
        if (gid < 0) {
            throw new IllegalArgumentException("a gid is not negative: " + gid);
        }
        groups = List.copyOf(groups);
        if (groups.isEmpty() || groups.stream().anyMatch(group -> group < 0)) {
            throw new IllegalArgumentException("supplementary groups are at least one id, none negative: " + groups);
        }
        Objects.requireNonNull(userName, "userName");
    }

    /**
     * The user {@code userName} (uid {@code uid}) with group {@code gid} and the supplementary groups the system's
     * account database gives it (getgrouplist, which reads the same sources as {@code initgroups}).
     */
    public static RunAs withGroupsOf(int uid, int gid, String userName) {
        Pointer name = CStrings.of(userName);
        int[] groups = new int[32];
        IntByReference count = new IntByReference(groups.length);
        while (LibC.INSTANCE.getgrouplist(name, gid, groups, count) < 0) {
            groups = new int[Math.max(count.intValue(), groups.length * 2)];
            count = new IntByReference(groups.length);
        }
        Reference.reachabilityFence(name);
        return new RunAs(uid, gid, Arrays.stream(groups, 0, count.intValue()).boxed().toList(), userName);
    }

    /** A user whose only group is {@code gid}. */
    public RunAs(int uid, int gid, String userName) {
        this(uid, gid, List.of(gid), userName);
    }
}
