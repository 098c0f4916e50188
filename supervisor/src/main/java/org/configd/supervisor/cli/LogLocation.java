package org.configd.supervisor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.configd.protocol.ProtocolException;
import org.configd.supervisor.config.ConfigException;
import org.configd.supervisor.config.ConfigLoader;

/**
 * Where {@code configctl log} finds the log file, first answer wins:
 * <ol>
 *   <li>{@code --file PATH};</li>
 *   <li>{@code --config FILE}: the {@code configd.log.file} that configuration sets (with the
 *       {@code CONFIGD_CONF_PATH} layers, as configd would read it);</li>
 *   <li>the running configd ({@code status} answers {@code log-file});</li>
 *   <li>when configd is down and configctl looks at the default run directory: the default configuration
 *       {@code /etc/configd/configd.conf}, as on an installed server.</li>
 * </ol>
 */
public final class LogLocation {

    /** The log file cannot be determined; the message says why and what to do. */
    static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        NotFound(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }

    static final Path DEFAULT_RUN_DIR = Path.of("/run/configd");
    static final Path DEFAULT_CONFIG = Path.of("/etc/configd/configd.conf");

    private final Path runDir;
    private final Map<String, String> env;
    private final Path defaultConfig;
    private Path file;
    private Path config;

    /**
     * @param runDir        where configd's sockets are
     * @param env           for {@code CONFIGD_CONF_PATH}
     * @param defaultConfig the configuration read when configd is down and {@code runDir} is the default one
     */
    public LogLocation(Path runDir, Map<String, String> env, Path defaultConfig) {
        this.runDir = runDir;
        this.env = env;
        this.defaultConfig = defaultConfig;
    }

    void file(Path value) {
        file = value;
    }

    void config(Path value) {
        config = value;
    }

    Path find() throws NotFound {
        if (file != null) {
            return file;
        }
        if (config != null) {
            return fromConfig(config);
        }
        Path socket = runDir.resolve("info.sock");
        try (DaemonClient c = DaemonClient.connect(socket)) {
            String logFile = c.call("status", Configctl.object()).path("log-file").asText("");
            if (logFile.isEmpty()) {
                throw new NotFound(Configctl.DAEMON_ERROR, "configd did not say where its log is; name it with"
                        + " --file PATH");
            }
            return Path.of(logFile);
        } catch (DaemonClient.ConnectFailure e) {
            if (runDir.equals(DEFAULT_RUN_DIR) && Files.isRegularFile(defaultConfig)) {
                return fromConfig(defaultConfig);
            }
            throw new NotFound(Configctl.CANNOT_CONNECT, e.getMessage() + "; to read its log anyway, name the file"
                    + " with --file PATH or the configuration with --config FILE");
        } catch (IOException | ProtocolException | DaemonClient.DaemonError e) {
            throw new NotFound(Configctl.DAEMON_ERROR, "cannot ask configd where its log is (" + e.getMessage()
                    + "); name it with --file PATH or the configuration with --config FILE");
        }
    }

    private Path fromConfig(Path configFile) throws NotFound {
        try {
            return ConfigLoader.load(configFile.toAbsolutePath(),
                    ConfigLoader.parseSearchPath(env.get("CONFIGD_CONF_PATH"))).daemon().log().file();
        } catch (ConfigException e) {
            throw new NotFound(Configctl.DAEMON_ERROR, "cannot tell the log file from " + configFile + ":\n  "
                    + e.getMessage().replace("\n", "\n  ") + "\nname the log with --file PATH instead");
        }
    }
}
