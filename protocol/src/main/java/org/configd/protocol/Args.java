package org.configd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed access to a request's {@code args}. A wrong argument becomes a {@code bad-request} naming it, e.g.
 * "argument 'component' must be a string, not a number". An argument given as JSON {@code null} counts as absent.
 * The errors carry no request id: answer them with {@link ProtocolException#forRequest}.
 */
public final class Args {

    private Args() {
    }

    /** The string argument {@code name}, or empty when it is absent. */
    public static Optional<String> optionalString(ObjectNode args, String name) throws ProtocolException {
        JsonNode value = present(args, name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string", value);
        }
        return Optional.of(value.textValue());
    }

    /** The string argument {@code name}, which must be present and not empty. */
    public static String requiredString(ObjectNode args, String name) throws ProtocolException {
        String value = optionalString(args, name).orElseThrow(() -> missing(name, "a string"));
        if (value.isEmpty()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "argument '" + name + "' must not be empty");
        }
        return value;
    }

    /** The whole-number argument {@code name}, or empty when it is absent. */
    public static OptionalLong optionalLong(ObjectNode args, String name) throws ProtocolException {
        JsonNode value = present(args, name);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber()) {
            throw value.isNumber()
                    ? new ProtocolException(ErrorCode.BAD_REQUEST,
                            "argument '" + name + "' must be a whole number, not " + value.asText())
                    : wrongType(name, "a whole number", value);
        }
        if (!value.canConvertToLong()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST,
                    "argument '" + name + "' is out of range: " + value.asText());
        }
        return OptionalLong.of(value.longValue());
    }

    /** The whole-number argument {@code name}, which must be present. */
    public static long requiredLong(ObjectNode args, String name) throws ProtocolException {
        OptionalLong value = optionalLong(args, name);
        if (value.isEmpty()) {
            throw missing(name, "a whole number");
        }
        return value.getAsLong();
    }

    /** The boolean argument {@code name}, or {@code absent} when it is not given. */
    public static boolean optionalBoolean(ObjectNode args, String name, boolean absent) throws ProtocolException {
        JsonNode value = present(args, name);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "true or false", value);
        }
        return value.booleanValue();
    }

    private static JsonNode present(ObjectNode args, String name) {
        JsonNode value = args.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private static ProtocolException wrongType(String name, String expected, JsonNode value) {
        return new ProtocolException(ErrorCode.BAD_REQUEST,
                "argument '" + name + "' must be " + expected + ", not " + JsonTypes.describe(value));
    }

    private static ProtocolException missing(String name, String expected) {
        return new ProtocolException(ErrorCode.BAD_REQUEST,
                "argument '" + name + "' is missing; give it as " + expected);
    }
}
