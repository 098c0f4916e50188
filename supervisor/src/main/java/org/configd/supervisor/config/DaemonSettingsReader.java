package org.configd.supervisor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Validates the {@code configd} section into {@link DaemonSettings}. Every key has its default in reference.conf,
 * so here every key is present; what can go wrong is its type, its range, or a key nobody knows.
 */
final class DaemonSettingsReader {

    static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

    private static final List<String> KEYS = List.of(
            "run-dir", "admin-group", "stop-timeout", "start-timeout", "restart", "log", "license", "limits");
    private static final List<String> RESTART_KEYS = List.of("initial-delay", "max-delay", "reset-after");
    private static final List<String> LOG_KEYS = List.of(
            "file", "format", "level", "max-line-length", "rotate", "stderr");
    private static final List<String> ROTATE_KEYS = List.of("size", "keep", "compress");
    private static final List<String> LICENSE_KEYS = List.of("file", "public-key");
    private static final List<String> LIMITS_KEYS = List.of("max-frame-size", "max-info-connections", "frame-timeout");

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;

    private final Section configd;
    private final Accounts accounts;

    DaemonSettingsReader(Section configd, Accounts accounts) {
        this.configd = configd;
        this.accounts = accounts;
    }

    /** The daemon's settings, or {@code null} when a problem was recorded. */
    DaemonSettings read() {
        configd.allowOnly(KEYS);
        Path runDir = configd.path("run-dir", null);
        Optional<String> adminGroup = adminGroup();
        Duration stopTimeout = configd.duration("stop-timeout", null);
        Duration startTimeout = configd.duration("start-timeout", null);
        RestartSettings restart = restart(configd.section("restart"));
        LogSettings log = log(configd.section("log"));
        LicenseFiles license = license(configd.section("license"));
        Limits limits = limits(configd.section("limits"));
        if (!configd.problems().isEmpty()) {
            return null;
        }
        return new DaemonSettings(runDir, adminGroup, stopTimeout, startTimeout, restart, log, license, limits);
    }

    private Optional<String> adminGroup() {
        String group = configd.string("admin-group", null);
        if (group == null || group.isEmpty()) {
            return Optional.empty();
        }
        if (!accounts.groupExists(group)) {
            // A misspelt admin group would silently lock every administrator out of the control socket.
            configd.problems().badValue(configd.key("admin-group"), configd.value("admin-group"),
                    "names no group on this machine; create the group, or use \"\" for root only");
        }
        return Optional.of(group);
    }

    private RestartSettings restart(Section restart) {
        if (restart == null) {
            return null;
        }
        restart.allowOnly(RESTART_KEYS);
        Duration initialDelay = restart.duration("initial-delay", null);
        Duration maxDelay = restart.duration("max-delay", null);
        Duration resetAfter = restart.duration("reset-after", null);
        if (initialDelay == null || maxDelay == null || resetAfter == null) {
            return null;
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            restart.problems().badValue(restart.key("max-delay"), restart.value("max-delay"),
                    "is shorter than initial-delay; use a max-delay at least as long as initial-delay");
            return null;
        }
        return new RestartSettings(initialDelay, maxDelay, resetAfter);
    }

    private LogSettings log(Section log) {
        if (log == null) {
            return null;
        }
        log.allowOnly(LOG_KEYS);
        Path file = log.path("file", null);
        String format = log.oneOf("format", null, List.of("text", "json"));
        String level = log.oneOf("level", null, LEVELS);
        Long maxLineLength = log.size("max-line-length", 256, MIB);
        Boolean stderr = log.bool("stderr");
        Section rotate = log.section("rotate");
        if (rotate == null) {
            return null;
        }
        rotate.allowOnly(ROTATE_KEYS);
        Long size = rotate.size("size", KIB, KIB * KIB * MIB);
        Integer keep = rotate.integer("keep", 1, 1000);
        Boolean compress = rotate.bool("compress");
        if (file == null || format == null || level == null || maxLineLength == null || stderr == null
                || size == null || keep == null || compress == null) {
            return null;
        }
        return new LogSettings(file, format.equals("json") ? LogFormat.JSON : LogFormat.TEXT, level,
                maxLineLength.intValue(), size, keep, compress, stderr);
    }

    private LicenseFiles license(Section license) {
        if (license == null) {
            return null;
        }
        license.allowOnly(LICENSE_KEYS);
        Path file = license.path("file", null);
        Optional<Path> publicKey = license.optionalPath("public-key");
        return file == null ? null : new LicenseFiles(file, publicKey);
    }

    private Limits limits(Section limits) {
        if (limits == null) {
            return null;
        }
        limits.allowOnly(LIMITS_KEYS);
        Long maxFrameSize = limits.size("max-frame-size", 4 * KIB, 256 * MIB);
        Integer maxInfoConnections = limits.integer("max-info-connections", 1, 65536);
        Duration frameTimeout = limits.duration("frame-timeout", null);
        if (maxFrameSize == null || maxInfoConnections == null || frameTimeout == null) {
            return null;
        }
        return new Limits(maxFrameSize.intValue(), maxInfoConnections, frameTimeout);
    }
}
