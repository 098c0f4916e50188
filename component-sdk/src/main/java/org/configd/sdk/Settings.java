package org.configd.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.configd.protocol.MessageCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One component's settings as configd handed them out in one answer: an immutable snapshot of a single
 * {@linkplain #generation() generation}, never a mix of two. Keys are dotted paths into nested objects, e.g.
 * {@code db.port}.
 *
 * <p>Every typed getter comes in two forms: {@code getInt("port")} requires the setting and throws
 * {@link SettingsException} when it is missing or has the wrong type; {@code getInt("port", 8080)} returns the
 * fallback when it is missing (or null) and still throws when it has the wrong type, because a typo in a value
 * should not silently become the default. The exception's message names the component, the key, the bad value and
 * where to fix it, ready for {@link Exit#badConfig(String)}.
 *
 * <p>Conversions follow configd's configuration language (HOCON): a number or boolean reads as a string, a string
 * holding a whole number reads as a number (values substituted from the environment are strings), {@code yes},
 * {@code on}, {@code no} and {@code off} read as booleans, and a duration is a string such as {@code "30s"} or a
 * number of milliseconds.
 */
public final class Settings {

    private final String component;
    private final long generation;
    private final String prefix;
    private final ObjectNode json;

    private Settings(String component, long generation, String prefix, ObjectNode json) {
        this.component = component;
        this.generation = generation;
        this.prefix = prefix;
        this.json = json;
    }

    /**
     * Settings holding a copy of {@code json}, e.g. the {@code settings} of a {@code config.get} answer.
     *
     * @param component  the component they belong to, for messages
     * @param generation the configuration generation they were read from
     * @param json       the settings object; later changes to it do not show here
     */
    public static Settings of(String component, long generation, ObjectNode json) {
        Objects.requireNonNull(component, "component");
        return new Settings(component, generation, "", Objects.requireNonNull(json, "json").deepCopy());
    }

    /** The component these settings belong to. */
    public String component() {
        return component;
    }

    /** The configuration generation they were read from; it rises by one with every reload that changes anything. */
    public long generation() {
        return generation;
    }

    /** Whether the setting exists and is not null. */
    public boolean has(String key) {
        return find(key).isPresent();
    }

    /** The names directly inside these settings, sorted. */
    public Set<String> keys() {
        Set<String> names = new TreeSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableSet(names);
    }

    /** The required setting as a string (a number or boolean is read as its text). */
    public String getString(String key) {
        return required(key, this::asString);
    }

    /** The setting as a string, or {@code fallback} when it is not set. */
    public String getString(String key, String fallback) {
        return optional(key, this::asString, fallback);
    }

    /** The required setting as an {@code int}. */
    public int getInt(String key) {
        return required(key, this::asInt);
    }

    /** The setting as an {@code int}, or {@code fallback} when it is not set. */
    public int getInt(String key, int fallback) {
        return optional(key, this::asInt, fallback);
    }

    /** The required setting as a {@code long}. */
    public long getLong(String key) {
        return required(key, this::asLong);
    }

    /** The setting as a {@code long}, or {@code fallback} when it is not set. */
    public long getLong(String key, long fallback) {
        return optional(key, this::asLong, fallback);
    }

    /** The required setting as a boolean: true, yes, on or false, no, off. */
    public boolean getBoolean(String key) {
        return required(key, this::asBoolean);
    }

    /** The setting as a boolean, or {@code fallback} when it is not set. */
    public boolean getBoolean(String key, boolean fallback) {
        return optional(key, this::asBoolean, fallback);
    }

    /** The required setting as a duration: {@code "30s"}, {@code "100ms"}, {@code "5m"}, or milliseconds. */
    public Duration getDuration(String key) {
        return required(key, this::asDuration);
    }

    /** The setting as a duration, or {@code fallback} when it is not set. */
    public Duration getDuration(String key, Duration fallback) {
        return optional(key, this::asDuration, fallback);
    }

    /** The required setting as a list of strings. */
    public List<String> getStringList(String key) {
        return required(key, this::asStringList);
    }

    /** The setting as a list of strings, or {@code fallback} when it is not set. */
    public List<String> getStringList(String key, List<String> fallback) {
        return optional(key, this::asStringList, fallback);
    }

    /**
     * The required nested object as settings of the same generation; its keys are relative ({@code getInt("port")}
     * on {@code getSettings("db")}), and its messages name the full key ({@code db.port}).
     */
    public Settings getSettings(String key) {
        return required(key, this::asSettings);
    }

    /**
     * An exception for a setting that has the right type but a value the component cannot use, worded like the
     * others: "setting 'action' is "delete", but it must be one of reject, tag; fix
     * components.policy.settings.action in the configuration, then reload configd".
     *
     * @param key         the setting's key, relative to these settings
     * @param requirement what the value must be, phrased to follow "but it", e.g. "must be between 1 and 65535"
     */
    public SettingsException invalid(String key, String requirement) {
        String value = find(key).map(Settings::describe).orElse("not set");
        return problem(key, "is " + value + ", but it " + requirement);
    }

    /** A copy of the settings as a JSON object, for binding them with Jackson; changing it changes nothing here. */
    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /** Same component, generation and values. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Settings s && s.component.equals(component) && s.generation == generation
                && s.prefix.equals(prefix) && s.json.equals(json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(component, generation, prefix, json);
    }

    /** The settings as compact JSON, secrets included: do not log it where secrets must not appear. */
    @Override
    public String toString() {
        return MessageCodec.text(json);
    }

    // ---------------------------------------------------------------------------------------------- lookup

    private Optional<JsonNode> find(String key) {
        Objects.requireNonNull(key, "key");
        JsonNode node = json;
        for (String part : key.split("\\.", -1)) {
            node = node.isObject() ? node.get(part) : null;
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /** Converts one present value, or throws the {@link SettingsException} that names its wrong type. */
    private interface Reader<T> {
        T read(String key, JsonNode value);
    }

    private <T> T required(String key, Reader<T> reader) {
        JsonNode value = find(key).orElseThrow(() -> problem(key, "is missing"));
        return reader.read(key, value);
    }

    private <T> T optional(String key, Reader<T> reader, T fallback) {
        Optional<JsonNode> value = find(key);
        return value.isEmpty() ? fallback : reader.read(key, value.get());
    }

    // ---------------------------------------------------------------------------------------------- conversions

    private String asString(String key, JsonNode value) {
        if (!value.isValueNode()) {
            throw wrongType(key, "a string", value);
        }
        return value.asText();
    }

    private int asInt(String key, JsonNode value) {
        long number = asLong(key, value);
        if (number != (int) number) {
            throw wrongType(key, "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE, value);
        }
        return (int) number;
    }

    private long asLong(String key, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException notWhole) {
                // reported below
            }
        }
        throw wrongType(key, "a whole number", value);
    }

    private boolean asBoolean(String key, JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isTextual() ? value.textValue() : "";
        switch (text) {
            case "true": case "yes": case "on":
                return true;
            case "false": case "no": case "off":
                return false;
            default:
                throw wrongType(key, "true or false", value);
        }
    }

    private Duration asDuration(String key, JsonNode value) {
        Optional<Duration> duration = value.isNumber() ? DurationText.ofMillis(value.decimalValue())
                : value.isTextual() ? DurationText.parse(value.textValue()) : Optional.empty();
        return duration.orElseThrow(() -> wrongType(key, DurationText.FORMS, value));
    }

    private List<String> asStringList(String key, JsonNode value) {
        if (!value.isArray()) {
            throw wrongType(key, "a list of strings such as [\"a\", \"b\"]", value);
        }
        List<String> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isValueNode() || item.isNull()) {
                throw wrongType(key, "a list of strings such as [\"a\", \"b\"]", value);
            }
            items.add(item.asText());
        }
        return List.copyOf(items);
    }

    private Settings asSettings(String key, JsonNode value) {
        if (!value.isObject()) {
            throw wrongType(key, "an object such as { key = value }", value);
        }
        return new Settings(component, generation, prefix + key + ".", ((ObjectNode) value).deepCopy());
    }

    // ---------------------------------------------------------------------------------------------- messages

    private SettingsException wrongType(String key, String expected, JsonNode value) {
        return problem(key, "must be " + expected + ", not " + describe(value));
    }

    private SettingsException problem(String key, String what) {
        String full = prefix + key;
        return new SettingsException(component, full, "setting '" + full + "' " + what + "; fix "
                + "components." + component + ".settings." + full + " in the configuration, then reload configd");
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        return MessageCodec.text(value); // a JSON scalar: strings quoted, numbers and booleans as written
    }
}
