package org.configd.supervisor.ipc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.configd.protocol.ErrorCode;
import org.configd.protocol.Message;
import org.configd.protocol.Op;
import org.configd.protocol.ProtocolException;
import org.configd.protocol.Request;
import org.configd.protocol.Response;
import org.configd.protocol.SocketKind;
import org.configd.supervisor.lifecycle.SupervisorException;

/**
 * The connection's gatekeeper: hello first, the op must exist and be allowed on this socket, a mutating op
 * needs an authorised peer; then {@link Operations} does the work. One instance per connection (it holds
 * whether hello was said). Every request gets exactly one response, in any outcome.
 */
final class RequestHandler extends SimpleChannelInboundHandler<Message> {

    private static final Logger LOG = LogManager.getLogger(RequestHandler.class);

    private final Connection connection;
    private final Operations operations;
    private final Authorizer authorizer;
    private boolean greeted;

    RequestHandler(Connection connection, Operations operations, Authorizer authorizer) {
        this.connection = connection;
        this.operations = operations;
        this.authorizer = authorizer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message message) {
        if (!(message instanceof Request request)) {
            reply(ctx, Response.error(null, ErrorCode.BAD_REQUEST,
                    "only requests are accepted here; a request has \"id\", \"op\" and \"args\""));
            return;
        }
        Optional<Op> op = Op.byName(request.op());
        String refusal = refusal(request, op);
        if (refusal != null) {
            reply(ctx, Response.error(request.id(), refusalCode(op), refusal));
            return;
        }
        CompletableFuture<ObjectNode> result;
        try {
            result = operations.perform(op.get(), request.args(), connection);
        } catch (ProtocolException e) {
            result = CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((value, error) -> {
            if (error == null) {
                if (op.get() == Op.HELLO) {
                    greeted = true;
                }
                reply(ctx, Response.ok(request.id(), value));
            } else {
                fail(ctx, request, error);
            }
        });
    }

    /** Why this request is refused before it reaches the ops, or null. */
    private String refusal(Request request, Optional<Op> op) {
        if (op.isEmpty()) {
            return "unknown op '" + request.op() + "'; see protocol/PROTOCOL.md for the ops";
        }
        Op o = op.get();
        if (connection.kind() == SocketKind.CONTROL && !connection.authorized()) {
            LOG.warn("refused {} on the control socket from {}: not root, configd's user or the admin group",
                    o.wireName(), connection.peer());
            return authorizer.refusal();
        }
        if (!greeted && o != Op.HELLO) {
            return "send hello first: the first request on a connection must be hello";
        }
        if (!o.allowedOn(connection.kind())) {
            if (connection.kind() == SocketKind.INFO) {
                LOG.warn("refused {} on the info socket from {}: it needs the control socket",
                        o.wireName(), connection.peer());
                return "'" + o.wireName() + "' is not allowed on the info socket; " + authorizer.refusal();
            }
            return "'" + o.wireName() + "' is not allowed on the " + connection.kind().wireName() + " socket";
        }
        return null;
    }

    private static String refusalCode(Optional<Op> op) {
        return op.isEmpty() ? ErrorCode.UNKNOWN_OP : ErrorCode.FORBIDDEN;
    }

    private void fail(ChannelHandlerContext ctx, Request request, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ProtocolException pe) {
            Response response = Response.error(request.id(), pe.code(), pe.getMessage());
            if (pe.closesConnection()) {
                ErrorAndClose.send(ctx.channel(), response);
            } else {
                reply(ctx, response);
            }
        } else if (cause instanceof SupervisorException se) {
            reply(ctx, Response.error(request.id(), se.code(), se.getMessage()));
        } else {
            LOG.error("{} failed for {}", request.op(), connection.describe(), cause);
            reply(ctx, Response.error(request.id(), ErrorCode.INTERNAL,
                    "configd failed to perform '" + request.op() + "': " + cause + "; see configd's log"));
        }
    }

    /** Any thread may answer: an op can complete on the supervision loop. */
    private static void reply(ChannelHandlerContext ctx, Response response) {
        ctx.writeAndFlush(response, ctx.voidPromise());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Only this connection is affected: log it once and close it.
        LOG.debug("closing {} after an error: {}", connection.describe(), cause.toString());
        ctx.close();
    }
}
