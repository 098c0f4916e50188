package org.configd.supervisor.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.configd.protocol.ErrorCode;
import org.configd.protocol.ProtocolException;

/**
 * configctl: inspect and control a running configd. Read-only commands go to the control socket when the
 * caller may use it (so root sees secrets) and to the public info socket otherwise; commands that change
 * something need the control socket.
 *
 * <p>Exit codes: 0 ok, 1 configd answered an error, 2 usage, 3 cannot connect, 4 insufficient privilege.
 */
public final class Configctl {

    static final int OK = 0;
    static final int DAEMON_ERROR = 1;
    static final int USAGE = 2;
    static final int CANNOT_CONNECT = 3;
    static final int NO_PRIVILEGE = 4;

    static final String USAGE_TEXT = """
            usage: configctl [--run-dir DIR] [--json] COMMAND [ARGS]

            commands:
              ping                       is configd running? (its version and generation)
              status [NAME]              every component's state, pid, uptime, restarts, last exit, status text
              config [NAME | NAME.key]   effective settings (secrets shown only to root / the admin group)
              config --value NAME.key    just the value (a string without quotes), for scripts
              license                    the license: state, licensee, expiry, features
              acquire NAME               start an on-demand component and wait until it is ready
              reload                     re-read configuration and license (like kill -HUP)      [control]
              shutdown                   stop every component, then configd                       [control]
              start | stop | restart NAME                                                         [control]
              license keygen --private FILE --public FILE      make an Ed25519 key pair
              license sign --key PRIVATE [--out FILE] LICENSE   sign a license document
              license verify --key PUBLIC FILE                  check a signed license
              log [LOG OPTIONS]          the unified log, oldest record first, rotated files included

            log options:
              -n N                       only the last N records (with -f: 10 unless given)
              -f                         follow the log as it grows, across rotations (Ctrl-C ends it)
              --component NAME           only NAME's records (configd: configd's own); may be repeated
              --level LEVEL              only LEVEL and worse: trace, debug, info, warn, error, fatal
              --since TIME, --until TIME 2026-11-21T08:52:00, 2026-11-21, 08:52, or an age: 30s, 10m, 2h, 1d
              --json                     JSON lines instead of text
              --file PATH                read this log file (configd need not run)
              --config FILE              read the log this configuration names (configd need not run)

            options:
              --run-dir DIR   where configd's sockets are (default: $CONFIGD_RUN_DIR, else the directory
                              of $CONFIGD_INFO_SOCKET, else /run/configd)
              --json          print one JSON document on stdout, for scripts
            exit codes: 0 ok, 1 configd answered an error, 2 usage, 3 cannot connect, 4 insufficient privilege
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public Configctl(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** Runs one command line and returns the exit code. Never throws for a user's mistake. */
    public int run(String[] argv) {
        Deque<String> args = new ArrayDeque<>(argv.length);
        Collections.addAll(args, argv); // not the copying constructor: its lambda would be configctl's first (8 ms)
        Path runDir = defaultRunDir();
        boolean json = false;
        while (!args.isEmpty() && args.peek().startsWith("-")) {
            String option = args.pop();
            switch (option) {
                case "--run-dir":
                    if (args.isEmpty()) {
                        return usage("--run-dir needs a directory");
                    }
                    runDir = Path.of(args.pop());
                    break;
                case "--json":
                    json = true;
                    break;
                case "-h":
                case "--help":
                    out.print(USAGE_TEXT);
                    return OK;
                case "--version":
                    out.println("configctl " + Version.current());
                    return OK;
                default:
                    return usage("unknown option " + option);
            }
        }
        if (args.isEmpty()) {
            return usage("no command given");
        }
        String command = args.pop();
        List<String> rest = new ArrayList<>(args);
        try {
            if (command.equals("license") && !rest.isEmpty()) {
                return new LicenseCommands(out, err).run(rest);
            }
            if (command.equals("log")) {
                return LogCommand.forConfigctl(out, err, runDir, env, json).run(rest);
            }
            DaemonClient.warmUpCodec();
            return new DaemonCommands(out, err, runDir, json).run(command, rest);
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
    }

    /**
     * CONFIGD_RUN_DIR, else the directory of CONFIGD_INFO_SOCKET (set for every component, so a component's
     * scripts find their configd), else /run/configd.
     */
    private Path defaultRunDir() {
        String runDir = env.get("CONFIGD_RUN_DIR");
        if (runDir != null && !runDir.isEmpty()) {
            return Path.of(runDir);
        }
        String infoSocket = env.get("CONFIGD_INFO_SOCKET");
        if (infoSocket != null && !infoSocket.isEmpty() && Path.of(infoSocket).getParent() != null) {
            return Path.of(infoSocket).getParent();
        }
        return Path.of("/run/configd");
    }

    private int usage(String problem) {
        err.println("configctl: " + problem + "; see configctl --help");
        return USAGE;
    }

    /** A command line that does not make sense. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Turns the ways a daemon conversation fails into a sentence and an exit code. */
    static int report(PrintStream err, Exception e, String command, Path socket) {
        if (e instanceof DaemonClient.DaemonError de) {
            err.println("configctl: " + de.getMessage());
            return de.code.equals(ErrorCode.FORBIDDEN) ? NO_PRIVILEGE : DAEMON_ERROR;
        }
        if (e instanceof DaemonClient.ConnectFailure cf) {
            if (cf.refusal == DaemonClient.Refusal.NO_PERMISSION) {
                err.println("configctl: '" + command + "' needs configd's control socket " + socket
                        + ", which only root, configd's own user and the admin group may use; run it as root (e.g. sudo)");
                return NO_PRIVILEGE;
            }
            err.println("configctl: " + cf.getMessage() + " (is configd running? use --run-dir or CONFIGD_RUN_DIR"
                    + " if it runs elsewhere)");
            return CANNOT_CONNECT;
        }
        if (e instanceof ProtocolException pe) {
            err.println("configctl: configd sent something configctl cannot read: " + pe.getMessage());
            return DAEMON_ERROR;
        }
        if (e instanceof IOException) {
            err.println("configctl: lost the connection to configd: " + e.getMessage());
            return CANNOT_CONNECT;
        }
        throw new IllegalStateException(e);
    }
}
