package org.configd.distribution;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.configd.supervisor.e2e.Await;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/** The archive {@code mvn package} made, and unpacking it. */
final class Archive {

    /** The archive's name and folder, as distribution/pom.xml names them (it sets both properties). */
    static final String TOP = "configd-" + System.getProperty("configd.version", "unknown");
    static final Path FILE = Path.of(System.getProperty("configd.archive", "target/" + TOP + ".tar.gz"));

    private Archive() {}

    /** Unpacks the archive into {@code dir} (empty) and returns the distribution's folder. */
    static Path unpack(Path dir) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", FILE.toString(), "-C", dir.toString()).inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar could not unpack " + FILE);
        }
        return dir.resolve(TOP);
    }

    /**
     * An empty folder with a short path under /tmp. A UNIX socket's path may have 107 bytes, and configd binds its
     * sockets in a private folder inside its run directory ({@code run/.bind-<19 digits>/control.sock}): a run
     * directory deep inside JUnit's {@code /tmp/junit-<19 digits>/configd-VERSION/examples/demo/} is too long.
     */
    static final class ShortTempDir implements TempDirFactory {
        private static final SecureRandom RANDOM = new SecureRandom();

        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension)
                throws IOException {
            while (true) {
                try {
                    return Files.createDirectory(Path.of("/tmp", "cd" + Integer.toString(RANDOM.nextInt(1 << 30), 36)));
                } catch (FileAlreadyExistsException e) {
                    // another name
                }
            }
        }
    }

    /**
     * Whether the process runs: it exists and is no zombie. A configd the init script started is no child of
     * the test; once it has exited, it stays a zombie until init reaps it, and a zombie still "is alive" to
     * {@link ProcessHandle}.
     */
    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')'); // the file reads empty while the process is being reaped
            return close > 0 && stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM to the configd whose pid file this is, if it still runs; waits until it has exited. */
    static void stopIfRunning(Path pidFile) throws IOException {
        String pid = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "";
        if (pid.isEmpty() || !isRunning(Long.parseLong(pid))) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroy);
        Await.until(Duration.ofSeconds(30), () -> !isRunning(Long.parseLong(pid)), "configd " + pid + " to exit");
    }
}
