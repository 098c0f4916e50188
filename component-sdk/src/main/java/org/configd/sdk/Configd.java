package org.configd.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.Op;

/**
 * A component's connection to configd: its settings, its license, readiness and status, and reloads.
 *
 * <p>A component started by configd connects with {@link #connect(String)} (or runs its body with
 * {@link #run(String, ComponentMain)}), over the socket configd left on its descriptor 3 ({@code CONFIGD_FD}). On
 * that channel the SDK also
 * <ul>
 * <li>handles SIGHUP and configd's {@code reload} event, re-reads the settings and calls the
 *     {@linkplain #onReload(ReloadListener) reload listener} once per new generation;</li>
 * <li>ends the process with status 1 and one line on stderr when the channel reaches its end (configd stopped or
 *     died) or configd breaks the protocol, as configd expects of every component.</li>
 * </ul>
 *
 * <p>A tool outside configd connects to the info socket with {@link #connectToInfoSocket(String)} or
 * {@link #connectTo(Path, String)}: it can read any component's settings (secrets redacted), the license, and
 * {@linkplain #acquire acquire} on-demand components; a lost connection is only an exception there.
 *
 * <p>Thread-safe: any thread may call any method; requests on one connection are answered in parallel.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Configd.run("hello/1.0", configd -> {
 *         Settings settings = configd.settings();
 *         String greeting = settings.getString("greeting", "hello");   // missing or mistyped: exit 102
 *         configd.onReload((old, now) -> Reload.RESTART);                // or apply them and return APPLIED
 *         configd.ready();
 *         ...
 *     });
 * }
 * }</pre>
 */
public final class Configd implements AutoCloseable {

    /** The descriptor of the component channel, set by configd: {@code 3}. */
    public static final String ENV_FD = "CONFIGD_FD";
    /** The component's name, set by configd. */
    public static final String ENV_COMPONENT = "CONFIGD_COMPONENT";
    /** The path of configd's info socket, set by configd for every component. */
    public static final String ENV_INFO_SOCKET = "CONFIGD_INFO_SOCKET";
    /** configd's run directory, as configctl reads it; its {@code info.sock} is the info socket. */
    public static final String ENV_RUN_DIR = "CONFIGD_RUN_DIR";
    /** The idle time limit in milliseconds, set by configd for on-demand components only. */
    public static final String ENV_IDLE_TIME_LIMIT_MS = "CONFIGD_IDLE_TIME_LIMIT_MS";

    private static final Path DEFAULT_INFO_SOCKET = Path.of("/run/configd/info.sock");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Connection connection;
    private final String client;
    private final String component;     // null on the info and control sockets
    private final Reloader reloader;    // null on the info and control sockets
    private final Map<String, String> env;
    private final Exiter exiter;
    private final Log log;
    private final CountDownLatch lossReported;
    private IdleTimer idleTimer;        // guarded by this

    /** Made by {@link Connector}; {@code component} and {@code reloader} are null on a socket connection. */
    Configd(Connection connection, String client, String component, Reloader reloader,
            Map<String, String> env, Exiter exiter, Log log, CountDownLatch lossReported) {
        this.connection = connection;
        this.lossReported = lossReported;
        this.client = client;
        this.component = component;
        this.reloader = reloader;
        this.env = env;
        this.exiter = exiter;
        this.log = log;
    }

    // ------------------------------------------------------------------------------------------ connecting

    /**
     * Connects a component to configd over its inherited channel ({@code CONFIGD_FD}), says hello and reads its
     * settings. When that fails (no {@code CONFIGD_FD}: the program was not started by configd; or configd does not
     * answer) it writes one line on stderr and ends the process with status 1.
     *
     * @param client the component's name and version for configd's log, e.g. {@code "greeter/1.0"}
     * @return the connection, with the component's settings read
     */
    public static Configd connect(String client) {
        return Connector.component(client, System.getenv(), Exiter.SYSTEM, Log.stderr());
    }

    /**
     * Connects to configd's info socket, as a tool outside configd does: {@code CONFIGD_INFO_SOCKET} when set (as in
     * a component's environment), else {@code info.sock} in {@code CONFIGD_RUN_DIR}, else
     * {@code /run/configd/info.sock}.
     *
     * @param client the tool's name and version for configd's log, e.g. {@code "scan/1.0"}
     * @return the connection
     * @throws ConfigdException when configd cannot be reached there
     */
    public static Configd connectToInfoSocket(String client) {
        return connectTo(infoSocket(System.getenv()), client);
    }

