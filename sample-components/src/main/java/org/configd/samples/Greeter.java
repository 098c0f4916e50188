package org.configd.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.configd.sdk.Configd;
import org.configd.sdk.Log;
import org.configd.sdk.Reload;
import org.configd.sdk.Settings;

/**
 * A long-running service: it answers every TCP connection on 127.0.0.1:{@code port} with one line,
 * "{@code greeting}, {@code audience}!", and closes it. A new greeting or audience is applied on the fly; a new port
 * cannot be (the socket is bound), so the component asks configd to restart it.
 *
 * <pre>
 * settings { port = 8080, greeting = "Hello", audience = "world" }
 * </pre>
 */
final class Greeter {

    private static final Log LOG = Log.stderr();
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private Greeter() {
    }

    static void run(Configd configd) throws IOException {
        Settings settings = configd.settings();
        int port = port(settings);
        AtomicReference<String> line = new AtomicReference<>(line(settings));
        ServerSocket server = listen(port, settings);
        configd.onReload((previous, next) -> {
            if (port(next) != port) {
                LOG.notice("the port changes from %d to %d", port, port(next));
                return Reload.RESTART;
            }
            String now = line(next);
            if (!now.equals(line.getAndSet(now))) {
                LOG.info("now greeting with \"%s\" (generation %d)", now, next.generation());
            }
            return Reload.APPLIED;
        });
        configd.startHeartbeat(HEARTBEAT);
        configd.ready();
        LOG.info("listening on 127.0.0.1:%d, greeting with \"%s\" (generation %d)", port, line.get(),
                settings.generation());
        long served = 0;
        while (true) {
            try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                out.write((line.get() + "\n").getBytes(StandardCharsets.UTF_8));
                served++;
            } catch (IOException e) {
                LOG.warning("a client went away: " + e.getMessage());
                continue;
            }
            configd.status("greetings served on port " + port + ": " + served);
        }
    }

    /** The answer; both parts come from one generation, so a reader never sees a new greeting with an old audience. */
    private static String line(Settings settings) {
        return settings.getString("greeting") + ", " + settings.getString("audience") + "!";
    }

    private static int port(Settings settings) {
        int port = settings.getInt("port");
        if (port < 1 || port > 65535) {
            throw settings.invalid("port", "must be a TCP port between 1 and 65535");
        }
        return port;
    }

    private static ServerSocket listen(int port, Settings settings) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        try {
            server.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            // Another program holds the port: only a configuration change can fix that (Configd.run exits 102).
            throw settings.invalid("port", "cannot be listened on (" + e.getMessage() + "); choose a free port");
        }
        return server;
    }
}
