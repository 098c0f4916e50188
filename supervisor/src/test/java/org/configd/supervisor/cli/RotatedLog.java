package org.configd.supervisor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.logging.log4j.Level;
import org.configd.supervisor.config.LogFormat;
import org.configd.supervisor.log.LogRecord;
import org.configd.supervisor.log.LogRecordFormat;

/**
 * A unified log as rotation leaves it, four files of ten records each, oldest first:
 * {@code configd.log.3.gz} (text, 08:00), {@code configd.log.2} (JSON, 09:00), {@code configd.log.1.gz}
 * (JSON, 10:00) and the live {@code configd.log} (text, 11:00), one record a minute, UTC. Messages are
 * {@code m0} … {@code m39} in time order; sources and levels take turns. Each file's modification time is its
 * last record's, as a real log's would be.
 */
final class RotatedLog {

    static final String[] SOURCES = {"configd", "ticker", "scanner"};
    static final Level[] LEVELS = {Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.INFO, Level.FATAL};
    static final Instant START = Instant.parse("2026-11-21T08:00:00Z");

    final Path live;
    final List<LogRecord> records = new ArrayList<>();

    RotatedLog(Path dir) throws IOException {
        live = dir.resolve("configd.log");
        write(dir.resolve("configd.log.3.gz"), LogFormat.TEXT, 0);
        write(dir.resolve("configd.log.2"), LogFormat.JSON, 1);
        write(dir.resolve("configd.log.1.gz"), LogFormat.JSON, 2);
        write(live, LogFormat.TEXT, 3);
    }

    static LogRecord record(int n, Instant time) {
        String error = n == 7 ? "java.io.IOException: disk full\n\tat Example.write(Example.java:1)" : null;
        return new LogRecord(time, LEVELS[n % LEVELS.length], SOURCES[n % SOURCES.length], 100 + n, "m" + n, error);
    }

    private void write(Path file, LogFormat format, int hour) throws IOException {
        LogRecordFormat writer = LogRecordFormat.of(format, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder();
        Instant last = null;
        for (int i = 0; i < 10; i++) {
            int n = hour * 10 + i;
            last = START.plusSeconds(hour * 3600L + i * 60L);
            LogRecord r = record(n, last);
            records.add(r);
            text.append(writer.format(r));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = file.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        Files.setLastModifiedTime(file, FileTime.from(last));
    }
}
