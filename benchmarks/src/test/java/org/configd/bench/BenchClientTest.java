package org.configd.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench-client.c, the info-socket scenario's C clients, compiled and run against a small server in this test that
 * answers every frame as configd would, or with an error.
 */
class BenchClientTest {

    @TempDir
    static Path dir;
    private static Path program;

    @BeforeAll
    static void compile() throws Exception {
        program = Gcc.compile(dir, "bench-client", "-pthread");
    }

    @Test
    void itReportsEachWindowAndItsOwnCpu() throws Exception {
        List<String> out = runAgainst("{\"id\":2,\"ok\":true,\"result\":{\"settings\":{}}}", 0);
        assertEquals("measuring", out.get(0));
        for (int w = 0; w < 2; w++) {
            String[] f = out.get(1 + w).split(" ");
            assertEquals(List.of("window", Integer.toString(w)), List.of(f[0], f[1]));
            assertTrue(Long.parseLong(f[2]) > 0, "requests answered in the window: " + out);
            assertTrue(Long.parseLong(f[3]) > 0 && Long.parseLong(f[4]) >= Long.parseLong(f[3]),
                    "a median and a p99 no smaller than it: " + out);
        }
        assertTrue(out.get(3).matches("cpu \\d+"), out.toString());
        assertEquals(4, out.size());
    }

    @Test
    void anErrorAnswerEndsItWithExitOne() throws Exception {
        runAgainst("{\"id\":1,\"ok\":false,\"error\":{\"code\":\"bad-request\",\"message\":\"no\"}}", 1);
    }

    /** Runs two clients for 100 ms of warm-up and two windows of 100 ms; every frame is answered with {@code answer}. */
    private static List<String> runAgainst(String answer, int exitCode) throws Exception {
        Path socket = dir.resolve("info-" + exitCode + ".sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread acceptor = new Thread(() -> serve(server, answer));
            acceptor.setDaemon(true);
            acceptor.start();
            Process p = new ProcessBuilder(program.toString(), socket.toString(), "100", "100", "2",
                    "{\"id\":1,\"op\":\"hello\"}", "{\"id\":2,\"op\":\"config.get\"}",
                    "{\"id\":2,\"op\":\"config.get\"}").start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "bench-client did not end");
            assertEquals(exitCode, p.exitValue(), err);
            if (exitCode != 0) {
                assertEquals("bench-client: configd answered with " + answer + "\n", err);
            }
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    /** Accepts connections, each answered on a thread of its own, until the server is closed. */
    private static void serve(ServerSocketChannel server, String answer) {
        byte[] body = answer.getBytes(UTF_8);
        try {
            while (true) {
                SocketChannel c = server.accept();
                Thread t = new Thread(() -> answerEach(c, body));
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private static void answerEach(SocketChannel c, byte[] body) {
        ByteBuffer header = ByteBuffer.allocate(4);
        ByteBuffer reply = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body);
        try (c) {
            while (true) {
                header.clear();
                if (!readFully(c, header)) {
                    return;
                }
                if (!readFully(c, ByteBuffer.allocate(header.flip().getInt()))) {
                    return;
                }
                c.write(reply.flip());
            }
        } catch (IOException gone) {
            // the client ended
        }
    }

    private static boolean readFully(SocketChannel c, ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (c.read(into) < 0) {
                return false;
            }
        }
        return true;
    }
}
