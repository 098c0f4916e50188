package org.configd.sdk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jnr.unixsocket.UnixSocketChannel;
import org.configd.protocol.Event;
import org.configd.protocol.FrameReader;
import org.configd.protocol.FrameWriter;
import org.configd.protocol.Frames;
import org.configd.protocol.Message;
import org.configd.protocol.Request;
import org.configd.protocol.Response;

/**
 * configd's side of a component channel, on a real socket pair: answers hello, config.get and license.get from
 * what the test published, {@code {}} for everything else, and records every request.
 */
final class FakeConfigd implements AutoCloseable {

    static final String COMPONENT = "test-component";
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One generation of settings, published as a whole. */
    record Published(long generation, ObjectNode settings) {}

    final UnixSocketChannel componentEnd;
    private final UnixSocketChannel configdEnd;
    private final OutputStream out;
    private final FrameWriter writer;
    private final FrameReader reader;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final AtomicReference<Published> published = new AtomicReference<>();
    private final Map<String, ObjectNode> results = new ConcurrentHashMap<>();
    private boolean shutDown; // guarded by this

    FakeConfigd(long generation, ObjectNode settings) throws IOException {
        UnixSocketChannel[] pair = UnixSocketChannel.pair();
        componentEnd = pair[0];
        configdEnd = pair[1];
        out = ChannelStreams.output(configdEnd);
        writer = new FrameWriter(out);
        reader = new FrameReader(new BufferedInputStream(ChannelStreams.input(configdEnd)),
                Frames.DEFAULT_MAX_FRAME_SIZE);
        publish(generation, settings);
        Thread serving = new Thread(this::serve, "fake-configd");
        serving.setDaemon(true);
        serving.start();
    }

    void publish(long generation, ObjectNode settings) {
        published.set(new Published(generation, settings.deepCopy()));
    }

    /** What {@code op} answers from now on (instead of {@code {}}). */
    void answer(String op, ObjectNode result) {
        results.put(op, result);
    }

    synchronized void pushReload(long generation) throws IOException {
        checkOpen();
        writer.write(Event.reload(generation));
    }

    synchronized void sendRaw(byte[] bytes) throws IOException {
        checkOpen();
        out.write(bytes);
    }

    private void checkOpen() throws IOException {
        if (shutDown) {
            throw new IOException("the fake configd's end is shut down");
        }
    }

    /** The next request the component sent, waiting up to 5 s. */
    Request nextRequest() throws InterruptedException {
        Request r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the component sent no request within 5 s");
        }
        return r;
    }

    /** The next request other than config.get (which reloads send), waiting up to 5 s. */
    Request nextRequestOtherThanConfig() throws InterruptedException {
        Request r;
        do {
            r = nextRequest();
        } while (r.op().equals("config.get"));
        return r;
    }

    private void serve() {
        try {
            while (true) {
                Optional<Message> m = reader.read();
                if (m.isEmpty() || !(m.get() instanceof Request request)) {
                    return;
                }
                requests.add(request);
                writer.write(Response.ok(request.id(), resultFor(request)));
            }
        } catch (Exception closed) {
            // the test closed its end, or the component went away
        } finally {
            closeQuietly(); // only here: see Connection's trap about descriptor numbers
        }
    }

    private synchronized void closeQuietly() {
        shutDown = true;
        try {
            configdEnd.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    private ObjectNode resultFor(Request request) {
        Published p = published.get();
        switch (request.op()) {
            case "hello":
                return JSON.objectNode().put("server", "configd/test").put("protocol", 1)
                        .put("generation", p.generation()).put("socket", "component").put("component", COMPONENT);
            case "config.get":
                ObjectNode r = JSON.objectNode().put("generation", p.generation()).put("component", COMPONENT);
                r.set("settings", p.settings().deepCopy());
                return r;
            default:
                return results.getOrDefault(request.op(), JSON.objectNode()).deepCopy();
        }
    }

    /** Shuts configd's end down; the serving thread closes it after its last read. */
    @Override
    public synchronized void close() throws IOException {
        if (shutDown) {
            return;
        }
        shutDown = true;
        configdEnd.shutdownInput();
        configdEnd.shutdownOutput();
    }
}
