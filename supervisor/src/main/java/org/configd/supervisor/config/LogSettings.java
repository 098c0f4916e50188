package org.configd.supervisor.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The validated {@code configd.log} section: where the unified log goes and how it is written.
 *
 * @param file          the log file (absolute); its directory is created when missing
 * @param format        text or JSON lines
 * @param level         the least severe level written: trace, debug, info, warn or error
 * @param maxLineLength a component's stderr line longer than this many bytes is split into several records
 * @param rotateSize    the file is rotated when it grows past this many bytes
 * @param rotateKeep    how many rotated files are kept
 * @param compress      whether rotated files are gzip-compressed
 * @param echoToStderr  whether every record is also written to configd's own stderr (foreground runs, the demo)
 */
public record LogSettings(
        Path file,
        LogFormat format,
        String level,
        int maxLineLength,
        long rotateSize,
        int rotateKeep,
        boolean compress,
        boolean echoToStderr) {

    public LogSettings {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
    }
}
