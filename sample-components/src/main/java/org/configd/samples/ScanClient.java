package org.configd.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.configd.sdk.Acquired;
import org.configd.sdk.Configd;
import org.configd.sdk.ConfigdException;

/**
 * {@code bin/sample scan FILE...}: a client of the on-demand scan engine, run by a person, outside configd. It asks
 * configd (on the info socket, which anyone may use) to acquire {@code scan-engine}, which starts it when it is idle,
 * then sends the files to the endpoint configd answered. Exit status like clamdscan: 0 all clean, 1 something found,
 * 2 an error.
 */
final class ScanClient {

    private static final String ENGINE = "scan-engine";
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(60);

    private ScanClient() {
    }

    /**
     * @param env where to find configd: {@code CONFIGD_INFO_SOCKET}, else {@code CONFIGD_RUN_DIR}, else
     *            {@code /run/configd}
     */
    static int run(List<String> files, Map<String, String> env, PrintStream out, PrintStream err) {
        if (files.isEmpty() || files.get(0).startsWith("-")) {
            err.println("usage: bin/sample scan FILE...   (set CONFIGD_RUN_DIR when configd's run directory is not"
                    + " /run/configd)");
            return 2;
        }
        Path infoSocket = Configd.infoSocket(env);
        Acquired engine;
        try (Configd configd = Configd.connectTo(infoSocket, "scan/0.1")) {
            engine = configd.acquire(ENGINE, ACQUIRE_TIMEOUT);
        } catch (ConfigdException e) {
            err.println("scan: cannot get the scan engine from configd: " + e.getMessage());
            return 2;
        }
        if (engine.endpoint().isEmpty()) {
            err.println("scan: configd knows no endpoint for " + ENGINE + "; set components." + ENGINE
                    + ".settings.endpoint");
            return 2;
        }
        // Like the engine itself, read a relative endpoint as a path in configd's run directory.
        Path endpoint = infoSocket.toAbsolutePath().resolveSibling(engine.endpoint().get());
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(endpoint));
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                     StandardCharsets.UTF_8));
             OutputStream requests = Channels.newOutputStream(channel)) {
            int status = 0;
            for (String file : files) {
                requests.write(("SCAN " + Path.of(file).toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8));
                String answer = in.readLine();
                if (answer == null) {
                    err.println("scan: the scan engine closed the connection");
                    return 2;
                }
                out.println(answer);
                status = Math.max(status, answer.endsWith(" FOUND") ? 1 : answer.endsWith(" ERROR") ? 2 : 0);
            }
            return status;
        } catch (IOException e) {
            err.println("scan: cannot talk to the scan engine at " + endpoint + ": " + e.getMessage());
            return 2;
        }
    }
}
