package org.configd.protocol;

/**
 * The framing rules, in one place for every reader: configd's Netty decoder and the blocking
 * {@link FrameReader} of components and configctl.
 *
 * <pre>
 * +--------+--------+--------+--------+--------- ... ---------+
 * |    length N (unsigned, big-endian)|  N bytes of UTF-8 JSON  |
 * +--------+--------+--------+--------+--------- ... ---------+
 *  0        1        2        3        4                  4+N-1
 *
 * 00 00 00 02 7B 7D          a frame holding the JSON text {}
 * </pre>
 *
 * The length counts the JSON bytes only, never the header. A length of 0 is invalid, and a length above the
 * receiver's maximum frame size is {@code frame-too-large}; both close the connection, because the bytes that
 * follow can no longer be placed.
 */
public final class Frames {

    /** Size of the length header in front of every frame. */
    public static final int HEADER_BYTES = 4;

    /** Default maximum frame size (1 MiB), the length limit for a frame's JSON bytes. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 1 << 20;

    /** The smallest maximum frame size a receiver may be configured with: below it, hello's answer might not fit. */
    public static final int SMALLEST_MAX_FRAME_SIZE = 1024;

    /** The largest maximum frame size: a frame must fit in one Java array. */
    public static final int LARGEST_MAX_FRAME_SIZE = Integer.MAX_VALUE - 8;

    private Frames() {
    }

    /**
     * Checks a frame length read from a header.
     *
     * @param length       the header's value, read as an unsigned 32-bit number
     * @param maxFrameSize the receiver's limit, already checked by {@link #checkMaxFrameSize}
     * @return the length, as an {@code int} ready for allocation
     * @throws ProtocolException {@code bad-request} for 0, {@code frame-too-large} above {@code maxFrameSize};
     *                           both close the connection
     */
    public static int checkLength(long length, int maxFrameSize) throws ProtocolException {
        if (length < 0 || length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("length must be an unsigned 32-bit number, not " + length);
        }
        if (length == 0) {
            throw ProtocolException.closing(ErrorCode.BAD_REQUEST,
                    "frame length 0 is invalid: every frame holds a JSON object of at least 2 bytes");
        }
        if (length > maxFrameSize) {
            throw ProtocolException.closing(ErrorCode.FRAME_TOO_LARGE, "a frame of " + length
                    + " bytes is larger than the maximum frame size of " + maxFrameSize + " bytes");
        }
        return (int) length;
    }

    /**
     * Checks a configured maximum frame size.
     *
     * @return {@code maxFrameSize}
     * @throws IllegalArgumentException naming the bad value when it is outside
     *                                  {@link #SMALLEST_MAX_FRAME_SIZE}..{@link #LARGEST_MAX_FRAME_SIZE}
     */
    public static int checkMaxFrameSize(int maxFrameSize) {
        if (maxFrameSize < SMALLEST_MAX_FRAME_SIZE || maxFrameSize > LARGEST_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize must be between " + SMALLEST_MAX_FRAME_SIZE + " and "
                    + LARGEST_MAX_FRAME_SIZE + " bytes, not " + maxFrameSize);
        }
        return maxFrameSize;
    }

    /** Reads the unsigned big-endian length header that starts at {@code offset}. */
    public static long lengthAt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL) << 24 | (bytes[offset + 1] & 0xFFL) << 16
                | (bytes[offset + 2] & 0xFFL) << 8 | bytes[offset + 3] & 0xFFL;
    }

    /** Writes {@code length} as the big-endian length header at {@code offset}. */
    public static void putLength(byte[] bytes, int offset, int length) {
        bytes[offset] = (byte) (length >>> 24);
        bytes[offset + 1] = (byte) (length >>> 16);
        bytes[offset + 2] = (byte) (length >>> 8);
        bytes[offset + 3] = (byte) length;
    }
}
