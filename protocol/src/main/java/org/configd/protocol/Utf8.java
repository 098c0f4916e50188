package org.configd.protocol;

import java.util.HexFormat;

/**
 * Strict UTF-8 validation (Unicode table 3-7, the same rules as the JDK's decoder in REPORT mode). Jackson checks
 * less: it decodes the overlong {@code C0 AF} as "/" and accepts code points above U+10FFFF, and a receiver that
 * lets "/" arrive in disguise invites injection, so every frame passes here before Jackson sees it.
 */
final class Utf8 {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private Utf8() {
    }

    /**
     * @throws ProtocolException {@code bad-request}, closing the connection, naming the first bad sequence and its
     *                           offset in the frame
     */
    static void check(byte[] bytes, int offset, int length) throws ProtocolException {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (bytes[i] >= 0) {
                i++; // ASCII, the common case
                continue;
            }
            int b = bytes[i] & 0xFF;
            int lo = 0x80;
            int hi = 0xBF;
            int continuations;
            if (b >= 0xC2 && b <= 0xDF) {
                continuations = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                continuations = 2;
                if (b == 0xE0) {
                    lo = 0xA0; // below: overlong
                } else if (b == 0xED) {
                    hi = 0x9F; // above: UTF-16 surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                continuations = 3;
                if (b == 0xF0) {
                    lo = 0x90; // below: overlong
                } else if (b == 0xF4) {
                    hi = 0x8F; // above: past U+10FFFF
                }
            } else {
                throw invalid(bytes, offset, i, i + 1);
            }
            for (int k = 1; k <= continuations; k++) {
                if (i + k >= end) {
                    throw invalid(bytes, offset, i, end);
                }
                int c = bytes[i + k] & 0xFF;
                if (c < lo || c > hi) {
                    throw invalid(bytes, offset, i, i + k + 1);
                }
                lo = 0x80;
                hi = 0xBF;
            }
            i += continuations + 1;
        }
    }

    private static ProtocolException invalid(byte[] bytes, int frameStart, int from, int to) {
        String hex = HEX.formatHex(bytes, from, to);
        return ProtocolException.closing(ErrorCode.BAD_REQUEST, "the frame is not valid UTF-8: bytes " + hex
                + " at offset " + (from - frameStart) + " do not encode a character; send JSON text encoded as UTF-8");
    }
}