    /**
     * Where configd's info socket is, by {@code env}: {@code CONFIGD_INFO_SOCKET} when set, else {@code info.sock} in
     * {@code CONFIGD_RUN_DIR}, else {@code /run/configd/info.sock}.
     *
     * @param env the environment to read, usually {@code System.getenv()}
     * @return the socket's path
     */
    public static Path infoSocket(Map<String, String> env) {
        return env.containsKey(ENV_INFO_SOCKET) ? Path.of(env.get(ENV_INFO_SOCKET))
                : env.containsKey(ENV_RUN_DIR) ? Path.of(env.get(ENV_RUN_DIR), "info.sock") : DEFAULT_INFO_SOCKET;
    }

    /**
     * Connects to configd's info or control socket at {@code socket} and says hello.
     *
     * @param socket the socket's path
     * @param client the tool's name and version for configd's log
     * @return the connection
     * @throws ConfigdException when configd cannot be reached there or refuses the connection
     */
    public static Configd connectTo(Path socket, String client) {
        return Connector.socket(socket, client);
    }

    /**
     * Connects as a component and runs its body: the usual {@code main} of a component. A
     * {@link SettingsException} thrown by the body ends the process with status 102 and the exception's message; a
     * {@link ConfigdException} with status 1; any other exception with status 70 (a crash) and its stack trace, all
     * on stderr with priority prefixes. Uncaught exceptions of other threads are logged the same way.
     *
     * @param client the component's name and version, e.g. {@code "greeter/1.0"}
     * @param body   the component's work; see {@link ComponentMain#run} for what returning means
     */
    public static void run(String client, ComponentMain body) {
        Log log = Log.stderr();
        Thread.setDefaultUncaughtExceptionHandler(
                (thread, e) -> log.error("uncaught in thread " + thread.getName(), e));
        Configd configd = connect(client);
        try {
            body.run(configd);
        } catch (SettingsException e) {
            Exit.badConfig(e.getMessage());
        } catch (ConfigdException e) {
            if (configd.connection.isLost()) {
                Connector.awaitQuietly(configd.lossReported);
                Exiter.SYSTEM.exit(Exit.PROTOCOL_ERROR); // already reported by the connection, which is exiting
            }
            boolean refused = !ConfigdException.UNREACHABLE.equals(e.code())
                    && !ConfigdException.NO_ANSWER.equals(e.code());
            Exit.protocolError((refused ? "configd refused a request: " : "a request to configd failed: ")
                    + e.getMessage());
        } catch (Exception e) {
            Exit.crash(client + " failed", e);
        }
    }

    // ------------------------------------------------------------------------------------------ settings

    /** The component's name. */
    public String component() {
        return ownComponent();
    }

    /**
     * The component's settings in force: those read at connect time, then each generation the reload listener
     * applied. Never a mix of two generations.
     */
    public Settings settings() {
        ownComponent();
        return reloader.current();
    }

    /**
     * Registers the component's reload listener, replacing any earlier one. Register it before {@link #ready()}:
     * without a listener, a new generation of settings makes the component exit 0, and configd restarts it.
     */
    public void onReload(ReloadListener listener) {
        ownComponent();
        reloader.listen(Objects.requireNonNull(listener, "listener"));
    }

    /** Reads another component's settings from configd now; its secrets are redacted. */
    public Settings settingsOf(String otherComponent) {
        ObjectNode result = connection.call(Op.CONFIG_GET.wireName(),
                JSON.objectNode().put("component", Objects.requireNonNull(otherComponent, "otherComponent")));
        return settingsIn(result);
    }

    /** Reads the component's own settings from configd now. */
    Settings ownSettings() {
        return settingsIn(connection.call(Op.CONFIG_GET.wireName(), JSON.objectNode()));
    }

    private static Settings settingsIn(ObjectNode result) {
        JsonNode settings = result.path("settings");
        return Settings.of(result.path("component").asText(), result.path("generation").asLong(),
                settings.isObject() ? (ObjectNode) settings : JSON.objectNode());
    }

    // ------------------------------------------------------------------------------------------ license

    /** Reads the license summary from configd now. */
    public License license() {
        return License.fromJson(connection.call(Op.LICENSE_GET.wireName(), JSON.objectNode()));
    }

    /**
     * Returns the license when it is valid; otherwise writes one line on stderr saying why and ends the process
     * with status 101, and configd starts the component again when the license changes.
     */
    public License requireValidLicense() {
        License license = license();
        if (!license.isValid()) {
            forbidden(who() + " needs a valid license, but the license is " + license.state()
                    + license.reason().map(r -> " (" + r + ")").orElse("") + "; install a valid license");
        }
        return license;
    }

