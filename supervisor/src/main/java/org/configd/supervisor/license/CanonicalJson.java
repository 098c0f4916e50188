package org.configd.supervisor.license;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical JSON of a license: what its signature covers. Object keys sorted (by UTF-16 code units, at every
 * depth), no insignificant whitespace, UTF-8, strings escaped as Jackson escapes them, numbers as plain decimal
 * digits (whole numbers only: see {@link #firstDecimal}). The same writer, given a pretty printer, writes the
 * signed document, so that signing and checking can never disagree on the bytes.
 */
final class CanonicalJson {

    static final JsonFactory JSON = new JsonFactory();

    private CanonicalJson() {
    }

    /** The canonical bytes of {@code value}. */
    static byte[] bytes(ConfigValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            write(value, generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes {@code value} with sorted keys and numbers as written, in whatever layout {@code out} has. */
    static void write(ConfigValue value, JsonGenerator out) throws IOException {
        switch (value.valueType()) {
            case OBJECT:
                out.writeStartObject();
                for (var entry : new TreeMap<>((ConfigObject) value).entrySet()) {
                    out.writeFieldName(entry.getKey());
                    write(entry.getValue(), out);
                }
                out.writeEndObject();
                break;
            case LIST:
                out.writeStartArray();
                for (ConfigValue item : (ConfigList) value) {
                    write(item, out);
                }
                out.writeEndArray();
                break;
            case NUMBER:
                out.writeNumber(wholeNumber(value));
                break;
            case BOOLEAN:
                out.writeBoolean((Boolean) value.unwrapped());
                break;
            case STRING:
                out.writeString((String) value.unwrapped());
                break;
            default:
                out.writeNull();
        }
    }

    /**
     * Whether every number inside {@code value} is a whole number; returns the dotted key of the first that is
     * not. Typesafe Config keeps a number's value, not its text ({@code 1.50} comes back as {@code 1.5}), so a
     * decimal has no canonical form that a signer could reproduce: a license must write one as a string.
     */
    static Optional<String> firstDecimal(ConfigValue value, String key) {
        switch (value.valueType()) {
            case OBJECT:
                for (var entry : new TreeMap<>((ConfigObject) value).entrySet()) {
                    var found = firstDecimal(entry.getValue(), key + "." + entry.getKey());
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            case LIST:
                ConfigList list = (ConfigList) value;
                for (int i = 0; i < list.size(); i++) {
                    var found = firstDecimal(list.get(i), key + "[" + i + "]");
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            case NUMBER:
                return isWhole(value) ? Optional.empty() : Optional.of(key);
            default:
                return Optional.empty();
        }
    }

    private static boolean isWhole(ConfigValue number) {
        return number.unwrapped() instanceof Integer || number.unwrapped() instanceof Long;
    }

    private static long wholeNumber(ConfigValue number) {
        if (!isWhole(number)) {
            throw new IllegalArgumentException("not a whole number, refused when the license was parsed: "
                    + number.render());
        }
        return ((Number) number.unwrapped()).longValue();
    }
}
