package org.configd.supervisor.ipc;

import io.netty.channel.Channel;
import java.util.Optional;
import org.configd.protocol.SocketKind;

/**
 * What a request handler knows about the connection a request came on.
 *
 * @param kind       which socket it came through
 * @param peer       the peer's credentials (configd's own on a component channel)
 * @param authorized whether mutating ops are allowed: control-socket peers that passed the check, and a
 *                   component for its own ops
 * @param component  the component at the other end of a component channel
 */
public record Connection(SocketKind kind, Peer peer, boolean authorized, Optional<ComponentIdentity> component,
                         Channel channel) {

    /** Whether this connection may see the unredacted settings of {@code componentName}. */
    public boolean maySeeSecretsOf(String componentName) {
        if (kind == SocketKind.CONTROL) {
            return authorized;
        }
        return component.map(c -> c.name().equals(componentName)).orElse(false);
    }

    public String describe() {
        return component.map(c -> "component " + c.name() + " (pid " + c.pid() + ")")
                .orElse(kind.wireName() + " socket peer " + peer);
    }
}
