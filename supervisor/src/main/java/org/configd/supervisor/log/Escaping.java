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
        out.append('"');
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
