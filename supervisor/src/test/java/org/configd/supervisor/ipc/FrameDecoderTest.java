package org.configd.supervisor.ipc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.configd.protocol.ErrorCode;
import org.configd.protocol.Event;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.Request;
import org.configd.protocol.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.configd.supervisor.ipc.Wire.FRAME_TIMEOUT;
import static org.configd.supervisor.ipc.Wire.MAX_FRAME_SIZE;
import static org.configd.supervisor.ipc.Wire.bytes;
import static org.configd.supervisor.ipc.Wire.frame;
import static org.configd.supervisor.ipc.Wire.onlyError;
import static org.configd.supervisor.ipc.Wire.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {

    private final EmbeddedChannel channel = Wire.channel();

    @Test
    void aFrameSplitIntoOneByteWritesArrivesOnceWhole() {
        Request request = Request.hello(1, "test/1");
        byte[] frame = MessageCodec.encodeFrame(request);
        for (int i = 0; i < frame.length - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(frame, i, 1));
            assertNull(channel.readInbound(), "nothing before the last byte");
        }
        channel.writeInbound(Unpooled.wrappedBuffer(frame, frame.length - 1, 1));
        assertEquals(request, channel.readInbound());
        assertTrue(written(channel).isEmpty());
    }

    @Test
    void severalFramesInOneBufferArriveInOrder() {
        ByteBuf three = Unpooled.wrappedBuffer(MessageCodec.encodeFrame(Request.of(1, "status", null)),
                MessageCodec.encodeFrame(Request.of(2, "status", null)),
                MessageCodec.encodeFrame(Request.of(3, "status", null)));
        channel.writeInbound(three);
        for (int id = 1; id <= 3; id++) {
            assertEquals(Request.of(id, "status", null), channel.readInbound());
        }
        assertNull(channel.readInbound());
    }

    @Test
    void aFrameOfExactlyTheMaximumSizeIsAccepted() {
        String json = "{\"event\":\"x\"}";
        channel.writeInbound(frame(json + " ".repeat(MAX_FRAME_SIZE - json.length())));
        assertEquals(new Event("x", null), channel.readInbound());
        assertTrue(channel.isOpen());
    }

    @Test
    void zeroLengthIsAnsweredThenTheConnectionCloses() {
        channel.writeInbound(bytes("00 00 00 00"));
        Response error = onlyError(channel, ErrorCode.BAD_REQUEST);
        assertTrue(error.id().isNull());
        assertTrue(error.error().message().startsWith("frame length 0 is invalid"), error.error().message());
        assertFalse(channel.isOpen());
        assertNull(channel.readInbound());
    }

    @Test
    void hugeLengthIsFrameTooLargeWithoutWaitingForTheBody() {
        channel.writeInbound(bytes("FF FF FF FF 7B 7D"));
        Response error = onlyError(channel, ErrorCode.FRAME_TOO_LARGE);
        assertEquals("a frame of 4294967295 bytes is larger than the maximum frame size of 4096 bytes",
                error.error().message());
        assertFalse(channel.isOpen());
    }

    @Test
    void oneByteAboveTheMaximumIsFrameTooLarge() {
        channel.writeInbound(Unpooled.buffer().writeInt(MAX_FRAME_SIZE + 1));
        onlyError(channel, ErrorCode.FRAME_TOO_LARGE);
    }

    @Test
    void aBadFrameAmongGoodOnesGetsOneErrorAndNothingAfterItIsRead() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame("{\"id\":1,\"op\":\"status\"}"), bytes("00 00 00 00"),
                bytes("FF FF FF FF"), frame("{\"id\":2,\"op\":\"status\"}")));
        assertEquals(Request.of(1, "status", null), channel.readInbound());
        assertNull(channel.readInbound());
        onlyError(channel, ErrorCode.BAD_REQUEST);
        assertFalse(channel.isOpen());
    }

    @Test
    void aTruncatedFrameThenCloseIsDroppedSilentlyAndStopsTheTimer() {
        byte[] frame = MessageCodec.encodeFrame(Request.hello(1, "test/1"));
        channel.writeInbound(Unpooled.wrappedBuffer(frame, 0, frame.length - 3));
        assertFalse(channel.finish(), "no message came out of a truncated frame");
        channel.advanceTimeBy(FRAME_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(written(channel).isEmpty());
        channel.checkException();
    }

    @Test
    void noTimerRunsOnAnIdleConnection() {
        advance(Duration.ofHours(1));
        assertTrue(channel.isOpen());
        assertTrue(written(channel).isEmpty());
    }

    @Test
    void noTimerRunsAfterAFrameCompletes() {
        channel.writeInbound(frame("{\"id\":1,\"op\":\"status\"}"));
        advance(Duration.ofHours(1));
        assertTrue(channel.isOpen());
        assertTrue(written(channel).isEmpty());
    }

    @Test
    void aPendingFrameTimesOutExactlyAtTheFrameTimeout() {
        channel.writeInbound(bytes("00 00 00 10 7B"));
        advance(FRAME_TIMEOUT.minusMillis(1));
        assertTrue(channel.isOpen());
        assertTrue(written(channel).isEmpty());

        advance(Duration.ofMillis(1));
        Response error = onlyError(channel, ErrorCode.FRAME_TIMEOUT);
        assertTrue(error.id().isNull());
        assertTrue(error.error().message().startsWith("a frame must arrive whole within 10 s of its first byte"),
                error.error().message());
        assertFalse(channel.isOpen());
    }

    @Test
    void theTimeoutCountsFromTheFirstByteNotTheLatest() {
        channel.writeInbound(bytes("00 00"));
        advance(FRAME_TIMEOUT.minusSeconds(1));
        channel.writeInbound(bytes("00 10 7B"));
        advance(Duration.ofSeconds(1));
        onlyError(channel, ErrorCode.FRAME_TIMEOUT);
    }

    @Test
    void aFrameCompletedInTimeCancelsItsTimerAndTheNextPartialFrameGetsItsOwn() {
        byte[] first = MessageCodec.encodeFrame(Request.of(1, "status", null));
        byte[] second = MessageCodec.encodeFrame(Request.of(2, "status", null));
        channel.writeInbound(Unpooled.wrappedBuffer(first, 0, 5));
        advance(FRAME_TIMEOUT.minusSeconds(1));
        channel.writeInbound(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(first, 5, first.length - 5),
                Unpooled.wrappedBuffer(second, 0, 2)));
        assertEquals(Request.of(1, "status", null), channel.readInbound());

        advance(FRAME_TIMEOUT.minusMillis(1));
        assertTrue(channel.isOpen(), "the second frame's timer started when its first bytes arrived");
        advance(Duration.ofMillis(1));
        onlyError(channel, ErrorCode.FRAME_TIMEOUT);
    }

    @Test
    void constructorArgumentsAreCheckedByName() {
        assertMessage("maxFrameSize must be between 1024 and 2147483639 bytes, not 0",
                () -> new FrameDecoder(0, FRAME_TIMEOUT));
        assertMessage("frameTimeout must be positive and at most PT24H, not PT0S",
                () -> new FrameDecoder(MAX_FRAME_SIZE, Duration.ZERO));
        assertMessage("frameTimeout must be positive and at most PT24H, not PT-1S",
                () -> new FrameDecoder(MAX_FRAME_SIZE, Duration.ofSeconds(-1)));
        assertMessage("frameTimeout must be positive and at most PT24H, not PT876000H",
                () -> new FrameDecoder(MAX_FRAME_SIZE, Duration.ofDays(36_500)));
        assertThrows(NullPointerException.class, () -> new FrameDecoder(MAX_FRAME_SIZE, null));
    }

    private void advance(Duration duration) {
        channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
