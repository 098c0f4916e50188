package org.configd.supervisor.log;

import java.util.Arrays;

/** A growable byte array, appended to and reused: the byte counterpart of a StringBuilder. Not thread-safe. */
final class ByteBuilder {

    private byte[] bytes;
    private int length;

    ByteBuilder(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Drops everything after the first {@code length} bytes. */
    void truncate(int length) {
        this.length = length;
    }

    void append(byte b) {
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = b;
    }

    void append(byte[] from, int offset, int count) {
        if (bytes.length - length < count) {
            grow(count);
        }
        System.arraycopy(from, offset, bytes, length, count);
        length += count;
    }

    void append(byte[] from) {
        append(from, 0, from.length);
    }

    /** Appends ASCII text (escapes and field names) without an encoder. */
    void appendAscii(String text) {
        if (bytes.length - length < text.length()) {
            grow(text.length());
        }
        for (int i = 0, n = text.length(); i < n; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    private void grow(int needed) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + needed));
    }
}
