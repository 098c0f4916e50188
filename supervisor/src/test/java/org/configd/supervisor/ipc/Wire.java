package org.configd.supervisor.ipc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.configd.protocol.FrameReader;
import org.configd.protocol.Frames;
import org.configd.protocol.Message;
import org.configd.protocol.ProtocolException;
import org.configd.protocol.Response;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The server side of a connection without a socket: the codec handlers in an {@link EmbeddedChannel}, clock frozen. */
final class Wire {

    static final int MAX_FRAME_SIZE = 4096;
    static final Duration FRAME_TIMEOUT = Duration.ofSeconds(10);

    private Wire() {
    }

    /** Encoder, frame decoder and message decoder, in the order configd's pipeline has them. */
    static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(
                new MessageEncoder(), new FrameDecoder(MAX_FRAME_SIZE, FRAME_TIMEOUT), new MessageDecoder());
        channel.freezeTime();
        return channel;
    }

    static ByteBuf bytes(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replaceAll("\\s+", "")));
    }

    /** A frame holding {@code json}'s UTF-8 bytes. */
    static ByteBuf frame(String json) {
        return frame(json.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuf frame(byte[] json) {
        return Unpooled.buffer().writeInt(json.length).writeBytes(json);
    }

    /** Every message configd wrote on the channel, read back through the blocking client's reader. */
    static List<Message> written(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            all.writeBytes(out);
            out.release();
        }
        FrameReader reader =
                new FrameReader(new ByteArrayInputStream(ByteBufUtil.getBytes(all)), Frames.DEFAULT_MAX_FRAME_SIZE);
        all.release();
        List<Message> messages = new ArrayList<>();
        try {
            for (Optional<Message> m = reader.read(); m.isPresent(); m = reader.read()) {
                messages.add(m.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProtocolException e) {
            throw new AssertionError("configd wrote an unreadable frame: " + e.getMessage(), e);
        }
        return messages;
    }

    /** Asserts configd wrote exactly one message, an error with this code, and returns it. */
    static Response onlyError(EmbeddedChannel channel, String code) {
        List<Message> written = written(channel);
        assertEquals(1, written.size(), () -> "messages written: " + written);
        Response response = assertInstanceOf(Response.class, written.get(0));
        assertFalse(response.ok());
        assertEquals(code, response.error().code(), response.error().message());
        return response;
    }
}