    /**
     * Returns the license when it is valid and lists {@code feature}; otherwise writes one line on stderr saying
     * what is missing and ends the process with status 101, and configd starts the component again when the license
     * changes. Call it again in the reload listener to leave when a replaced license drops the feature.
     */
    public License requireFeature(String feature) {
        Objects.requireNonNull(feature, "feature");
        License license = requireValidLicense();
        if (!license.allows(feature)) {
            forbidden(who() + " needs the licensed feature '" + feature + "', but the license "
                    + license.describe() + " does not include it; install a license that does");
        }
        return license;
    }

    private void forbidden(String reason) {
        log.error(reason + ", then reload configd");
        exiter.exit(Exit.LICENSE_FORBIDS);
        throw new IllegalStateException(reason); // only reached when a test's exiter returns
    }

    // ------------------------------------------------------------------------------------------ life

    /** Tells configd the component serves (for {@code readiness = notify}; harmless otherwise). */
    public void ready() {
        ownComponent();
        connection.call(Op.READY.wireName(), JSON.objectNode());
    }

    /** Sets the one-line status text {@code configctl status} shows for the component. */
    public void status(String text) {
        ownComponent();
        connection.call(Op.STATUS_SET.wireName(), JSON.objectNode().put("text", Objects.requireNonNull(text, "text")));
    }

    /** Tells configd the component is alive. */
    public void heartbeat() {
        ownComponent();
        connection.call(Op.HEARTBEAT.wireName(), JSON.objectNode());
    }

    /** Sends a heartbeat now and then every {@code interval} from a daemon thread, until the result is closed. */
    public Heartbeat startHeartbeat(Duration interval) {
        ownComponent();
        return Heartbeat.start(connection, Objects.requireNonNull(interval, "interval"));
    }

    /**
     * The component's idle timer: it ends an on-demand component with status 103 after {@code idle-time-limit}
     * without work (configd passes the limit as {@code CONFIGD_IDLE_TIME_LIMIT_MS}); for other components it does
     * nothing. The same timer on every call; its clock starts at the first call.
     */
    public synchronized IdleTimer idleTimer() {
        ownComponent();
        if (idleTimer == null) {
            idleTimer = IdleTimer.fromEnvironment(env.get(ENV_IDLE_TIME_LIMIT_MS), exiter, log);
        }
        return idleTimer;
    }

    // ------------------------------------------------------------------------------------------ other requests

    /**
     * Makes sure the on-demand component {@code name} runs, starting it if needed, and waits until it is ready.
     * Allowed on the info socket, not on a component channel.
     *
     * @param timeout how long to wait; configd itself gives up after the component's {@code start-timeout}
     * @throws ConfigdException {@code not-found}, or {@code conflict} when it cannot be started on demand (the
     *                          message says why), or {@link ConfigdException#NO_ANSWER} after {@code timeout}
     */
    public Acquired acquire(String name, Duration timeout) {
        ObjectNode result = connection.call(Op.COMPONENT_ACQUIRE.wireName(),
                JSON.objectNode().put("component", Objects.requireNonNull(name, "name")), timeout);
        JsonNode endpoint = result.path("endpoint");
        return new Acquired(result.path("component").asText(name), result.path("pid").asLong(),
                endpoint.isMissingNode() || endpoint.isNull() ? Optional.empty()
                        : Optional.of(endpoint.isTextual() ? endpoint.textValue() : MessageCodec.text(endpoint)));
    }

    /**
     * Sends any request of the protocol (see PROTOCOL.md), e.g. {@code status} on the info socket, and returns its
     * result.
     *
     * @throws ConfigdException when configd answers with an error or does not answer
     */
    public ObjectNode request(String op, ObjectNode args) {
        return connection.call(Objects.requireNonNull(op, "op"), args == null ? JSON.objectNode() : args);
    }

    /**
     * Closes the connection. On a component channel configd then treats the component as gone: a component closes it
     * only on its way out.
     */
    @Override
    public void close() {
        connection.close();
    }

    private String ownComponent() {
        if (component == null) {
            throw new IllegalStateException("this is a connection to configd's socket, not a component's channel:"
                    + " only a component started by configd has its own settings, readiness and idle timer");
        }
        return component;
    }

    private String who() {
        return component != null ? component : client;
    }
}
