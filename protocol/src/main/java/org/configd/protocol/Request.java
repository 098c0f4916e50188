package org.configd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/**
 * A request: {@code {"id": 7, "op": "config.get", "args": {"component": "scan-engine"}}}.
 *
 * @param id   chosen by the client, a JSON number or string; the response carries it back unchanged
 * @param op   the operation's wire name; it may be one this side does not know (see {@link #knownOp()})
 * @param args the arguments, an empty object when the request has none
 */
public record Request(JsonNode id, String op, ObjectNode args) implements Message {

    public Request {
        Objects.requireNonNull(id, "id");
        if (!id.isNumber() && !id.isTextual()) {
            throw new IllegalArgumentException(
                    "a request id must be a number or a string, not " + JsonTypes.describe(id));
        }
        Objects.requireNonNull(op, "op");
        args = args == null ? JsonNodeFactory.instance.objectNode() : args;
    }

    /** A request with a numeric id, as clients usually number them. */
    public static Request of(long id, String op, ObjectNode args) {
        return new Request(JsonTypes.number(id), op, args);
    }

    /** The {@code hello} request every connection starts with, speaking {@link ProtocolVersion#CURRENT}. */
    public static Request hello(long id, String client) {
        ObjectNode args = JsonNodeFactory.instance.objectNode()
                .put("protocol", ProtocolVersion.CURRENT)
                .put("client", client);
        return of(id, Op.HELLO.wireName(), args);
    }

    /** The op this request names, or empty when it is not one of {@link Op}'s (answered with {@code unknown-op}). */
    public Optional<Op> knownOp() {
        return Op.byName(op);
    }
}
