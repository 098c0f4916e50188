package org.configd.supervisor.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.configd.protocol.Args;
import org.configd.protocol.ErrorCode;
import org.configd.protocol.Op;
import org.configd.protocol.ProtocolException;
import org.configd.protocol.ProtocolVersion;
import org.configd.supervisor.cli.Version;
import org.configd.supervisor.config.ComponentSpec;
import org.configd.supervisor.config.Snapshot;
import org.configd.supervisor.ipc.ComponentIdentity;
import org.configd.supervisor.ipc.Connection;
import org.configd.supervisor.ipc.Operations;
import org.configd.supervisor.lifecycle.Component;
import org.configd.supervisor.lifecycle.Supervisor;
import org.configd.supervisor.lifecycle.SupervisorException;
import org.configd.supervisor.spawn.ProcessEnd;
import org.configd.supervisor.spawn.SignalNames;

/**
 * The ops of the protocol (PROTOCOL.md), on top of the current snapshot and the supervisor. Read-only ops
 * answer from the immutable snapshot and the supervisor's published status on the I/O thread; ops that
 * change something go through the supervision loop.
 */
final class DaemonOperations implements Operations {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Daemon daemon;
    private final Supervisor supervisor;
    private volatile SettingsViews views;

    DaemonOperations(Daemon daemon, Supervisor supervisor) {
        this.daemon = daemon;
        this.supervisor = supervisor;
    }

    @Override
    public CompletableFuture<ObjectNode> perform(Op op, ObjectNode args, Connection connection)
            throws ProtocolException {
        if (needsComponents(op) && !daemon.supervising().isDone()) {
            // The sockets serve before the supervisor has the first configuration: answered now, a status would
            // list no component and a start would not find its own.
            return daemon.supervising().thenCompose(v -> {
                try {
                    return answer(op, args, connection);
                } catch (ProtocolException e) {
                    return CompletableFuture.failedFuture(e);
                }
            });
        }
        return answer(op, args, connection);
    }

    /** The ops that read or change the supervisor's components (reload orders itself: {@link Daemon#reload}). */
    private static boolean needsComponents(Op op) {
        return op == Op.STATUS || op == Op.COMPONENT_ACQUIRE || op == Op.COMPONENT_START || op == Op.COMPONENT_STOP
                || op == Op.COMPONENT_RESTART;
    }

    private CompletableFuture<ObjectNode> answer(Op op, ObjectNode args, Connection connection)
            throws ProtocolException {
        switch (op) {
            case HELLO:
                return done(hello(args, connection));
            case CONFIG_GET:
                return done(config(args, connection));
            case LICENSE_GET:
                return done(daemon.snapshot().license().summary(Instant.now()));
            case STATUS:
                return done(status(args));
            case COMPONENT_ACQUIRE:
                return acquire(Args.requiredString(args, "component"));
            case RELOAD:
                return daemon.reload("configctl reload by " + connection.peer());
            case SHUTDOWN:
                daemon.shutdown("configctl shutdown by " + connection.peer());
                return done(JSON.objectNode());
            case COMPONENT_START:
                return componentState(supervisor.start(Args.requiredString(args, "component")));
            case COMPONENT_STOP:
                return componentState(supervisor.stop(Args.requiredString(args, "component")));
            case COMPONENT_RESTART:
                return componentState(supervisor.restart(Args.requiredString(args, "component")));
            case READY:
                supervisor.ready(self(connection).name(), self(connection).launch());
                return done(JSON.objectNode());
            case STATUS_SET:
                supervisor.statusText(self(connection).name(), self(connection).launch(),
                        Args.optionalString(args, "text").orElse(null));
                return done(JSON.objectNode());
            case HEARTBEAT:
                return done(JSON.objectNode());
            default:
                throw new ProtocolException(ErrorCode.UNKNOWN_OP, "op '" + op.wireName() + "' is not implemented");
        }
    }

    private ObjectNode hello(ObjectNode args, Connection connection) throws ProtocolException {
        long version = Args.requiredLong(args, "protocol");
        if (version != ProtocolVersion.CURRENT) {
            throw ProtocolException.closing(ErrorCode.UNSUPPORTED_PROTOCOL, "configd speaks protocol "
                    + ProtocolVersion.CURRENT + ", this client asked for " + version + "; upgrade the client");
        }
        ObjectNode r = JSON.objectNode();
        r.put("server", "configd/" + Version.current());
        r.put("protocol", ProtocolVersion.CURRENT);
        r.put("generation", daemon.snapshot().generation());
        r.put("socket", connection.kind().wireName());
        connection.component().ifPresent(c -> r.put("component", c.name()));
        return r;
    }

