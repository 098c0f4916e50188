package org.configd.supervisor.daemon;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.configd.supervisor.cli.Version;
import org.configd.supervisor.config.ConfigCheck;
import org.configd.supervisor.config.ConfigException;
import org.configd.supervisor.config.ConfigLoader;
import org.configd.supervisor.config.LoadedConfig;
import org.configd.supervisor.license.License;
import org.configd.supervisor.license.LicenseLoader;

/**
 * {@code configd [-c|--config FILE] [--check] [--version]}. configd runs in the foreground: an init script or
 * systemd puts it in the background (a JVM cannot daemonize itself safely).
 *
 * <p>Exit codes: 0 clean shutdown (or a valid {@code --check}), 1 cannot run (another configd holds the run
 * directory, a directory cannot be created), 2 usage, 78 invalid configuration (EX_CONFIG, as {@code nginx -t}).
 */
public final class ConfigdMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int CONFIG_ERROR = 78;

    private static final String USAGE_TEXT = """
            usage: configd [-c|--config FILE] [--check] [--version]

              -c, --config FILE  the main configuration file (default /etc/configd/configd.conf)
              --check            validate the configuration and the license, then exit: 0 valid, 78 invalid
              --version          print the version
            CONFIGD_CONF_PATH=DIR[:DIR...] adds layers above the main file (the first directory wins key by key).
            """;

    private ConfigdMain() {}

    public static void main(String[] args) {
        netty();
        jnr();
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /**
     * Netty settings for a small daemon, unless given on the command line: no JFR events (their first use loads
     * JFR's metadata, tens of milliseconds in the middle of a shutdown), and plain unpooled buffers, since
     * configd's frames are small and a pooling allocator keeps whole chunks per thread.
     */
    static void netty() {
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        if (System.getProperty("io.netty.allocator.type") == null) {
            System.setProperty("io.netty.allocator.type", "unpooled");
        }
    }

    /**
     * jnr-ffi binds native functions through classes it generates with ASM, unless told not to; configd binds libc
     * (its own {@code LibC}) on the way to serving, and the generated stubs cost more to make
     * (0.45-0.65 s of CPU in a fresh JVM, and no class-data archive can hold them) than their faster calls ever
     * save: configd makes a few dozen native calls per process it spawns. Reflection instead: 0.3-0.35 s less.
     */
    static void jnr() {
        if (System.getProperty("jnr.ffi.asm.enabled") == null) {
            System.setProperty("jnr.ffi.asm.enabled", "false");
        }
    }

    static int run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env) {
        PhaseTrace.mark(err, "main");
        Deque<String> args = new ArrayDeque<>(List.of(argv));
        Path mainFile = Path.of("/etc/configd/configd.conf");
        boolean check = false;
        while (!args.isEmpty()) {
            String a = args.pop();
            switch (a) {
                case "-c":
                case "--config":
                    if (args.isEmpty()) {
                        err.println("configd: " + a + " needs a file; see configd --help");
                        return USAGE;
                    }
                    mainFile = Path.of(args.pop());
                    break;
                case "--check":
                    check = true;
                    break;
                case "--version":
                    out.println("configd " + Version.current());
                    return OK;
                case "-h":
                case "--help":
                    out.print(USAGE_TEXT);
                    return OK;
                default:
                    err.println("configd: unknown argument " + a + "; see configd --help");
                    return USAGE;
            }
        }
        mainFile = mainFile.toAbsolutePath();
        boolean warmup = !check && !"false".equals(System.getProperty("configd.warmup"));
        if (warmup) {
            Warmup.begin();
        }
        List<Path> searchPath = ConfigLoader.parseSearchPath(env.get("CONFIGD_CONF_PATH"));
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(mainFile, searchPath);
        } catch (ConfigException e) {
            err.println("configd: the configuration is invalid:");
            for (String line : e.getMessage().split("\n")) {
                err.println("  " + line);
            }
            err.println("configd: fix it and start again (configd --check validates without starting)");
            return CONFIG_ERROR;
        }
        PhaseTrace.mark(err, "configuration loaded");
        if (warmup) {
            Warmup.accounts(loaded);
        }
        License license = LicenseLoader.load(loaded.daemon().license());
        PhaseTrace.mark(err, "license loaded");
        if (check) {
            for (String warning : ConfigCheck.warnings(loaded, license, java.time.Instant.now())) {
                err.println("configd: warning: " + warning);
            }
            out.println("configd: the configuration " + mainFile + " is valid ("
                    + loaded.components().size() + " components)");
            return OK;
        }
        return new Daemon(mainFile, searchPath, loaded, license, err).run();
    }
}
