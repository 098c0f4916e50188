package org.configd.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.configd.sdk.Settings;

/**
 * The scan engine's signatures: a name and the text it looks for, from the settings
 * {@code signatures { eicar = "..." }} and the limit {@code max-file-size} (bytes read from each file).
 */
final class Signatures {

    private static final long DEFAULT_MAX_FILE_SIZE = 16L << 20;

    /** Each signature's UTF-8 bytes as ISO-8859-1 text, one char per byte: see {@link #match}. */
    private final Map<String, String> patterns;
    private final long maxFileSize;

    private Signatures(Map<String, String> patterns, long maxFileSize) {
        this.patterns = patterns;
        this.maxFileSize = maxFileSize;
    }

    static Signatures from(Settings settings) {
        Settings list = settings.getSettings("signatures");
        Map<String, String> patterns = new LinkedHashMap<>();
        for (String name : list.keys()) {
            String pattern = list.getString(name);
            if (pattern.isEmpty()) {
                throw list.invalid(name, "must not be empty: an empty signature would match every file");
            }
            patterns.put(name, new String(pattern.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
        long maxFileSize = settings.getLong("max-file-size", DEFAULT_MAX_FILE_SIZE);
        if (maxFileSize < 1) {
            throw settings.invalid("max-file-size", "must be a positive number of bytes");
        }
        return new Signatures(Collections.unmodifiableMap(patterns), maxFileSize);
    }

    int count() {
        return patterns.size();
    }

    /** The name of the first signature found in the first {@code max-file-size} bytes, or null. */
    String match(InputStream content) throws IOException {
        // ISO-8859-1 maps every byte to one char, so a byte pattern is found as text in any file.
        String text = new String(content.readNBytes((int) Math.min(maxFileSize, Integer.MAX_VALUE - 8)),
                StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, String> signature : patterns.entrySet()) {
            if (text.contains(signature.getValue())) {
                return signature.getKey();
            }
        }
        return null;
    }
}
