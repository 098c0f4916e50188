package org.configd.supervisor.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.configd.supervisor.license.LicenseTool;

/**
 * A folder with everything one end-to-end test needs: configd.conf, component scripts, keys and license,
 * the run directory and the log. It is world-readable (0755) on purpose: some tests talk to configd as
 * uid 65534, which must reach the info socket.
 */
public final class TestBed implements AutoCloseable {

    public final Path dir;
    public final Path config;
    public final Path runDir;
    public final Path logFile;

    private TestBed(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("configd.conf");
        this.runDir = dir.resolve("run");
        this.logFile = runDir.resolve("configd.log");
    }

    public static TestBed create() throws IOException {
        Path dir = Files.createTempDirectory("configd-e2e-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new TestBed(dir);
    }

    /**
     * Writes configd.conf: a daemon section with short test timeouts, followed by {@code components}
     * (HOCON text for the inside of {@code components { }}).
     */
    public TestBed configure(String components) {
        return configure("", components);
    }

    public TestBed configure(String extraDaemonSettings, String components) {
        write("configd.conf", """
                configd {
                  run-dir = "run"
                  stop-timeout = 1s
                  restart { initial-delay = 100ms, max-delay = 2s, reset-after = 60s }
                  log { file = "run/configd.log", level = debug }
                  license { file = "license.key", public-key = "license.pub" }
                  %s
                }
                components {
                %s
                }
                include "conf.d"
                """.formatted(extraDaemonSettings, components));
        return this;
    }

    /** Writes a file (relative to the test bed), creating its folder. */
    public Path write(String relative, String content) {
        Path p = dir.resolve(relative);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Writes an executable /bin/sh script and returns its path. */
    public Path script(String name, String body) {
        Path p = write("bin/" + name, "#!/bin/sh\n" + body + "\n");
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Makes a key pair (once) and writes a license signed with it, with these features and expiry date. */
    public TestBed license(String expires, String... features) throws Exception {
        Path priv = dir.resolve("license.private");
        if (!Files.exists(priv)) {
            LicenseTool.keygen(priv, dir.resolve("license.pub"));
        }
        StringBuilder list = new StringBuilder();
        for (String f : features) {
            list.append(list.length() == 0 ? "" : ", ").append('"').append(f).append('"');
        }
        Path unsigned = write("license.unsigned.conf", """
                license { id = "TEST-1", licensee = "configd tests", issued = "2019-01-01", expires = "%s",
                          features = [%s] }
                """.formatted(expires, list));
        write("license.key", LicenseTool.sign(unsigned, priv) + "\n");
        return this;
    }

    public RunningDaemon start() throws IOException {
        return start(Map.of());
    }

    public RunningDaemon start(Map<String, String> env) throws IOException {
        return RunningDaemon.start(config, runDir, logFile, env);
    }

    /** Starts configd and returns at once, before it serves. */
    public RunningDaemon launch() throws IOException {
        return RunningDaemon.launch(config, runDir, logFile, Map.of());
    }

    /** The lines of a file the components write to, or an empty list while it does not exist. */
    public List<String> lines(String relative) {
        try {
            Path p = dir.resolve(relative);
            return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
