package org.configd.supervisor.cli;

/**
 * configd's version, as Maven stamped it into the build (templating-maven-plugin fills in this source). A constant
 * rather than a resource: the class loader would search every jar on the class path before configd's own for it.
 */
public final class Version {

    private static final String VERSION = "${project.version}";

    private Version() {}

    public static String current() {
        return VERSION;
    }
}
