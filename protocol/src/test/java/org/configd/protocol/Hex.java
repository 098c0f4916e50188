package org.configd.protocol;

import java.util.HexFormat;

/** Bytes written as hex in tests, spaces allowed: {@code "00 00 00 02 7B 7D"}. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    /** A frame: the big-endian length of {@code json} followed by its bytes. */
    static byte[] frame(byte[] json) {
        byte[] frame = new byte[Frames.HEADER_BYTES + json.length];
        Frames.putLength(frame, 0, json.length);
        System.arraycopy(json, 0, frame, Frames.HEADER_BYTES, json.length);
        return frame;
    }
}
