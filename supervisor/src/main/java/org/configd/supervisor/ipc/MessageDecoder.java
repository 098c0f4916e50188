package org.configd.supervisor.ipc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.configd.protocol.Message;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.ProtocolException;

import java.util.List;

/**
 * Reads each frame from the {@link FrameDecoder} into a {@link Message}, with {@link MessageCodec}'s strict rules.
 * A frame that is not a UTF-8 JSON object ends the connection: one {@code bad-request} with id null, then close.
 * A JSON object that is not a valid message (e.g. {@code "op": 5}) is answered with {@code bad-request} and the
 * request's id when readable, and the connection goes on: nothing reaches the next handler for it, and nothing is
 * dropped unanswered.
 *
 * <p>Sharable: it keeps no state (the last-word mark lives on the channel).
 */
@Sharable
public final class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (ErrorAndClose.sent(ctx.channel())) {
            return;
        }
        try {
            out.add(read(frame));
        } catch (ProtocolException e) {
            if (e.closesConnection()) {
                ErrorAndClose.send(ctx.channel(), e.toResponse());
            } else {
                ctx.channel().writeAndFlush(e.toResponse());
            }
        }
    }

    private static Message read(ByteBuf frame) throws ProtocolException {
        int length = frame.readableBytes();
        if (frame.hasArray()) {
            return MessageCodec.decode(frame.array(), frame.arrayOffset() + frame.readerIndex(), length);
        }
        // Epoll reads into direct buffers; one small copy costs less than a second, ByteBuf-reading code path.
        return MessageCodec.decode(ByteBufUtil.getBytes(frame), 0, length);
    }
}
