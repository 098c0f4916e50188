package org.configd.supervisor.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.configd.protocol.Frames;
import org.configd.protocol.FrameReader;
import org.configd.protocol.FrameWriter;
import org.configd.protocol.Message;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.ProtocolException;
import org.configd.protocol.ProtocolVersion;
import org.configd.protocol.Request;
import org.configd.protocol.Response;

/**
 * A blocking client for configd's info and control sockets. It uses the JDK's own UNIX-domain channels
 * (Java 16+), which need no native stubs: configctl starts faster than it would with jnr.
 */
final class DaemonClient implements AutoCloseable {

    /** Why a connection could not be made; each maps to one configctl exit code. */
    enum Refusal { NOT_RUNNING, NO_PERMISSION }

    /** The socket could not be reached. */
    static final class ConnectFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final Refusal refusal;

        ConnectFailure(Refusal refusal, String message) {
            super(message, null, false, false);
            this.refusal = refusal;
        }
    }

    /** configd answered with an error. */
    static final class DaemonError extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        DaemonError(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private final SocketChannel channel;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final ObjectNode hello;
    private long nextId = 1;

    private DaemonClient(SocketChannel channel) throws IOException, ProtocolException, DaemonError {
        this.channel = channel;
        this.reader = new FrameReader(new BufferedInputStream(Channels.newInputStream(channel)),
                Frames.DEFAULT_MAX_FRAME_SIZE);
        this.writer = new FrameWriter(new BufferedOutputStream(Channels.newOutputStream(channel)));
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("protocol", ProtocolVersion.CURRENT);
        args.put("client", "configctl/" + Version.current());
        this.hello = call("hello", args);
    }

    static DaemonClient connect(Path socket) throws ConnectFailure, IOException, ProtocolException, DaemonError {
        if (!Files.exists(socket)) {
            throw new ConnectFailure(Refusal.NOT_RUNNING, "configd is not running: " + socket + " does not exist");
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            if (!Files.isWritable(socket)) {
                throw new ConnectFailure(Refusal.NO_PERMISSION, "permission denied on " + socket);
            }
            throw new ConnectFailure(Refusal.NOT_RUNNING,
                    "configd is not running: cannot connect to " + socket + " (" + e.getMessage() + ")");
        }
        try {
            return new DaemonClient(ch);
        } catch (IOException | ProtocolException | DaemonError | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The result of this connection's hello: server, protocol, generation, socket. */
    ObjectNode hello() {
        return hello;
    }

    /** Sends one request and waits for its response; events arriving meanwhile are skipped. */
    ObjectNode call(String op, ObjectNode args) throws IOException, ProtocolException, DaemonError {
        long id = nextId++;
        writer.write(Request.of(id, op, args));
        while (true) {
            Optional<Message> message = reader.read();
            if (message.isEmpty()) {
                throw new IOException("configd closed the connection before answering '" + op + "'");
            }
            if (!(message.get() instanceof Response response)) {
                continue;
            }
            // An error about the connection itself (a framing problem) carries no id.
            boolean forConnection = response.id() == null || response.id().isNull();
            if (!forConnection && response.id().asLong() != id) {
                continue;
            }
            if (!response.ok()) {
                throw new DaemonError(response.error().code(), response.error().message());
            }
            return response.result();
        }
    }

    /**
     * Loads and initialises the JSON codec ({@link MessageCodec#rehearse}) on a thread of its own while the main
     * thread opens its channel, which takes as long: the JDK's UNIX channel makes a {@code SecureRandom} first. A
     * class, not a lambda: configctl's first lambda costs ~8 ms, which the thread would wait for.
     */
    static void warmUpCodec() {
        new CodecWarmup().start();
    }

    private static final class CodecWarmup extends Thread {
        CodecWarmup() {
            super("configctl-warmup");
            setDaemon(true);
        }

        @Override
        public void run() {
            MessageCodec.rehearse();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
