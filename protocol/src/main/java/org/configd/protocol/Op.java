package org.configd.protocol;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.configd.protocol.SocketKind.COMPONENT;
import static org.configd.protocol.SocketKind.CONTROL;
import static org.configd.protocol.SocketKind.INFO;

/**
 * Every operation of the protocol: its wire name, the sockets that allow it, and whether it changes anything. An
 * op not allowed on a socket is answered {@code forbidden}; a name not listed here {@code unknown-op}.
 * PROTOCOL.md describes each op's arguments and result.
 */
public enum Op {

    /** Opens every connection: protocol version and client name in, server, generation and socket kind out. */
    HELLO("hello", false, INFO, CONTROL, COMPONENT),
    /** Settings of every component, of one, or one key of one; secrets redacted where the caller may not see them. */
    CONFIG_GET("config.get", false, INFO, CONTROL, COMPONENT),
    /** The license summary and state, never key material. */
    LICENSE_GET("license.get", false, INFO, CONTROL, COMPONENT),
    /** Generation, license summary, log file and the state of every component (or one). */
    STATUS("status", false, INFO, CONTROL),
    /** Starts an on-demand component if needed and answers once it runs; allowed on the info socket on purpose. */
    COMPONENT_ACQUIRE("component.acquire", false, INFO, CONTROL),
    /** Re-reads configuration and license; the old snapshot stays when the new one is invalid. */
    RELOAD("reload", true, CONTROL),
    /** Stops every component, then configd itself. */
    SHUTDOWN("shutdown", true, CONTROL),
    /** Starts a stopped component. */
    COMPONENT_START("component.start", true, CONTROL),
    /** Stops a component and keeps it stopped. */
    COMPONENT_STOP("component.stop", true, CONTROL),
    /** Stops a component and starts it again. */
    COMPONENT_RESTART("component.restart", true, CONTROL),
    /** A component with {@code readiness = notify} says it serves. Changes only the caller's own state. */
    READY("ready", true, COMPONENT),
    /** A component sets the short status text that {@code status} shows. Changes only the caller's own state. */
    STATUS_SET("status.set", true, COMPONENT),
    /** A component says it is alive. Changes only the caller's own state. */
    HEARTBEAT("heartbeat", true, COMPONENT);

    private static final Map<String, Op> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(Op::wireName, Function.identity()));

    private final String wireName;
    private final boolean mutating;
    private final Set<SocketKind> sockets;

    Op(String wireName, boolean mutating, SocketKind first, SocketKind... rest) {
        this.wireName = wireName;
        this.mutating = mutating;
        this.sockets = Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** The op with this wire name, or empty for a name this configd does not know. */
    public static Optional<Op> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The name in a request's {@code op} member, e.g. {@code config.get}. */
    public String wireName() {
        return wireName;
    }

    /** Whether the op changes state; a mutating op sent on the info socket is refused and logged. */
    public boolean mutating() {
        return mutating;
    }

    /** The sockets on which the op is served. */
    public Set<SocketKind> sockets() {
        return sockets;
    }

    /** Whether the op is served on a socket of this kind. */
    public boolean allowedOn(SocketKind socket) {
        return sockets.contains(socket);
    }
}
