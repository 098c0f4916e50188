package org.configd.supervisor.ipc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.configd.protocol.Frames;
import org.configd.protocol.Message;
import org.configd.protocol.MessageCodec;

import java.io.IOException;

/**
 * Writes each outbound {@link Message} as one frame: the 4-byte big-endian length, then the UTF-8 JSON, written
 * straight into the outbound buffer. Sharable: it keeps no state.
 */
@Sharable
public final class MessageEncoder extends MessageToByteEncoder<Message> {

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, ByteBuf out) throws IOException {
        int start = out.writerIndex();
        out.writeInt(0); // the length, known once the JSON is written
        MessageCodec.encode(message, new ByteBufOutputStream(out));
        out.setInt(start, out.writerIndex() - start - Frames.HEADER_BYTES);
    }
}
