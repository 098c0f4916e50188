package org.configd.protocol;

import java.util.Optional;

/** The three kinds of connection configd serves; which ops each allows is in {@link Op}. */
public enum SocketKind {

    /** {@code info.sock}, open to every user: read-only ops, secrets redacted. */
    INFO("info"),
    /** {@code control.sock}, for root, configd's own user and the admin group: every operator op, secrets shown. */
    CONTROL("control"),
    /** A component's own channel on its fd 3: its settings, readiness, status and heartbeat. */
    COMPONENT("component");

    private final String wireName;

    SocketKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, e.g. in {@code hello}'s result: {@code info}, {@code control} or {@code component}. */
    public String wireName() {
        return wireName;
    }

    /** The socket kind with this wire name, if there is one. */
    public static Optional<SocketKind> byWireName(String name) {
        for (SocketKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
