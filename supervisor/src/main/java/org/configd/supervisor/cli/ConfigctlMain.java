package org.configd.supervisor.cli;

/** The entry point of {@code configctl}. */
public final class ConfigctlMain {

    private ConfigctlMain() {}

    public static void main(String[] args) {
        System.exit(new Configctl(System.out, System.err, System.getenv()).run(args));
    }
}
