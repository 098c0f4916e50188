package org.configd.supervisor.ipc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.configd.protocol.ErrorCode;
import org.configd.protocol.Event;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.Request;
import org.configd.protocol.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.configd.supervisor.ipc.Wire.bytes;
import static org.configd.supervisor.ipc.Wire.frame;
import static org.configd.supervisor.ipc.Wire.onlyError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MessageDecoder} and {@link MessageEncoder} behind the {@link FrameDecoder}. */
class MessageCodecHandlersTest {

    private final EmbeddedChannel channel = Wire.channel();

    @ParameterizedTest
    @ValueSource(strings = {"C3 28", "C0 AF", "ED A0 80", "F4 90 80 80", "FF"})
    void invalidUtf8IsAnsweredThenTheConnectionCloses(String hex) {
        ByteBuf json = Unpooled.wrappedBuffer("{\"id\":1,\"op\":\"".getBytes(StandardCharsets.US_ASCII),
                ByteBufUtil.decodeHexDump(hex.replace(" ", "")), "\"}".getBytes(StandardCharsets.US_ASCII));
        channel.writeInbound(Unpooled.buffer().writeInt(json.readableBytes()).writeBytes(json));
        Response error = onlyError(channel, ErrorCode.BAD_REQUEST);
        assertTrue(error.id().isNull());
        assertTrue(error.error().message().startsWith("the frame is not valid UTF-8: bytes "), error.error().message());
        assertFalse(channel.isOpen());
        assertNull(channel.readInbound());
    }

    @Test
    void invalidJsonIsAnsweredThenTheConnectionCloses() {
        channel.writeInbound(frame("{\"id\":1,\"op\":"));
        Response error = onlyError(channel, ErrorCode.BAD_REQUEST);
        assertTrue(error.error().message().startsWith("the frame is not valid JSON at line 1, column 14"),
                error.error().message());
        assertFalse(channel.isOpen());
    }

    @Test
    void unreadableFramesQueuedBehindTheFirstGetNoSecondAnswer() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame("[1]"), frame("{oops}"), frame("{\"id\":1,\"op\":\"status\"}")));
        Response error = onlyError(channel, ErrorCode.BAD_REQUEST);
        assertTrue(error.error().message().startsWith("the frame holds an array"), error.error().message());
        assertNull(channel.readInbound(), "nothing is served after the last word");
        assertFalse(channel.isOpen());
    }

    @Test
    void aJsonArrayIsAnsweredThenTheConnectionCloses() {
        channel.writeInbound(frame("[{\"id\":1,\"op\":\"status\"}]"));
        Response error = onlyError(channel, ErrorCode.BAD_REQUEST);
        assertEquals("the frame holds an array; it must hold one JSON object", error.error().message());
        assertFalse(channel.isOpen());
    }

    @Test
    void aWronglyTypedMemberIsAnsweredWithItsIdAndTheConnectionGoesOn() {
        channel.writeInbound(frame("{\"id\":41,\"op\":\"config.get\",\"args\":[]}"));
        Response error = onlyError(channel, ErrorCode.BAD_REQUEST);
        assertEquals("41", error.id().toString());
        assertEquals("'args' must be an object, not an array", error.error().message());
        assertNull(channel.readInbound());
        assertTrue(channel.isOpen());

        channel.writeInbound(frame("{\"id\":42,\"op\":\"config.get\"}"));
        assertEquals(Request.of(42, "config.get", null), channel.readInbound());
    }

    @Test
    void framesInDirectBuffersAreReadToo() {
        byte[] frame = MessageCodec.encodeFrame(Request.of(5, "status", null));
        channel.writeInbound(Unpooled.directBuffer().writeBytes(frame));
        assertEquals(Request.of(5, "status", null), channel.readInbound());
    }

    @Test
    void theEncoderWritesOneFrameAsTheBlockingWriterWould() {
        Event event = Event.reload(7);
        channel.writeOutbound(event);
        ByteBuf out = channel.readOutbound();
        assertArrayEquals(MessageCodec.encodeFrame(event), ByteBufUtil.getBytes(out));
        assertEquals("00000021", ByteBufUtil.hexDump(out, 0, 4), "{\"event\":\"reload\",\"generation\":7} is 33 bytes");
        out.release();
    }

    @Test
    void theStatelessHandlersAreShared() {
        assertTrue(new MessageEncoder().isSharable());
        assertTrue(new MessageDecoder().isSharable());
        assertFalse(new FrameDecoder(Wire.MAX_FRAME_SIZE, Wire.FRAME_TIMEOUT).isSharable());
    }

    @Test
    void nothingIsLeftBehindWhenTheConnectionEnds() {
        channel.writeInbound(frame("{\"id\":1,\"op\":\"status\"}"), bytes("00 00 00 09 7B"));
        assertTrue(channel.finishAndReleaseAll());
        channel.checkException();
    }
}