    private ObjectNode config(ObjectNode args, Connection connection) throws ProtocolException {
        SettingsViews v = views();
        Snapshot s = v.snapshot();
        Optional<String> name = Args.optionalString(args, "component")
                .or(() -> connection.component().map(ComponentIdentity::name));
        Optional<String> key = Args.optionalString(args, "key");
        ObjectNode r = JSON.objectNode();
        r.put("generation", s.generation());
        if (name.isEmpty()) {
            if (key.isPresent()) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "argument 'key' needs 'component' as well");
            }
            ObjectNode all = r.putObject("components");
            for (String n : s.config().components().keySet()) {
                all.set(n, v.settings(n, connection.maySeeSecretsOf(n)));
            }
            return r;
        }
        ComponentSpec spec = component(s, name.get());
        boolean secrets = connection.maySeeSecretsOf(spec.name());
        r.put("component", spec.name());
        if (key.isEmpty()) {
            r.set("settings", v.settings(spec.name(), secrets));
            return r;
        }
        JsonNode value = v.at(spec.name(), secrets, key.get()).orElseThrow(() -> new ProtocolException(
                ErrorCode.NOT_FOUND, "component '" + spec.name() + "' has no setting '" + key.get() + "'"));
        r.put("key", key.get());
        r.set("value", value);
        return r;
    }

    /** The settings views of the current snapshot, made once per snapshot. */
    private SettingsViews views() {
        SettingsViews v = SettingsViews.of(daemon.snapshot(), views);
        views = v;
        return v;
    }

    private static ComponentSpec component(Snapshot s, String name) throws ProtocolException {
        return s.component(name).orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND,
                "there is no component named '" + name + "'; configctl status lists them"));
    }

    private ObjectNode status(ObjectNode args) throws ProtocolException {
        Snapshot s = daemon.snapshot();
        Optional<String> only = Args.optionalString(args, "component");
        if (only.isPresent()) {
            component(s, only.get());
        }
        ObjectNode r = JSON.objectNode();
        r.put("generation", s.generation());
        r.set("license", s.license().summary(Instant.now()));
        r.put("log-file", s.daemon().log().file().toString());
        ArrayNode list = r.putArray("components");
        for (Component c : supervisor.status()) {
            if (only.isEmpty() || only.get().equals(c.name())) {
                list.add(componentStatus(c));
            }
        }
        return r;
    }

    static ObjectNode componentStatus(Component c) {
        ObjectNode n = JSON.objectNode();
        n.put("name", c.name());
        n.put("state", c.state().wireName());
        if (c.pid() > 0) {
            n.put("pid", c.pid());
        } else {
            n.putNull("pid");
        }
        n.put("since", c.since().toString());
        n.put("restarts", c.restarts());
        n.set("last-exit", lastExit(c.lastExit()));
        if (c.statusText() == null) {
            n.putNull("status");
        } else {
            n.put("status", c.statusText());
        }
        return n;
    }

    static JsonNode lastExit(ProcessEnd end) {
        if (end == null) {
            return JSON.nullNode();
        }
        ObjectNode n = JSON.objectNode();
        if (end instanceof ProcessEnd.Exited e) {
            n.put("kind", "exited");
            n.put("code", e.code());
        } else if (end instanceof ProcessEnd.Killed k) {
            n.put("kind", "killed");
            n.put("signal", k.signal());
            n.put("name", SignalNames.name(k.signal()));
            n.put("core", k.coreDumped());
        } else if (end instanceof ProcessEnd.SpawnFailed f) {
            n.put("kind", "spawn-failed");
            n.put("errno", f.errno());
            n.put("message", f.describe());
        }
        return n;
    }

    private CompletableFuture<ObjectNode> acquire(String name) {
        Duration limit = supervisor.startTimeoutOf(name);
        return supervisor.acquire(name)
                .orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        e instanceof java.util.concurrent.TimeoutException
                                ? new SupervisorException(ErrorCode.CONFLICT, name + " did not become ready within "
                                        + limit.toSeconds() + "s (its start-timeout)")
                                : e))
                .thenApply(c -> {
                    ObjectNode out = JSON.objectNode();
                    out.put("component", c.name());
                    out.put("state", c.state().wireName());
                    out.put("pid", c.pid());
                    // By convention an on-demand component's settings name where it serves as "endpoint".
                    daemon.snapshot().component(name).flatMap(spec -> spec.settings().at("endpoint"))
                            .ifPresent(endpoint -> out.set("endpoint", endpoint));
                    return out;
                });
    }

    private static CompletableFuture<ObjectNode> componentState(CompletableFuture<Component> f) {
        return f.thenApply(c -> {
            ObjectNode r = JSON.objectNode();
            r.put("component", c.name());
            r.put("state", c.state().wireName());
            return r;
        });
    }

    private static ComponentIdentity self(Connection connection) {
        return connection.component().orElseThrow();
    }

    private static CompletableFuture<ObjectNode> done(ObjectNode value) {
        return CompletableFuture.completedFuture(value);
    }

}
