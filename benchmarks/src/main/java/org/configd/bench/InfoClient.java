package org.configd.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.configd.protocol.FrameReader;
import org.configd.protocol.FrameWriter;
import org.configd.protocol.Frames;
import org.configd.protocol.Message;
import org.configd.protocol.ProtocolException;
import org.configd.protocol.Request;
import org.configd.protocol.Response;

/**
 * A blocking client of the info socket, as configctl and components talk to configd: the JDK's own UNIX-domain
 * channel, the protocol's {@link FrameReader} and {@link FrameWriter}. Not thread-safe: one per thread.
 */
public final class InfoClient implements AutoCloseable {

    private final SocketChannel channel;
    private final FrameReader reader;
    private final FrameWriter writer;
    private long nextId = 1;

    private InfoClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.reader = new FrameReader(new BufferedInputStream(Channels.newInputStream(channel)),
                Frames.DEFAULT_MAX_FRAME_SIZE);
        this.writer = new FrameWriter(Channels.newOutputStream(channel));
    }

    /** Connects and says hello. */
    public static InfoClient connect(Path socket) throws IOException, ProtocolException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            InfoClient c = new InfoClient(ch);
            c.call(Request.hello(c.nextId++, "configd-bench/1"));
            return c;
        } catch (IOException | ProtocolException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Whether configd answers hello on {@code socket} right now; false while it does not listen yet. */
    public static boolean answersHello(Path socket) {
        try (InfoClient c = connect(socket)) {
            return true;
        } catch (IOException | ProtocolException e) {
            return false;
        }
    }

    /** {@code config.get} of one component: the settings, redacted, as an unprivileged client sees them. */
    public Response configGet(String component) throws IOException, ProtocolException {
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("component", component);
        return call(Request.of(nextId++, "config.get", args));
    }

    private Response call(Request request) throws IOException, ProtocolException {
        writer.write(request);
        Message m = reader.read().orElseThrow(() -> new IOException("configd closed the connection"));
        if (!(m instanceof Response r) || !r.ok()) {
            throw new IOException("configd answered " + request.op() + " with " + m);
        }
        return r;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
