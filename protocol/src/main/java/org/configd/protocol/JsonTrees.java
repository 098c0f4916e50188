package org.configd.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees read and written with Jackson's streaming API alone. An {@code ObjectMapper} would do the same
 * through its data-binding layer, which loads some 250 classes more: a third of configctl's start-up, which
 * is paid on every command. The rules are the codec's: one value per frame, no duplicate member names,
 * decimals with their digits kept, characters beyond U+FFFF as 4-byte UTF-8.
 */
final class JsonTrees {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonTrees() {
    }

    /**
     * The one JSON value in {@code bytes}, or null when they hold none. Iterative, so that deeply nested input
     * cannot exhaust the stack (the frame size bounds the depth anyway).
     */
    static JsonNode read(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            JsonToken token = p.nextToken();
            if (token == null) {
                return null;
            }
            JsonNode root = null;
            Deque<JsonNode> open = new ArrayDeque<>();
            String field = null;
            for (; token != null; token = open.isEmpty() ? null : p.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    open.pop();
                    continue;
                }
                JsonNode value = scalarOrContainer(token, p);
                if (open.isEmpty()) {
                    root = value;
                } else if (open.peek() instanceof ObjectNode object) {
                    object.set(field, value);
                } else {
                    ((ArrayNode) open.peek()).add(value);
                }
                if (value.isContainerNode()) {
                    open.push(value);
                }
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw new JsonParseException(p, "Trailing token (of type " + trailing + ") found after value",
                        p.currentTokenLocation());
            }
            return root;
        }
    }

    private static JsonNode scalarOrContainer(JsonToken token, JsonParser p) throws IOException {
        switch (token) {
            case START_OBJECT:
                return NODES.objectNode();
            case START_ARRAY:
                return NODES.arrayNode();
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(p, "Unexpected token " + token, p.currentTokenLocation());
        }
    }

    /** Writes {@code node} as compact UTF-8 JSON to {@code out}, which is flushed but not closed. */
    static void write(JsonNode node, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(node, g);
        }
    }

    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(e.getValue(), g);
                }
                g.writeEndObject();
                break;
            case ARRAY:
                g.writeStartArray();
                for (JsonNode element : node) {
                    write(element, g);
                }
                g.writeEndArray();
                break;
            case STRING:
                g.writeString(node.textValue());
                break;
            case NUMBER:
                writeNumber(node, g);
                break;
            case BOOLEAN:
                g.writeBoolean(node.booleanValue());
                break;
            default:
                g.writeNull();
        }
    }

    private static void writeNumber(JsonNode node, JsonGenerator g) throws IOException {
        switch (node.numberType()) {
            case INT:
                g.writeNumber(node.intValue());
                break;
            case LONG:
                g.writeNumber(node.longValue());
                break;
            case BIG_INTEGER:
                g.writeNumber(node.bigIntegerValue());
                break;
            case FLOAT:
            case DOUBLE:
                g.writeNumber(node.doubleValue());
                break;
            default:
                g.writeNumber(node.decimalValue());
        }
    }
}
