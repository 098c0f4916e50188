package org.configd.supervisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.configd.protocol.MessageCodec;
import org.configd.supervisor.cli.Configctl.UsageException;

/** The configctl commands that talk to a running configd. */
final class DaemonCommands {

    private final PrintStream out;
    private final PrintStream err;
    private final Path runDir;
    private final boolean json;
    private final Render render;

    DaemonCommands(PrintStream out, PrintStream err, Path runDir, boolean json) {
        this.out = out;
        this.err = err;
        this.runDir = runDir;
        this.json = json;
        this.render = new Render(out);
    }

    private Path info() {
        return runDir.resolve("info.sock");
    }

    private Path control() {
        return runDir.resolve("control.sock");
    }

    int run(String command, List<String> args) throws UsageException {
        switch (command) {
            case "ping":
                expect(args, 0, 0, "ping");
                return readOnly(command, c -> emit(c.hello(), () -> render.ping(c.hello())));
            case "status":
                expect(args, 0, 1, "status [NAME]");
                return readOnly(command, c -> {
                    ObjectNode a = Configctl.object();
                    if (!args.isEmpty()) {
                        a.put("component", args.get(0));
                    }
                    ObjectNode result = c.call("status", a);
                    emit(result, () -> render.status(result));
                });
            case "config":
                if (!args.isEmpty() && args.get(0).equals("--value")) {
                    expect(args, 2, 2, "config --value NAME.key");
                    return readOnly(command, c -> config(c, args.get(1), true));
                }
                expect(args, 0, 1, "config [NAME | NAME.key]");
                return readOnly(command, c -> config(c, args.isEmpty() ? null : args.get(0), false));
            case "license":
                expect(args, 0, 0, "license");
                return readOnly(command, c -> {
                    ObjectNode result = c.call("license.get", Configctl.object());
                    emit(result, () -> render.license(result));
                });
            case "acquire":
                expect(args, 1, 1, "acquire NAME");
                return readOnly(command, c -> {
                    ObjectNode result = c.call("component.acquire", component(args.get(0)));
                    emit(result, () -> render.acquired(result));
                });
            case "reload":
                expect(args, 0, 0, "reload");
                return control(command, c -> {
                    ObjectNode result = c.call("reload", Configctl.object());
                    emit(result, () -> render.reloaded(result));
                });
            case "shutdown":
                expect(args, 0, 0, "shutdown");
                return control(command, c -> {
                    ObjectNode result = c.call("shutdown", Configctl.object());
                    emit(result, () -> out.println("configd is shutting down"));
                });
            case "start":
            case "stop":
            case "restart":
                expect(args, 1, 1, command + " NAME");
                return control(command, c -> {
                    ObjectNode result = c.call("component." + command, component(args.get(0)));
                    emit(result, () -> out.println(result.path("component").asText() + ": "
                            + result.path("state").asText()));
                });
            default:
                throw new UsageException("unknown command '" + command + "'");
        }
    }

    /**
     * {@code config NAME.key}: component names may contain dots, so the longest component name that the
     * argument starts with wins, and the rest is the key.
     */
    private void config(DaemonClient c, String what, boolean valueOnly) throws Exception {
        ObjectNode all = c.call("config.get", Configctl.object());
        if (what == null) {
            emit(all, () -> render.settings(all.path("components")));
            return;
        }
        String name = null;
        for (Iterator<String> it = all.path("components").fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            if ((what.equals(candidate) || what.startsWith(candidate + "."))
                    && (name == null || candidate.length() > name.length())) {
                name = candidate;
            }
        }
        if (name == null) {
            throw new DaemonClient.DaemonError("not-found", "there is no component named '" + what
                    + "'; configctl config lists them all");
        }
        ObjectNode a = component(name);
        if (what.length() > name.length()) {
            a.put("key", what.substring(name.length() + 1));
        }
        ObjectNode result = c.call("config.get", a);
        if (valueOnly) {
            JsonNode value = result.has("value") ? result.get("value") : result.path("settings");
            out.println(value.isValueNode() ? value.asText() : MessageCodec.text(value));
            return;
        }
        emit(result, () -> render.componentSettings(result));
    }

    private static ObjectNode component(String name) {
        ObjectNode a = Configctl.object();
        a.put("component", name);
        return a;
    }

    private static void expect(List<String> args, int min, int max, String usage) throws UsageException {
        if (args.size() < min || args.size() > max) {
            throw new UsageException("usage: configctl " + usage);
        }
    }

    private void emit(JsonNode result, Runnable human) {
        if (json) {
            render.json(result);
        } else {
            human.run();
        }
    }

    /** One conversation with configd. */
    private interface Conversation {
        void with(DaemonClient client) throws Exception;
    }

    /** Read-only: the control socket when this user may use it (root sees secrets), else the info socket. */
    private int readOnly(String command, Conversation conversation) {
        try (DaemonClient c = connectReadOnly()) {
            conversation.with(c);
            return Configctl.OK;
        } catch (Exception e) {
            return Configctl.report(err, e, command, control());
        }
    }

    private DaemonClient connectReadOnly() throws Exception {
        try {
            return DaemonClient.connect(control());
        } catch (DaemonClient.ConnectFailure e) {
            if (e.refusal != DaemonClient.Refusal.NO_PERMISSION) {
                throw e;
            }
        } catch (DaemonClient.DaemonError e) {
            if (!e.code.equals("forbidden")) {
                throw e;
            }
        }
        return DaemonClient.connect(info());
    }

    private int control(String command, Conversation conversation) {
        try (DaemonClient c = DaemonClient.connect(control())) {
            conversation.with(c);
            return Configctl.OK;
        } catch (Exception e) {
            return Configctl.report(err, e, command, control());
        }
    }

}
