package org.configd.supervisor.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-byte test must say exactly what testing each byte says, for every byte value in every position. */
class WordsTest {

    private static boolean lineBreak(int b) {
        return b == '\n' || b == '\r';
    }

    private static void check(byte[] bytes) {
        boolean lineBreak = false;
        for (byte b : bytes) {
            lineBreak |= lineBreak(b & 0xFF);
        }
        long word = Words.at(bytes, 0);
        assertEquals(lineBreak, Words.hasLineBreak(word), () -> Long.toHexString(word));
    }

    @Test
    void everyByteValueInEveryPositionAmongPlainOnes() {
        for (int position = 0; position < Long.BYTES; position++) {
            for (int value = 0; value < 256; value++) {
                byte[] bytes = "abcdefgh".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                bytes[position] = (byte) value;
                check(bytes);
            }
        }
    }

    /** Borrows and carries cross bytes: words of values near each boundary, in every mix. */
    @Test
    void randomWordsOfBoundaryValues() {
        int[] values = {0x00, 0x01, '\t', '\n', 0x0B, '\r', 0x0E, 0x1F, 0x20, 0x21, '"', 0x23, 0x5B, '\\', 0x5D,
            0x7E, 0x7F, 0x80, 0x81, 0xC2, 0xFE, 0xFF, 'a'};
        Random random = new Random(20261121);
        byte[] bytes = new byte[Long.BYTES];
        for (int round = 0; round < 200_000; round++) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256)
                        : values[random.nextInt(values.length)]);
            }
            check(bytes);
        }
    }
}
