package org.configd.supervisor.e2e;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.configd.protocol.FrameReader;
import org.configd.protocol.FrameWriter;
import org.configd.protocol.Frames;
import org.configd.protocol.Message;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.ProtocolException;
import org.configd.protocol.Request;

/**
 * A bare protocol client for tests: raw bytes or whole requests, and what comes back. Its {@link #main}
 * sends hello and one op, printing each answer as a JSON line, so that tests can run it as another user.
 */
public final class RawClient implements AutoCloseable {

    private final SocketChannel channel;
    private final OutputStream out;
    private final InputStream in;
    private final FrameReader reader;
    private final FrameWriter writer;
    private long nextId = 1;

    public RawClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        out = Channels.newOutputStream(channel);
        in = new BufferedInputStream(Channels.newInputStream(channel));
        reader = new FrameReader(in, Frames.DEFAULT_MAX_FRAME_SIZE);
        writer = new FrameWriter(out);
    }

    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void send(String op, ObjectNode args) throws IOException {
        writer.write(Request.of(nextId++, op, args));
    }

    /** The next message, or empty when configd closed the connection. */
    public Optional<Message> next() throws IOException, ProtocolException {
        return reader.read();
    }

    public Message call(String op, ObjectNode args) throws IOException, ProtocolException {
        send(op, args);
        return next().orElseThrow(() -> new IOException("closed before answering " + op));
    }

    public Message hello() throws IOException, ProtocolException {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("protocol", 1);
        args.put("client", "raw-test-client/1");
        return call("hello", args);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** {@code RawClient SOCKET OP}: hello, then OP with no arguments; prints both answers. */
    public static void main(String[] args) throws Exception {
        try (RawClient c = new RawClient(Path.of(args[0]))) {
            System.out.println(new String(MessageCodec.encode(c.hello()), java.nio.charset.StandardCharsets.UTF_8));
            Message m = c.call(args[1], JsonNodeFactory.instance.objectNode());
            System.out.println(new String(MessageCodec.encode(m), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
