package org.configd.supervisor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated {@code configd} section: the daemon's own settings.
 *
 * @param runDir       the directory of the sockets, the pid file and the components' temporary directories
 * @param adminGroup   members of this group may use the control socket; empty when {@code admin-group = ""}
 * @param stopTimeout  the default time between SIGTERM and SIGKILL for a component
 * @param startTimeout the default time a component with {@code readiness = notify} has to send {@code ready}
 * @param restart      the backoff after a crash
 * @param log          the unified log
 * @param license      the license and its public key
 * @param limits       the limits of the sockets
 */
public record DaemonSettings(
        Path runDir,
        Optional<String> adminGroup,
        Duration stopTimeout,
        Duration startTimeout,
        RestartSettings restart,
        LogSettings log,
        LicenseFiles license,
        Limits limits) {

    public DaemonSettings {
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(adminGroup, "adminGroup");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(limits, "limits");
    }
}
