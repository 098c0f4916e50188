package org.configd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to one request: {@code {"id": 7, "ok": true, "result": {...}}} or
 * {@code {"id": 7, "ok": false, "error": {"code": "...", "message": "..."}}}. Build one with {@link #ok} or
 * {@link #error}.
 *
 * @param id     the request's id, or a JSON null when the request could not be read
 * @param ok     whether the request succeeded
 * @param result the result object when {@code ok}, otherwise null
 * @param error  the error when not {@code ok}, otherwise null
 */
public record Response(JsonNode id, boolean ok, ObjectNode result, ErrorBody error) implements Message {

    public Response {
        id = id == null ? NullNode.getInstance() : id;
        if (!id.isNull() && !id.isNumber() && !id.isTextual()) {
            throw new IllegalArgumentException("a response id must be a number, a string or null, not "
                    + JsonTypes.describe(id));
        }
        if (ok && (result == null || error != null)) {
            throw new IllegalArgumentException("a successful response has a result and no error");
        }
        if (!ok && (error == null || result != null)) {
            throw new IllegalArgumentException("a failed response has an error and no result");
        }
    }

    /** A successful response carrying {@code result}. */
    public static Response ok(JsonNode id, ObjectNode result) {
        return new Response(id, true, result, null);
    }

    /** A successful response with an empty result, as for {@code ready} or {@code shutdown}. */
    public static Response ok(JsonNode id) {
        return ok(id, JsonNodeFactory.instance.objectNode());
    }

    /** A failed response; {@code id} may be null when the request could not be read. */
    public static Response error(JsonNode id, String code, String message) {
        return new Response(id, false, null, new ErrorBody(code, message));
    }
}
