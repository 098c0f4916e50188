package org.configd.supervisor.log;

/**
 * The escaping of text in the two record formats (see {@link LogRecordFormat}).
 *
 * <p>Text format: {@code \} becomes {@code \\}, a line feed {@code \n}, a carriage return {@code \r}, and every other
 * control character except the tab (C0, DEL, C1) {@code \}{@code uXXXX}. The result has no line break, and nothing a
 * terminal would take as a command when someone reads the file with {@code cat}.
 *
 * <p>JSON: a JSON string (RFC 8259): {@code "} and {@code \} escaped, control characters as {@code \n}, {@code \r},
 * {@code \t}, {@code \b}, {@code \f} or {@code \}{@code uXXXX}.
 *
 * <p>Each format's escaping is one table of what its ASCII characters become, and whether it escapes the C1
 * controls; it is applied to text in a String and to the UTF-8 bytes a component printed, which are copied as they
 * are when well-formed instead of being decoded and encoded again. Both give the same bytes for the same text (a
 * test holds them to it).
 */
enum Escaping {

    TEXT(false),
    JSON(true);

    /** A constant, so that the constructors may use it (an enum's other static fields are set after them). */
    private static final String HEX = "0123456789abcdef";

    /** What each ASCII character becomes, or null for itself. */
    private final String[] ascii = new String[128];
    /** Whether U+0080 to U+009F (the C1 controls) are escaped as well. */
    private final boolean escapesC1;

    Escaping(boolean json) {
        for (int c = 0; c < 0x20; c++) {
            ascii[c] = unicodeEscape(c);
        }
        ascii['\\'] = "\\\\";
        ascii['\n'] = "\\n";
        ascii['\r'] = "\\r";
        if (json) {
            ascii['"'] = "\\\"";
            ascii['\t'] = "\\t";
            ascii['\b'] = "\\b";
            ascii['\f'] = "\\f";
        } else {
            ascii['\t'] = null; // tabs stay as they are
            ascii[0x7F] = unicodeEscape(0x7F);
        }
        escapesC1 = !json;
    }

    /** Appends the text escaped. */
    void append(StringBuilder out, String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80 && ascii[c] != null) {
                out.append(ascii[c]);
            } else if (escapesC1 && c >= 0x80 && c <= 0x9F) {
                out.append(unicodeEscape(c));
            } else {
                out.append(c);
            }
        }
    }

    /**
     * Appends the text escaped as {@link #append(StringBuilder, String)} would, given as UTF-8 bytes, or appends part
     * of it and returns false when the bytes are not well-formed UTF-8: the caller then decodes (replacing what is
     * malformed) and escapes the String.
     */
    boolean append(ByteBuilder out, byte[] bytes, int from, int to) {
        int run = from;
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80 && ascii[b] == null) {
                i++;
                continue;
            }
            out.append(bytes, run, i - run);
            if (b < 0x80) {
                out.appendAscii(ascii[b]);
                i++;
            } else {
                int sequence = wellFormedLength(bytes, i, to);
                if (sequence == 0) {
                    return false;
                }
                if (escapesC1 && b == 0xC2 && (bytes[i + 1] & 0xFF) <= 0x9F) {
                    out.appendAscii(unicodeEscape(bytes[i + 1] & 0xFF)); // U+0080 to U+009F
                } else {
                    out.append(bytes, i, sequence);
                }
                i += sequence;
            }
            run = i;
        }
        out.append(bytes, run, i - run);
        return true;
    }

    /** A JSON string, quotes included. */
    static void appendJsonString(StringBuilder out, String text) {
        out.append('"');
        JSON.append(out, text);
        out.append('"');
    }

    /** Undoes {@link #TEXT}; a backslash that starts no known escape is kept as it is. */
    static String unescapeText(String text) {
        int backslash = text.indexOf('\\');
        if (backslash < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, backslash);
        for (int i = backslash, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == n) {
                out.append(c);
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '\\') {
                out.append('\\');
                i++;
            } else if (next == 'n') {
                out.append('\n');
                i++;
            } else if (next == 'r') {
                out.append('\r');
                i++;
            } else if (next == 't') {
                out.append('\t');
                i++;
            } else if (next == 'u' && i + 6 <= n && isHex(text, i + 2, i + 6)) {
                out.append((char) Integer.parseInt(text, i + 2, i + 6, 16));
                i += 5;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The length of the well-formed UTF-8 sequence at {@code bytes[i]} (2 to 4), or 0 when it is not one: the
     * table of well-formed byte sequences in the Unicode standard (section 3.9), which excludes overlong forms,
     * surrogates and code points beyond U+10FFFF.
     */
    static int wellFormedLength(byte[] bytes, int i, int end) {
        int lead = bytes[i] & 0xFF;
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (end - i < length) {
            return 0;
        }
        int second = bytes[i + 1] & 0xFF;
        if (second < low || second > high) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }

    private static String unicodeEscape(int c) {
        return "\\u" + HEX.charAt(c >> 12 & 0xF) + HEX.charAt(c >> 8 & 0xF) + HEX.charAt(c >> 4 & 0xF)
                + HEX.charAt(c & 0xF);
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
