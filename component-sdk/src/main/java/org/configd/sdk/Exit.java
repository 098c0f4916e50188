package org.configd.sdk;

/**
 * The exit statuses configd gives a meaning to, each with one line on stderr saying why. configd logs that line
 * with its own record of the exit, so the operator reads the reason next to what configd does about it.
 *
 * <table>
 * <caption>What configd does with each status</caption>
 * <tr><th>status</th><th>method</th><th>configd then</th></tr>
 * <tr><td>0</td><td>{@link #restart}</td><td>starts the component again at once</td></tr>
 * <tr><td>1</td><td>{@link #protocolError}</td><td>restarts it with backoff (the SDK exits so by itself when the
 * channel to configd breaks)</td></tr>
 * <tr><td>101</td><td>{@link #licenseForbids}</td><td>waits until the license changes</td></tr>
 * <tr><td>102</td><td>{@link #badConfig}</td><td>waits until the component's configuration changes</td></tr>
 * <tr><td>103</td><td>{@link #idle}</td><td>on-demand components: idle until the next acquire</td></tr>
 * <tr><td>70, any other</td><td>{@link #crash}</td><td>a crash: restarts it with growing backoff</td></tr>
 * </table>
 *
 * <p>Every method ends the process through {@link Runtime#exit}, so shutdown hooks run; none of them returns.
 */
public final class Exit {

    /** New settings cannot be applied on the fly: configd restarts the component at once. */
    public static final int RESTART = 0;
    /** configd cannot be reached, or spoke something this side does not understand. */
    public static final int PROTOCOL_ERROR = 1;
    /** An internal error of the component (sysexits' EX_SOFTWARE): configd treats it as a crash. */
    public static final int SOFTWARE = 70;
    /** The license does not allow the component to run. */
    public static final int LICENSE_FORBIDS = 101;
    /** The component's configuration is unusable. */
    public static final int BAD_CONFIG = 102;
    /** An on-demand component reached its idle time limit. */
    public static final int IDLE = 103;

    private static final Log LOG = Log.stderr();

    private Exit() {
    }

    /** Exits 0 after a {@code <5>} line: configd restarts the component at once, e.g. to apply new settings. */
    public static void restart(String reason) {
        LOG.notice(reason);
        Exiter.SYSTEM.exit(RESTART);
    }

    /** Exits 1 after a {@code <3>} line: configd could not be reached or did not follow the protocol. */
    public static void protocolError(String reason) {
        LOG.error(reason);
        Exiter.SYSTEM.exit(PROTOCOL_ERROR);
    }

    /** Exits 70 after a {@code <3>} line and the stack trace: a bug, which configd handles as a crash. */
    public static void crash(String reason, Throwable failure) {
        LOG.error(reason, failure);
        Exiter.SYSTEM.exit(SOFTWARE);
    }

    /**
     * Exits 101 after a {@code <3>} line: the license does not allow the component to run. configd starts it again
     * when the license changes. Say which feature or state is needed, e.g. "the license DEMO-1 does not include the
     * feature 'report'; install a license that does, then reload configd".
     */
    public static void licenseForbids(String reason) {
        LOG.error(reason);
        Exiter.SYSTEM.exit(LICENSE_FORBIDS);
    }

    /**
     * Exits 102 after a {@code <3>} line: the configuration is unusable. configd starts the component again when
     * its configuration changes. Name the setting, its bad value and what is allowed, as
     * {@link SettingsException}'s messages do.
     */
    public static void badConfig(String reason) {
        LOG.error(reason);
        Exiter.SYSTEM.exit(BAD_CONFIG);
    }

    /** Exits 103 after a {@code <6>} line: an on-demand component was idle for its idle time limit. */
    public static void idle(String reason) {
        LOG.info(reason);
        Exiter.SYSTEM.exit(IDLE);
    }
}
