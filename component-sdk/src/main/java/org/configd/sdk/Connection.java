package org.configd.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.configd.protocol.Event;
import org.configd.protocol.FrameReader;
import org.configd.protocol.FrameWriter;
import org.configd.protocol.Frames;
import org.configd.protocol.Message;
import org.configd.protocol.ProtocolException;
import org.configd.protocol.Request;
import org.configd.protocol.Response;

/**
 * One blocking connection to configd: requests from any thread, answers matched by id, events handed on.
 *
 * <p>A daemon thread reads every frame; callers wait for their own answer. When the connection breaks (end of
 * stream, a frame that breaks the protocol, a read error) every waiting caller fails and the loss handler is told
 * once, with one sentence saying what happened. Closing the connection on purpose tells no one.
 *
 * <p>Trap: closing a descriptor frees its number for the next socket the process opens, and a thread that was
 * between two reads or about to write would then use that other socket. So only the reader thread closes the
 * descriptor, after its last read and while no write is under way; everyone else shuts the socket down, which ends
 * a blocked read or write and leaves the number taken.
 */
final class Connection implements AutoCloseable {

    /** How long a request may wait for its answer unless the caller says otherwise. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final SocketChannel channel;
    private final String name;
    private final FrameWriter writer;
    private final FrameReader reader;
    private final Consumer<String> onLoss;
    private final Map<Long, CompletableFuture<ObjectNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Object writing = new Object();     // held for a whole write, and to close the descriptor
    private final Object descriptor = new Object();  // held for the short shutdown and close calls
    private boolean descriptorClosed;                // guarded by descriptor
    private volatile Consumer<Event> events = event -> { };
    private volatile String lostReason;

    private Connection(SocketChannel channel, String name, Consumer<String> onLoss) {
        this.channel = channel;
        this.name = name;
        this.onLoss = onLoss;
        this.writer = new FrameWriter(ChannelStreams.output(channel));
        this.reader = new FrameReader(new BufferedInputStream(ChannelStreams.input(channel)),
                Frames.DEFAULT_MAX_FRAME_SIZE);
    }

    /**
     * Starts reading {@code channel}, a connected blocking socket.
     *
     * @param name   what the connection is, for messages: "the component channel (fd 3)"
     * @param onLoss told once, on the reader thread, why the connection broke unless it was closed on purpose
     */
    static Connection open(SocketChannel channel, String name, Consumer<String> onLoss) {
        Connection c = new Connection(channel, name, onLoss);
        Thread reader = new Thread(c::readAll, "configd-connection");
        reader.setDaemon(true);
        reader.start();
        return c;
    }

    /** Where events go from now on (on the reader thread: hand them off, never block). */
    void onEvent(Consumer<Event> handler) {
        this.events = handler;
    }

    /** Whether the connection broke; the reason has been reported. */
    boolean isLost() {
        return lostReason != null;
    }

    /** Sends a request and waits up to {@link #ANSWER_TIMEOUT} for its result. */
    ObjectNode call(String op, ObjectNode args) {
        return call(op, args, ANSWER_TIMEOUT);
    }

    /**
     * Sends a request and waits for its result.
     *
     * @throws ConfigdException when configd answers with an error, does not answer within {@code timeout}, or the
     *                          connection is or gets lost
     */
    ObjectNode call(String op, ObjectNode args, Duration timeout) {
        long id = ids.incrementAndGet();
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            synchronized (writing) {
                if (ended.get()) {
                    throw unreachable();
                }
                writer.write(Request.of(id, op, args));
            }
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw ended.get() ? unreachable()
                    : new ConfigdException(ConfigdException.UNREACHABLE, "cannot write to " + name + ": "
                            + e.getMessage());
        } catch (ExecutionException e) {
            throw (ConfigdException) e.getCause();
        } catch (TimeoutException e) {
            throw new ConfigdException(ConfigdException.NO_ANSWER, "configd did not answer '" + op + "' within "
                    + timeout.toMillis() + " ms on " + name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigdException(ConfigdException.NO_ANSWER, "interrupted while waiting for configd to answer '"
                    + op + "'");
        } finally {
            waiting.remove(id);
        }
    }

    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            failWaiting();
            shutDown();
        }
    }

    private void readAll() {
        String reason;
        try {
            while (true) {
                Optional<Message> message = reader.read();
                if (message.isEmpty()) {
                    reason = "configd closed " + name + " (configd stopped or died)";
                    break;
                }
                String violation = dispatch(message.get());
                if (violation != null) {
                    reason = "protocol error on " + name + ": " + violation;
                    break;
                }
            }
        } catch (ProtocolException e) {
            reason = "protocol error on " + name + ": " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            reason = closedByPeer(e) ? "configd closed " + name + " (configd stopped or died: the connection was reset)"
                    : "cannot read " + name + ": " + e.getMessage();
        }
        lose(reason);
        closeDescriptor();
    }

    /**
     * A peer that closes its end with data still unread sends a reset instead of an end of stream: the same news.
     * jnr reports it only as the C library's text (ECONNRESET).
     */
    private static boolean closedByPeer(Exception e) {
        return e instanceof IOException && String.valueOf(e.getMessage()).contains("reset by peer");
    }

    /** Hands a message on; returns why it breaks the protocol, or null. */
    private String dispatch(Message message) {
        if (message instanceof Event event) {
            events.accept(event);
            return null;
        }
        if (message instanceof Request request) {
            return "configd sent a request ('" + request.op() + "'), which a client never receives";
        }
        Response response = (Response) message;
        JsonNode id = response.id();
        if (id.isNull()) {
            // configd answers a frame it could not read with id null, then closes the connection.
            return "configd refused a frame: " + (response.ok() ? "(no reason)" : response.error().message());
        }
        CompletableFuture<ObjectNode> answer = id.canConvertToLong() ? waiting.get(id.longValue()) : null;
        if (answer != null) {
            if (response.ok()) {
                answer.complete(response.result());
            } else {
                answer.completeExceptionally(new ConfigdException(response.error().code(), response.error().message()));
            }
        }
        return null; // an answer nobody waits for any more (it timed out) is dropped
    }

    private void lose(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return; // closed on purpose: the read failed because of that
        }
        lostReason = reason;
        shutDown();
        // The handler first: on a component channel it exits, and callers still waiting must not get to report
        // the loss a second time (or end the process with another status) before it has.
        onLoss.accept(reason);
        failWaiting();
    }

    private void failWaiting() {
        waiting.values().forEach(answer -> answer.completeExceptionally(unreachable()));
    }

    private ConfigdException unreachable() {
        String reason = lostReason;
        return new ConfigdException(ConfigdException.UNREACHABLE,
                reason != null ? reason : name + " is closed");
    }

    /** Ends a blocked read or write; unlike close, which on Linux wakes neither. */
    private void shutDown() {
        synchronized (descriptor) {
            if (descriptorClosed) {
                return;
            }
            try {
                channel.shutdownInput();
            } catch (IOException | RuntimeException alreadyShut) {
                // the peer went first
            }
            try {
                channel.shutdownOutput();
            } catch (IOException | RuntimeException alreadyShut) {
                // the peer went first
            }
        }
    }

    /** On the reader thread, after its last read; {@link #ended} is set, so no write can start any more. */
    private void closeDescriptor() {
        synchronized (writing) {
            synchronized (descriptor) {
                descriptorClosed = true;
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more can be done with it
                }
            }
        }
    }
}
