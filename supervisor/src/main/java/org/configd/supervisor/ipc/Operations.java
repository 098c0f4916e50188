package org.configd.supervisor.ipc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import org.configd.protocol.Op;
import org.configd.protocol.ProtocolException;

/**
 * The ops themselves. {@link RequestHandler} has already checked that the op exists, that it is allowed on
 * this socket and that the peer may use it; an implementation only does the work.
 */
public interface Operations {

    /**
     * Performs {@code op}. A {@link ProtocolException} (thrown, or completing the future) becomes an error
     * response with its code; so does a {@link org.configd.supervisor.lifecycle.SupervisorException}.
     */
    CompletableFuture<ObjectNode> perform(Op op, ObjectNode args, Connection connection) throws ProtocolException;
}
