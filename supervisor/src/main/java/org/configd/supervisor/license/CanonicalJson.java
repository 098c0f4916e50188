package org.configd.supervisor.license;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.TreeMap;

/**
 * The canonical JSON of a license: what its signature covers. Object keys sorted (by UTF-16 code units, at every
 * depth), no insignificant whitespace, UTF-8, strings escaped as Jackson escapes them, numbers exactly as written
 * in the file. The same writer, given a pretty printer, writes the signed document, so that signing and checking
 * can never disagree on the bytes.
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
                // Typesafe keeps a number's original text; re-formatting it (1.50 to 1.5) would break signatures.
                out.writeNumber(value.render(ConfigRenderOptions.concise()));
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
}
