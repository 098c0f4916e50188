package org.configd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a {@link Message} out of a JSON object, naming the member that is missing or has the wrong type. The
 * object was readable, so these errors leave the connection usable, and they answer the request's id when that id
 * itself is readable. Members a message does not define are ignored, so that newer peers can add some.
 */
final class MessageParser {

    private MessageParser() {
    }

    static Message parse(ObjectNode json) throws ProtocolException {
        try {
            return parseKind(json);
        } catch (ProtocolException e) {
            JsonNode id = json.get("id");
            throw id != null && (id.isNumber() || id.isTextual()) ? e.forRequest(id) : e;
        }
    }

    private static Message parseKind(ObjectNode json) throws ProtocolException {
        boolean request = json.has("op");
        boolean response = json.has("ok");
        boolean event = json.has("event");
        int kinds = (request ? 1 : 0) + (response ? 1 : 0) + (event ? 1 : 0);
        if (kinds == 0) {
            throw bad("the message has none of 'op', 'ok' and 'event'; a request needs an 'op'");
        }
        if (kinds > 1) {
            throw bad("the message has more than one of 'op', 'ok' and 'event'; send exactly one");
        }
        if (request) {
            return request(json);
        }
        return response ? response(json) : event(json);
    }

    private static Request request(ObjectNode json) throws ProtocolException {
        JsonNode id = json.get("id");
        if (id == null) {
            throw bad("the request has no 'id'; give it a number or a string to match the response");
        }
        if (!id.isNumber() && !id.isTextual()) {
            throw bad("'id' must be a number or a string, not " + JsonTypes.describe(id));
        }
        String op = nonEmptyString(json, "op");
        JsonNode args = json.get("args");
        if (args != null && !args.isNull() && !args.isObject()) {
            throw bad("'args' must be an object, not " + JsonTypes.describe(args));
        }
        return new Request(id, op, args == null || args.isNull() ? null : (ObjectNode) args);
    }

    private static Response response(ObjectNode json) throws ProtocolException {
        JsonNode id = json.get("id");
        if (id == null) {
            throw bad("the response has no 'id'");
        }
        if (!id.isNull() && !id.isNumber() && !id.isTextual()) {
            throw bad("'id' must be a number, a string or null, not " + JsonTypes.describe(id));
        }
        JsonNode ok = json.get("ok");
        if (!ok.isBoolean()) {
            throw bad("'ok' must be true or false, not " + JsonTypes.describe(ok));
        }
        if (ok.booleanValue()) {
            return Response.ok(id, object(json, "result"));
        }
        ObjectNode error = object(json, "error");
        return Response.error(id,
                nonEmptyString(error, "code", "'error.code'"), string(error, "message", "'error.message'"));
    }

    private static Event event(ObjectNode json) throws ProtocolException {
        String name = nonEmptyString(json, "event");
        json.remove("event"); // the object is ours, fresh from the parser: the rest are the event's fields
        return new Event(name, json);
    }

    private static ObjectNode object(ObjectNode json, String member) throws ProtocolException {
        JsonNode value = json.get(member);
        if (value == null) {
            throw bad("the message has no '" + member + "' object");
        }
        if (!value.isObject()) {
            throw bad("'" + member + "' must be an object, not " + JsonTypes.describe(value));
        }
        return (ObjectNode) value;
    }

    private static String nonEmptyString(ObjectNode json, String member) throws ProtocolException {
        return nonEmptyString(json, member, "'" + member + "'");
    }

    private static String nonEmptyString(ObjectNode json, String member, String name) throws ProtocolException {
        String value = string(json, member, name);
        if (value.isEmpty()) {
            throw bad(name + " must not be empty");
        }
        return value;
    }

    private static String string(ObjectNode json, String member, String name) throws ProtocolException {
        JsonNode value = json.get(member);
        if (value == null) {
            throw bad("the message has no " + name + " string");
        }
        if (!value.isTextual()) {
            throw bad(name + " must be a string, not " + JsonTypes.describe(value));
        }
        return value.textValue();
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, message);
    }
}
