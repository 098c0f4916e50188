package org.configd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NumericNode;

import java.util.Locale;

/** Small JSON helpers: type names for error messages, and numbers built the way the parser builds them. */
final class JsonTypes {

    private JsonTypes() {
    }

    /** A JSON value's type the way an error message needs it: "must be a string, not <em>a number</em>". */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The node the parser makes for this number: an {@code IntNode} within int range. Jackson's {@code IntNode(7)}
     * and {@code LongNode(7)} are not equal, so a message built with a long would not equal itself read back.
     */
    static NumericNode number(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }
}
