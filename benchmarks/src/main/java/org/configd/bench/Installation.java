package org.configd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configd being measured: a checkout or an installed distribution, run through its own {@code bin/configd}
 * and {@code bin/configctl}, so that the JVM options, class path and class-data archives are exactly those an
 * operator gets. The JVM is the one running the benchmarks ({@code JAVA_HOME} is set to it).
 */
public final class Installation {

    /** Where bin/.launch keeps configd's JVM options: {@code ${CONFIGD_JAVA_OPTS:-...}}. */
    private static final Pattern DAEMON_OPTS = Pattern.compile("\\$\\{CONFIGD_JAVA_OPTS:-([^}]*)}");

    private final Path home;
    private final String daemonOpts;

    /**
     * @param home       the folder holding {@code bin/configd}
     * @param extraOpts  JVM options added to configd's own (e.g. for a flight recording), or empty
     */
    public Installation(Path home, String extraOpts) throws IOException {
        this.home = home;
        if (!isBuilt(home)) {
            throw new IOException("configd is not built in " + home + "; build it with: (cd " + home
                    + " && mvn -q -B -DskipTests package)");
        }
        this.daemonOpts = extraOpts.isBlank() ? "" : defaultDaemonOpts() + " " + extraOpts;
    }

    /**
     * Whether bin/.launch would find a class path in {@code home}: {@code lib/} (an installed distribution), or
     * {@code supervisor/target/classes} and {@code supervisor/target/lib} (a built checkout).
     */
    static boolean isBuilt(Path home) {
        Path target = home.resolve("supervisor").resolve("target");
        return Files.isDirectory(home.resolve("lib"))
                || (Files.isDirectory(target.resolve("classes")) && Files.isDirectory(target.resolve("lib")));
    }

    public Path home() {
        return home;
    }

    public Path configd() {
        return home.resolve("bin").resolve("configd");
    }

    public Path configctl() {
        return home.resolve("bin").resolve("configctl");
    }

    /**
     * configd-exec of this configd, where its build puts it ({@code lib/} installed, {@code supervisor/target/} in a
     * checkout), when that build has one (it is made only where gcc is).
     */
    public Optional<Path> execHelper() {
        return Stream.of(home.resolve("lib"), home.resolve("supervisor").resolve("target"))
                .map(folder -> folder.resolve("configd-exec"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Whether this is an installed distribution with class-data archives (a checkout has none). */
    public boolean hasClassDataArchives() {
        Path cds = home.resolve("lib").resolve("cds");
        try (var files = Files.isDirectory(cds) ? Files.list(cds) : Stream.<Path>empty()) {
            return files.anyMatch(p -> p.toString().endsWith(".jsa"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The environment for bin/configd and bin/configctl: this JVM, and the extra options when there are any. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        if (!daemonOpts.isEmpty()) {
            env.put("CONFIGD_JAVA_OPTS", daemonOpts);
        }
        return env;
    }

    /** configd's JVM options as bin/.launch sets them, so that extra options add to them rather than replace them. */
    private String defaultDaemonOpts() throws IOException {
        String launcher = Files.readString(home.resolve("bin").resolve(".launch"), StandardCharsets.UTF_8);
        Matcher m = DAEMON_OPTS.matcher(launcher);
        if (!m.find()) {
            throw new IOException("cannot find configd's JVM options (${CONFIGD_JAVA_OPTS:-...}) in bin/.launch");
        }
        return m.group(1).replace("\\\n", " ").trim().replaceAll("\\s+", " "); // a line continued is one line
    }
}
