package org.configd.samples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.configd.sdk.ComponentMain;
import org.configd.sdk.Configd;

/**
 * Runs one sample by name: {@code bin/sample NAME [ARGS]}. The components are meant to be started by configd (they
 * talk to it on descriptor 3); {@code scan} is a command-line client for people.
 */
public final class SampleMain {

    private static final String VERSION = "0.1";

    /** The components, in the order the usage lists them. */
    private static final Map<String, ComponentMain> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("greeter", Greeter::run);
        COMPONENTS.put("scan-engine", ScanEngine::run);
        COMPONENTS.put("report", Report::run);
        COMPONENTS.put("policy", Policy::run);
    }

    private SampleMain() {
    }

    public static void main(String[] args) {
        String name = args.length == 0 ? "" : args[0];
        if (name.equals("scan")) {
            System.exit(ScanClient.run(Arrays.asList(args).subList(1, args.length), System.getenv(), System.out,
                    System.err));
        }
        ComponentMain component = COMPONENTS.get(name);
        if (component == null) {
            usage(System.err, name);
            System.exit(2);
        }
        Configd.run(name + "/" + VERSION, component);
    }

    private static void usage(PrintStream err, String name) {
        if (!name.isEmpty() && !name.equals("--help")) {
            err.println("sample: there is no sample named '" + name + "'");
        }
        err.println("usage: bin/sample NAME [ARGS]");
        err.println("  components (configd starts them; see examples/demo/configd.conf):");
        err.println("    greeter       answers TCP connections with its greeting; applies a new one on the fly");
        err.println("    scan-engine   on-demand scanner on a UNIX socket; exits 103 when idle");
        err.println("    report        needs the licensed feature 'report'; reports configd's state");
        err.println("    policy        validates its settings; exits 102 on a bad value");
        err.println("  tool:");
        err.println("    scan FILE...  acquires scan-engine through configd's info socket and scans the files");
    }
}
