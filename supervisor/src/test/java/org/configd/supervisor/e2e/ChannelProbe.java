package org.configd.supervisor.e2e;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import jnr.unixsocket.UnixSocketChannel;
import org.configd.protocol.Event;
import org.configd.protocol.FrameReader;
import org.configd.protocol.FrameWriter;
import org.configd.protocol.Frames;
import org.configd.protocol.Message;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.Request;

/**
 * A test component speaking the protocol by hand over its inherited fd 3: it asks for its settings and the
 * license, sets a status text, says ready, sends a heartbeat, and records every answer and event, one JSON
 * line each, in the file named by its first argument.
 */
public final class ChannelProbe {

    public static void main(String[] args) throws Exception {
        Path record = Path.of(args[0]);
        // Without a handler the JVM exits 129 on the SIGHUP that comes with every reload.
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> { });
        int fd = Integer.parseInt(System.getenv("CONFIGD_FD"));
        try (UnixSocketChannel ch = UnixSocketChannel.fromFD(fd);
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(record, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            FrameWriter writer = new FrameWriter(Channels.newOutputStream(ch));
            FrameReader reader = new FrameReader(new BufferedInputStream(Channels.newInputStream(ch)),
                    Frames.DEFAULT_MAX_FRAME_SIZE);
            JsonNodeFactory json = JsonNodeFactory.instance;
            writer.write(Request.hello(1, "channel-probe/1"));
            writer.write(Request.of(2, "config.get", json.objectNode()));
            writer.write(Request.of(3, "license.get", json.objectNode()));
            writer.write(Request.of(4, "status.set", json.objectNode().put("text", "probing")));
            writer.write(Request.of(5, "heartbeat", json.objectNode()));
            writer.write(Request.of(6, "reload", json.objectNode()));
            writer.write(Request.of(7, "config.get", json.objectNode().put("component", "other")));
            writer.write(Request.of(8, "ready", json.objectNode()));
            while (true) {
                Optional<Message> m = reader.read();
                if (m.isEmpty()) {
                    System.err.println("configd closed my channel");
                    System.exit(1);
                }
                out.println(new String(MessageCodec.encode(m.get()), StandardCharsets.UTF_8));
                if (m.get() instanceof Event e && e.event().equals(Event.RELOAD)) {
                    ObjectNode noArgs = json.objectNode();
                    writer.write(Request.of(100 + e.fields().path("generation").asLong(), "config.get", noArgs));
                }
            }
        }
    }
}
