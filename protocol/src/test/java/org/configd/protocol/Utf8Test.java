package org.configd.protocol;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written check must agree with the JDK's strict decoder on every input. */
class Utf8Test {

    private static final CharsetDecoder STRICT = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private static final CharBuffer CHARS = CharBuffer.allocate(16);

    /** Bytes around every boundary of table 3-7, so that random sequences hit the edge cases often. */
    private static final int[] EDGES = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
        0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};

    @Test
    void agreesWithTheJdkOnEveryOneAndTwoByteInput() {
        for (int a = 0; a < 256; a++) {
            assertAgrees(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                assertAgrees(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void agreesWithTheJdkOnRandomSequencesOfEdgeBytes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 300_000; n++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : EDGES[random.nextInt(EDGES.length)]);
            }
            assertAgrees(bytes);
        }
    }

    private static void assertAgrees(byte[] bytes) {
        STRICT.reset();
        boolean jdk = !STRICT.decode(ByteBuffer.wrap(bytes), CHARS.clear(), true).isError()
                && !STRICT.flush(CHARS).isError();
        boolean ours = true;
        try {
            Utf8.check(bytes, 0, bytes.length);
        } catch (ProtocolException e) {
            ours = false;
        }
        assertEquals(jdk, ours, () -> "valid UTF-8? " + java.util.HexFormat.of().formatHex(bytes));
    }
}
