package org.configd.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramesTest {

    private static final int MAX = Frames.DEFAULT_MAX_FRAME_SIZE;

    @Test
    void acceptsLengthsFromOneToTheMaximum() throws ProtocolException {
        assertEquals(1, Frames.checkLength(1, MAX));
        assertEquals(MAX, Frames.checkLength(MAX, MAX));
    }

    @Test
    void zeroLengthIsABadRequestThatCloses() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Frames.checkLength(0, MAX));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.closesConnection());
        assertTrue(e.getMessage().contains("frame length 0"), e.getMessage());
    }

    @Test
    void lengthAboveTheMaximumIsFrameTooLarge() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Frames.checkLength(MAX + 1L, MAX));
        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
        assertTrue(e.closesConnection());
        assertEquals("a frame of 1048577 bytes is larger than the maximum frame size of 1048576 bytes", e.getMessage());
    }

    @Test
    void largestUnsignedLengthIsFrameTooLarge() {
        long huge = Frames.lengthAt(Hex.bytes("FF FF FF FF"), 0);
        assertEquals(0xFFFF_FFFFL, huge);
        ProtocolException e = assertThrows(ProtocolException.class, () -> Frames.checkLength(huge, MAX));
        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
    }

    @Test
    void headerIsBigEndian() {
        byte[] header = new byte[4];
        Frames.putLength(header, 0, 0x01020304);
        assertEquals("01020304", java.util.HexFormat.of().formatHex(header));
        assertEquals(0x01020304L, Frames.lengthAt(header, 0));
    }

    @Test
    void maxFrameSizeOutsideItsRangeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Frames.checkMaxFrameSize(100));
        assertTrue(e.getMessage().startsWith("maxFrameSize must be between 1024 and"), e.getMessage());
        assertTrue(e.getMessage().endsWith("not 100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Frames.checkMaxFrameSize(Integer.MAX_VALUE));
        assertEquals(Frames.SMALLEST_MAX_FRAME_SIZE, Frames.checkMaxFrameSize(Frames.SMALLEST_MAX_FRAME_SIZE));
    }
}
