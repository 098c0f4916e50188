package org.configd.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.configd.sdk.Configd;
import org.configd.sdk.IdleTimer;
import org.configd.sdk.Log;
import org.configd.sdk.Reload;
import org.configd.sdk.Settings;

/**
 * An on-demand scanning engine, in the manner of clamd: configd starts it when a client acquires it, it serves on
 * its own UNIX socket ({@code endpoint}, which {@code component.acquire} hands to the client; a relative path is in
 * configd's run directory), says {@code ready} once it listens ({@code readiness = notify}), and exits 103 after
 * {@code idle-time-limit} without a request.
 *
 * <p>One request per line, one answer per line:
 * <pre>
 * PING              → PONG
 * SCAN /abs/path    → /abs/path: OK  |  /abs/path: NAME FOUND  |  /abs/path: REASON ERROR
 * </pre>
 *
 * <pre>
 * settings {
 *   endpoint = "scan.sock"                        # or an absolute path
 *   signatures { eicar = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE" }
 *   max-file-size = 16777216                      # bytes read from each file
 * }
 * </pre>
 */
final class ScanEngine {

    private static final Log LOG = Log.stderr();

    private ScanEngine() {
    }

    static void run(Configd configd) throws IOException {
        Settings settings = configd.settings();
        Path endpoint = endpoint(settings);
        AtomicReference<Signatures> signatures = new AtomicReference<>(Signatures.from(settings));
        configd.onReload((previous, next) -> {
            if (!endpoint(next).equals(endpoint)) {
                return Reload.RESTART;
            }
            signatures.set(Signatures.from(next));
            LOG.info("%d signatures loaded (generation %d)", signatures.get().count(), next.generation());
            return Reload.APPLIED;
        });
        IdleTimer idle = configd.idleTimer();
        ServerSocketChannel server = listen(endpoint, settings);
        configd.ready();
        LOG.info("serving on %s with %d signatures%s", endpoint, signatures.get().count(),
                idle.limit().map(limit -> "; I leave after " + limit.toMillis() + " ms without a request").orElse(""));
        AtomicLong scanned = new AtomicLong();
        ExecutorService clients = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "scan-client");
            t.setDaemon(true);
            return t;
        });
        while (true) {
            SocketChannel client = server.accept();
            clients.execute(() -> serve(client, signatures, idle, configd, scanned));
        }
    }

    /** The socket path; a relative one is inside configd's run directory, where the info socket is. */
    static Path endpoint(Settings settings) {
        Path endpoint = Path.of(settings.getString("endpoint"));
        return endpoint.isAbsolute() ? endpoint : runDirectory(settings).resolve(endpoint);
    }

    private static Path runDirectory(Settings settings) {
        String infoSocket = System.getenv(Configd.ENV_INFO_SOCKET);
        if (infoSocket == null || Path.of(infoSocket).getParent() == null) {
            throw settings.invalid("endpoint", "must be an absolute path when " + Configd.ENV_INFO_SOCKET
                    + " does not name configd's run directory");
        }
        return Path.of(infoSocket).getParent();
    }

    private static ServerSocketChannel listen(Path endpoint, Settings settings) throws IOException {
        removeStaleSocket(endpoint, settings);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(endpoint));
        } catch (IOException e) {
            // E.g. a missing or unwritable directory: only a configuration change can fix that.
            server.close();
            throw settings.invalid("endpoint", "cannot be listened on (" + e.getMessage() + ")");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(endpoint);
            } catch (IOException e) {
                LOG.warning("cannot remove my socket %s: %s", endpoint, e.getMessage());
            }
        }, "remove-socket"));
        return server;
    }

    /**
     * Deletes a socket file left by an earlier run that was killed, which would make bind fail. Anything else at
     * that path (a regular file, a directory, a link) is not the engine's to delete: a configuration error.
     */
    private static void removeStaleSocket(Path endpoint, Settings settings) throws IOException {
        BasicFileAttributes existing;
        try {
            existing = Files.readAttributes(endpoint, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException nothingThere) {
            return;
        }
        if (!existing.isOther()) {
            String kind = existing.isDirectory() ? "a directory" : existing.isSymbolicLink() ? "a symbolic link"
                    : "a regular file";
            throw settings.invalid("endpoint", "must name a socket or nothing, and " + endpoint + " is " + kind);
        }
        Files.deleteIfExists(endpoint);
    }

    private static void serve(SocketChannel client, AtomicReference<Signatures> signatures, IdleTimer idle,
                              Configd configd, AtomicLong scanned) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                     StandardCharsets.UTF_8));
             OutputStream out = Channels.newOutputStream(client)) {
            String request;
            while ((request = in.readLine()) != null) {
                String answer;
                try (IdleTimer.Work work = idle.begin()) {
                    answer = answer(request, signatures.get());
                }
                out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                if (request.startsWith("SCAN ")) {
                    configd.status("scanned " + scanned.incrementAndGet() + " files");
                }
            }
        } catch (IOException e) {
            LOG.warning("a client went away: " + e.getMessage());
        }
    }

    private static String answer(String request, Signatures signatures) {
        if (request.equals("PING")) {
            return "PONG";
        }
        if (!request.startsWith("SCAN ")) {
            return "ERROR unknown request; send PING or SCAN /absolute/path";
        }
        String file = request.substring("SCAN ".length());
        try (InputStream content = Files.newInputStream(Path.of(file))) {
            String found = signatures.match(content);
            return file + ": " + (found == null ? "OK" : found + " FOUND");
        } catch (IOException | RuntimeException e) {
            return file + ": " + e.getClass().getSimpleName() + " " + e.getMessage() + " ERROR";
        }
    }
}
