package org.configd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Objects;

/**
 * A peer broke the protocol, or a request cannot be served as sent. It carries everything needed to answer it:
 * the {@link ErrorCode}, one sentence for the human reading it, the id of the request when it could be read, and
 * whether the connection must be closed after the answer (it must when the byte stream cannot be trusted any more:
 * a bad length, a frame that is not a JSON object, a timeout).
 *
 * <p>No stack trace is recorded: the cause is always the peer's input, and a hostile peer must not be able to make
 * configd spend time filling stack traces.
 */
public final class ProtocolException extends Exception {

    private final String code;
    private final transient JsonNode requestId;
    private final boolean closesConnection;

    /**
     * An error answered on a connection that stays open, with no request id yet (see {@link #forRequest}).
     *
     * @param code    one of the {@link ErrorCode} constants
     * @param message one sentence saying what was wrong and, where there is one, the fix
     */
    public ProtocolException(String code, String message) {
        this(code, message, NullNode.getInstance(), false);
    }

    private ProtocolException(String code, String message, JsonNode requestId, boolean closesConnection) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.requestId = requestId == null ? NullNode.getInstance() : requestId;
        this.closesConnection = closesConnection;
    }

    /** An error after which the connection is closed, because what follows on it cannot be read reliably. */
    public static ProtocolException closing(String code, String message) {
        return new ProtocolException(code, message, NullNode.getInstance(), true);
    }

    /** The same error, answering the request with this id. */
    public ProtocolException forRequest(JsonNode id) {
        return new ProtocolException(code, getMessage(), id, closesConnection);
    }

    /** One of the {@link ErrorCode} constants. */
    public String code() {
        return code;
    }

    /** The id of the request this error answers; a JSON null when the request could not be read. */
    public JsonNode requestId() {
        return requestId;
    }

    /** Whether the connection is closed after this error is sent. */
    public boolean closesConnection() {
        return closesConnection;
    }

    /** The error response that tells the peer about this error. */
    public Response toResponse() {
        return Response.error(requestId, code, getMessage());
    }
}
