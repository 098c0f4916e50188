package org.configd.supervisor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A component's free-form {@code settings}, after its defaults file and every layer were merged: an immutable JSON
 * object. Two settings are equal when their JSON is deeply equal.
 *
 * <p>The wrapped Jackson tree is mutable by nature, so it never leaves this class: every accessor hands out a copy.
 */
public final class Settings {

    /** What a secret's value is replaced with by {@link #redacted(List)}. */
    public static final String REDACTED = "<redacted>";

    private static final Settings EMPTY = new Settings(JsonNodeFactory.instance.objectNode());

    private final ObjectNode json;

    private Settings(ObjectNode json) {
        this.json = json;
    }

    /** No settings at all: {@code {}}. */
    public static Settings empty() {
        return EMPTY;
    }

    /** Settings holding a copy of {@code json}; later changes to {@code json} do not show here. */
    public static Settings of(ObjectNode json) {
        return new Settings(Objects.requireNonNull(json, "json").deepCopy());
    }

    /** A copy of the settings as a JSON object, free for the caller to change. */
    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /**
     * The value at a dotted path such as {@code db.password}, copied; empty when any part of the path is missing.
     */
    public Optional<JsonNode> at(String dottedKey) {
        return find(json, dottedKey).map(JsonNode::deepCopy);
    }

    /** The node at a dotted path below {@code root} (which may be null), itself, not a copy. */
    public static Optional<JsonNode> find(JsonNode root, String dottedKey) {
        JsonNode node = root;
        for (String part : dottedKey.split("\\.", -1)) {
            node = node != null && node.isObject() ? node.get(part) : null;
        }
        return Optional.ofNullable(node);
    }

    /**
     * These settings with the value at each of {@code secretPaths} (dotted, e.g. {@code db.password}) replaced by the
     * string {@value #REDACTED}; a path that names nothing is skipped, since an optional secret may well be unset.
     */
    public Settings redacted(List<String> secretPaths) {
        ObjectNode copy = json.deepCopy();
        for (String path : secretPaths) {
            redact(copy, path.split("\\.", -1));
        }
        return new Settings(copy);
    }

    private static void redact(ObjectNode root, String[] parts) {
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.get(parts[i]);
            if (parent == null || !parent.isObject()) {
                return;
            }
        }
        String last = parts[parts.length - 1];
        if (parent.has(last)) {
            ((ObjectNode) parent).set(last, TextNode.valueOf(REDACTED));
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Settings settings && json.equals(settings.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** The settings as compact JSON (secrets included: redact first when it may be shown). */
    @Override
    public String toString() {
        return json.toString();
    }
}
