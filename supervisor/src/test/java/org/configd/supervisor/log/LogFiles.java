package org.configd.supervisor.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.configd.supervisor.config.LogFormat;
import org.configd.supervisor.config.LogSettings;

/** Test helpers: settings for a log in a temporary directory, and reading a log file back. */
final class LogFiles {

    static final long NO_ROTATION = 1L << 40;

    private LogFiles() {}

    static LogSettings settings(Path file, LogFormat format, String level) {
        return new LogSettings(file, format, level, 16 * 1024, NO_ROTATION, 3, false, false);
    }

    static LogSettings rotating(Path file, long size, int keep, boolean compress) {
        return new LogSettings(file, LogFormat.TEXT, "info", 16 * 1024, size, keep, compress, false);
    }

    static List<LogRecord> records(Path file) throws IOException {
        try (BufferedReader lines = file.toString().endsWith(".gz")
                ? new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                        StandardCharsets.UTF_8))
                : Files.newBufferedReader(file)) {
            return LogRecordParser.readAll(lines);
        }
    }

    /** Runs {@code action} with System.err captured. */
    static String capturingStderr(IoAction action) throws IOException {
        PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    interface IoAction {
        void run() throws IOException;
    }
}
