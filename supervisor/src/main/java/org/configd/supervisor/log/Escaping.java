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
 * <p>Each escaping exists twice: for text in a String, and for the UTF-8 bytes a component printed
 * ({@link #appendTextBytes}, {@link #appendJsonBytes}), which copy well-formed UTF-8 as it is instead of decoding and
 * encoding it again. Both give the same bytes for the same text (a test holds them to it).
 */
final class Escaping {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Escaping() {}

    static void appendText(StringBuilder out, String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t' || !isControl(c)) {
                out.append(c);
            } else {
                appendUnicodeEscape(out, c);
            }
        }
    }

    /** Undoes {@link #appendText}; a backslash that starts no known escape is kept as it is. */
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

    static void appendJsonString(StringBuilder out, String text) {
        out.append('"');
        appendJsonChars(out, text);
        out.append('"');
    }

    /** A JSON string's contents: {@link #appendJsonString} without the quotes. */
    static void appendJsonChars(StringBuilder out, String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /**
     * Appends the text escaped as {@link #appendText} would, given as UTF-8 bytes, or appends part of it and returns
     * false when the bytes are not well-formed UTF-8: the caller then decodes (replacing what is malformed) and uses
     * {@link #appendText}.
     */
    static boolean appendTextBytes(ByteBuilder out, byte[] bytes, int from, int to) {
        int run = from;
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\' || b == '\t') {
                i++;
                continue;
            }
            out.append(bytes, run, i - run);
            if (b < 0x80) {
                switch (b) {
                    case '\\' -> out.appendAscii("\\\\");
                    case '\n' -> out.appendAscii("\\n");
                    case '\r' -> out.appendAscii("\\r");
                    default -> appendUnicodeEscape(out, b); // the other C0 controls and DEL
                }
                i++;
            } else {
                int sequence = wellFormedLength(bytes, i, to);
                if (sequence == 0) {
                    return false;
                }
                if (b == 0xC2 && (bytes[i + 1] & 0xFF) <= 0x9F) {
                    appendUnicodeEscape(out, bytes[i + 1] & 0xFF); // U+0080 to U+009F: the C1 controls
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

    /**
     * Appends the contents of a JSON string (without its quotes) as {@link #appendJsonString} would, given as UTF-8
     * bytes; false, as {@link #appendTextBytes}, when the bytes are not well-formed UTF-8.
     */
    static boolean appendJsonBytes(ByteBuilder out, byte[] bytes, int from, int to) {
        int run = from;
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x80 && b != '"' && b != '\\') {
                i++;
                continue;
            }
            out.append(bytes, run, i - run);
            if (b < 0x80) {
                switch (b) {
                    case '"' -> out.appendAscii("\\\"");
                    case '\\' -> out.appendAscii("\\\\");
                    case '\n' -> out.appendAscii("\\n");
                    case '\r' -> out.appendAscii("\\r");
                    case '\t' -> out.appendAscii("\\t");
                    case '\b' -> out.appendAscii("\\b");
                    case '\f' -> out.appendAscii("\\f");
                    default -> appendUnicodeEscape(out, b);
                }
                i++;
            } else {
                int sequence = wellFormedLength(bytes, i, to);
                if (sequence == 0) {
                    return false;
                }
                out.append(bytes, i, sequence);
                i += sequence;
            }
            run = i;
        }
        out.append(bytes, run, i - run);
        return true;
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

    private static void appendUnicodeEscape(ByteBuilder out, int c) {
        out.append((byte) '\\');
        out.append((byte) 'u');
        out.append((byte) HEX[c >> 12 & 0xF]);
        out.append((byte) HEX[c >> 8 & 0xF]);
        out.append((byte) HEX[c >> 4 & 0xF]);
        out.append((byte) HEX[c & 0xF]);
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX[c >> 12 & 0xF])
                .append(HEX[c >> 8 & 0xF])
                .append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
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
