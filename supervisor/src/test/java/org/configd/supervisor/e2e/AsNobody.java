package org.configd.supervisor.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a Java main of the test class path as uid/gid 65534 through setpriv. The class path is copied into
 * a world-readable folder first: the build's own may sit under /root, which nobody may enter.
 */
final class AsNobody {

    private final String classPath;

    AsNobody(Path dir) throws IOException {
        Path cp = dir.resolve("classpath");
        Files.createDirectories(cp);
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(":")) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = cp.resolve((i++) + "-" + source.getFileName());
            copy(source, target);
            entries.add(target.toString());
        }
        classPath = String.join(":", entries);
        try (Stream<Path> all = Files.walk(cp)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    CtlResult run(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 22) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath, mainClass));
        cmd.addAll(List.of(args));
        // Into files, opened here and inherited: reading one pipe to its end before the other could hang on a
        // child that fills the other, and waitFor's deadline would never be reached.
        Path out = Files.createTempFile("configd-as-nobody-", ".out");
        Path err = Files.createTempFile("configd-as-nobody-", ".err");
        try {
            Process p = new ProcessBuilder(cmd).directory(Path.of("/").toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(mainClass + " as nobody did not finish");
            }
            return new CtlResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    CtlResult configctl(String... args) throws IOException, InterruptedException {
        return run("org.configd.supervisor.cli.ConfigctlMain", args);
    }
}
