package org.configd.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.unixsocket.UnixSocketChannel;
import org.configd.protocol.FrameReader;
import org.configd.protocol.FrameWriter;
import org.configd.protocol.Frames;
import org.configd.protocol.Message;
import org.configd.protocol.Request;
import org.configd.protocol.Response;
import org.configd.supervisor.spawn.Child;
import org.configd.supervisor.spawn.Fds;
import org.configd.supervisor.spawn.SpawnRequest;
import org.configd.supervisor.spawn.Spawner;
import org.junit.jupiter.api.Test;

/**
 * A sample component run by hand, with this test in configd's place: fd 3 is one end of a socket pair whose other
 * end the test holds, answers until the component is ready, then breaks. The component must exit 1 with one clear
 * line on stderr.
 */
class ComponentByHandTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final POSIX POSIX = POSIXFactory.getNativePOSIX();

    /** What the test does to the channel once the component is ready. */
    private interface Break {
        void apply(UnixSocketChannel channel, OutputStream out) throws IOException;
    }

    @Test
    void theEndOfItsChannelMakesItExit1WithOneClearLine() throws Exception {
        String stderr = runGreeterThen((channel, out) -> {
            channel.shutdownOutput();
            channel.close();
        });

        // A close with data still unread (the greeter's first heartbeat) arrives as a reset rather than an end.
        List<String> errors = errorLines(stderr);
        assertEquals(1, errors.size(), stderr);
        assertTrue(errors.get(0).matches("<3>configd closed the component channel \\(fd 3\\) \\(configd stopped or"
                + " died(: the connection was reset)?\\); exiting with status 1"), stderr);
    }

    @Test
    void garbageOnItsChannelMakesItExit1WithOneClearLine() throws Exception {
        // An HTTP request where a frame should be: its first four bytes read as a length of about 1.2 GB.
        String stderr = runGreeterThen((channel, out) -> out.write("GET / HTTP/1.0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)));

        assertEquals(List.of("<3>protocol error on the component channel (fd 3): a frame of 1195725856 bytes is"
                + " larger than the maximum frame size of 1048576 bytes; exiting with status 1"), errorLines(stderr),
                stderr);
    }

    /** Runs the greeter on a socket pair, plays configd until it is ready, breaks the channel; returns its stderr. */
    private static String runGreeterThen(Break breakIt) throws Exception {
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "CONFIGD_FD", "3", "CONFIGD_COMPONENT", "greeter");
        try (Spawner spawner = new Spawner()) {
            Child child = spawner.spawn(new SpawnRequest("greeter", SampleDaemon.commandLine("greeter"), env,
                    Path.of("/"), Optional.empty(), true)).get(10, TimeUnit.SECONDS);
            Fds.close(child.pidfd());
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readPipe(child.outputFd()));
            UnixSocketChannel channel = UnixSocketChannel.fromFD(child.channelFd());
            channel.configureBlocking(false);
            channel.configureBlocking(true); // the pair's end is non-blocking; this test reads it blocking
            OutputStream out = Channels.newOutputStream(channel);
            playConfigdUntilReady(new FrameReader(new BufferedInputStream(Channels.newInputStream(channel)),
                    Frames.DEFAULT_MAX_FRAME_SIZE), new FrameWriter(out));

            breakIt.apply(channel, out);

            assertEquals(1, exitStatus(child.pid()));
            if (channel.isOpen()) {
                channel.close();
            }
            return stderr.get(10, TimeUnit.SECONDS);
        }
    }

    /** Answers hello, config.get and the rest as configd would, up to and including the component's ready. */
    private static void playConfigdUntilReady(FrameReader in, FrameWriter out) throws Exception {
        ObjectNode settings = JSON.objectNode().put("port", freePort()).put("greeting", "Hi").put("audience", "you");
        while (true) {
            Message message = in.read().orElseThrow(() -> new AssertionError("the greeter closed its channel"));
            Request request = (Request) message;
            ObjectNode result = JSON.objectNode();
            if (request.op().equals("hello")) {
                result.put("server", "test").put("protocol", 1).put("generation", 1).put("socket", "component")
                        .put("component", "greeter");
            } else if (request.op().equals("config.get")) {
                result.put("generation", 1).put("component", "greeter").set("settings", settings);
            }
            out.write(Response.ok(request.id(), result));
            if (request.op().equals("ready")) {
                return;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Reads the child's stderr pipe to its end; reopened through /proc, so the read blocks as a plain file's does. */
    private static String readPipe(int fd) {
        try (InputStream in = new FileInputStream("/proc/self/fd/" + fd)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all); // not readAllBytes, which seeks on 17: a pipe cannot
            return all.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Fds.close(fd);
        }
    }

    private static int exitStatus(int pid) {
        int[] status = new int[1];
        assertEquals(pid, POSIX.waitpid(pid, status, 0), "waitpid " + pid);
        assertTrue((status[0] & 0x7f) == 0, "ended by signal " + (status[0] & 0x7f));
        return (status[0] >> 8) & 0xff;
    }

    /** The error lines; the rest (its "listening on" line) may come before or after them. */
    private static List<String> errorLines(String text) {
        return text.lines().filter(line -> line.startsWith("<3>")).toList();
    }
}
