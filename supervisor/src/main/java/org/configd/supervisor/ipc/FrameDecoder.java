package org.configd.supervisor.ipc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.configd.protocol.ErrorCode;
import org.configd.protocol.Frames;
import org.configd.protocol.ProtocolException;
import org.configd.protocol.Response;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Splits a connection's bytes into frames and emits each frame's JSON bytes as one {@link ByteBuf}, for the
 * {@link MessageDecoder}.
 *
 * <pre>
 * BEFORE DECODE (11 bytes)                  AFTER DECODE (7 bytes)
 * +--------+--------+--------+--------+----------------+      +----------------+
 * |  00       00       00       07    | {"id":1} ...   | ---> | 7 bytes JSON   |
 * +--------+--------+--------+--------+----------------+      +----------------+
 *   length N, unsigned 32-bit big-endian   N bytes of UTF-8 JSON
 * </pre>
 *
 * The length rules are {@link Frames#checkLength}'s. A zero or oversized length, and a frame whose first byte
 * arrived more than the frame timeout ago without the rest, end the connection: one error response with id null,
 * then close. The error is written from the channel's tail, so a {@link MessageEncoder} anywhere in the pipeline
 * frames it. The timer runs only while a frame is incomplete, never while the connection is idle between frames.
 * A connection that ends in the middle of a frame is simply gone: there is nobody left to answer.
 *
 * <p>Not sharable: it holds the connection's partial frame and its timer.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    /** Frame timeouts above this are surely a configuration mistake (and would overflow the scheduler's nanos). */
    private static final Duration LONGEST_FRAME_TIMEOUT = Duration.ofDays(1);

    private final int maxFrameSize;
    private final Duration frameTimeout;
    private ScheduledFuture<?> frameTimer;

    /**
     * @param maxFrameSize the largest frame accepted, in bytes (see {@link Frames#checkMaxFrameSize})
     * @param frameTimeout how long a frame may take to arrive whole, counted from its first byte
     * @throws IllegalArgumentException naming the argument and its bad value
     */
    public FrameDecoder(int maxFrameSize, Duration frameTimeout) {
        this.maxFrameSize = Frames.checkMaxFrameSize(maxFrameSize);
        this.frameTimeout = checkFrameTimeout(frameTimeout);
    }

    private static Duration checkFrameTimeout(Duration frameTimeout) {
        Objects.requireNonNull(frameTimeout, "frameTimeout");
        if (frameTimeout.isNegative() || frameTimeout.isZero() || frameTimeout.compareTo(LONGEST_FRAME_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "frameTimeout must be positive and at most " + LONGEST_FRAME_TIMEOUT + ", not " + frameTimeout);
        }
        return frameTimeout;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (ErrorAndClose.sent(ctx.channel())) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() >= Frames.HEADER_BYTES) {
            int length;
            try {
                length = Frames.checkLength(in.getUnsignedInt(in.readerIndex()), maxFrameSize);
            } catch (ProtocolException e) {
                refuse(ctx, in, e);
                return;
            }
            if (in.readableBytes() >= Frames.HEADER_BYTES + length) {
                stopFrameTimer();
                out.add(in.skipBytes(Frames.HEADER_BYTES).readRetainedSlice(length));
                return;
            }
        }
        startFrameTimer(ctx);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // The peer is gone; the default would decode the partial frame and start a timer for a dead connection.
        in.skipBytes(in.readableBytes());
        stopFrameTimer();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        stopFrameTimer();
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, ProtocolException e) {
        in.skipBytes(in.readableBytes());
        stopFrameTimer();
        ErrorAndClose.send(ctx.channel(), e.toResponse());
    }

    private void startFrameTimer(ChannelHandlerContext ctx) {
        if (frameTimer == null) {
            frameTimer = ctx.executor().schedule(
                    () -> frameTimedOut(ctx), frameTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void stopFrameTimer() {
        if (frameTimer != null) {
            frameTimer.cancel(false);
            frameTimer = null;
        }
    }

    private void frameTimedOut(ChannelHandlerContext ctx) {
        frameTimer = null;
        ErrorAndClose.send(ctx.channel(), Response.error(null, ErrorCode.FRAME_TIMEOUT,
                "a frame must arrive whole within " + inWords(frameTimeout)
                        + " of its first byte, and this one did not; send each frame at once"));
    }

    private static String inWords(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
