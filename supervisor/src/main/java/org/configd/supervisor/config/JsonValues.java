package org.configd.supervisor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.TreeMap;

/** Turns a resolved Typesafe Config value into the Jackson tree that components receive as their settings. */
final class JsonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    static JsonNode toJson(ConfigValue value) {
        switch (value.valueType()) {
            case OBJECT:
                ObjectNode object = NODES.objectNode();
                // Typesafe keeps no key order; sorting makes the JSON (and its text) the same on every load.
                new TreeMap<>((ConfigObject) value).forEach((key, child) -> object.set(key, toJson(child)));
                return object;
            case LIST:
                ArrayNode array = NODES.arrayNode();
                ((ConfigList) value).forEach(child -> array.add(toJson(child)));
                return array;
            case NUMBER:
                return number((Number) value.unwrapped());
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value.unwrapped());
            case STRING:
                return NODES.textNode((String) value.unwrapped());
            default:
                return NODES.nullNode();
        }
    }

    private static JsonNode number(Number number) {
        if (number instanceof Integer) {
            return NODES.numberNode(number.intValue());
        }
        if (number instanceof Long) {
            return NODES.numberNode(number.longValue());
        }
        return NODES.numberNode(number.doubleValue());
    }
}
