package org.configd.supervisor.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;

/**
 * Reads the lines of a unified log file back into records: both formats of {@link LogRecordFormat}, line by line, so
 * a file whose format was changed by a reload reads as well. In the text format the tab-led lines after a record are
 * its error; they are attached to it, which is why a record is only handed on when the next one starts or on
 * {@link #flush()}.
 *
 * <p>A line that is no record (a line torn by a crash, a tab-led line with no record before it) is skipped and
 * counted. Not thread-safe.
 */
public final class LogRecordParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<LogRecord> records;
    private LogRecord pending;
    private final List<String> pendingError = new ArrayList<>();
    private long skippedLines;

    /** @param records receives each record once it is complete */
    public LogRecordParser(Consumer<LogRecord> records) {
        this.records = records;
    }

    /** Reads every record of a log file's lines. */
    public static List<LogRecord> readAll(BufferedReader lines) throws IOException {
        List<LogRecord> all = new ArrayList<>();
        LogRecordParser parser = new LogRecordParser(all::add);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            parser.line(line);
        }
        parser.flush();
        return all;
    }

    /** Takes the next line of the file, without its line ending. */
    public void line(String line) {
        if (line.startsWith("\t")) {
            if (pending == null) {
                skippedLines++;
            } else {
                pendingError.add(Escaping.unescapeText(line.substring(1)));
            }
            return;
        }
        Optional<LogRecord> record = parseLine(line);
        flush();
        if (record.isPresent()) {
            pending = record.get();
        } else {
            skippedLines++;
        }
    }

    /** Hands on the last record read: at the end of the file, or before waiting for the file to grow. */
    public void flush() {
        if (pending == null) {
            return;
        }
        LogRecord record = pending;
        if (!pendingError.isEmpty()) {
            record = new LogRecord(record.time(), record.level(), record.source(), record.pid(), record.message(),
                    String.join("\n", pendingError));
        }
        pending = null;
        pendingError.clear();
        records.accept(record);
    }

    /** How many lines were not part of any record. */
    public long skippedLines() {
        return skippedLines;
    }

    /**
     * Parses one record line of either format, without the error lines that may follow it in text; empty when the
     * line is no record.
     */
    public static Optional<LogRecord> parseLine(String line) {
        try {
            return line.startsWith("{") ? parseJson(line) : parseText(line);
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code time level source[pid]: message}; the source ends at the first {@code [digits]: } (no regex: speed). */
    private static Optional<LogRecord> parseText(String line) {
        int timeEnd = line.indexOf(' ');
        int levelEnd = timeEnd < 0 ? -1 : line.indexOf(' ', timeEnd + 1);
        if (levelEnd < 0) {
            return Optional.empty();
        }
        Level level = Level.getLevel(line.substring(timeEnd + 1, levelEnd));
        if (level == null) {
            return Optional.empty();
        }
        int sourceStart = levelEnd;
        while (sourceStart < line.length() && line.charAt(sourceStart) == ' ') {
            sourceStart++;
        }
        for (int open = line.indexOf('[', sourceStart); open >= 0; open = line.indexOf('[', open + 1)) {
            int close = open + 1;
            while (close < line.length() && line.charAt(close) >= '0' && line.charAt(close) <= '9') {
                close++;
            }
            if (close > open + 1 && line.startsWith("]: ", close)) {
                return Optional.of(new LogRecord(Timestamps.parse(line.substring(0, timeEnd)), level,
                        line.substring(sourceStart, open), Long.parseLong(line, open + 1, close, 10),
                        Escaping.unescapeText(line.substring(close + 3)), null));
            }
        }
        return Optional.empty();
    }

    private static Optional<LogRecord> parseJson(String line) {
        JsonNode object;
        try {
            object = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        JsonNode time = object.get("time");
        JsonNode level = object.get("level");
        JsonNode source = object.get("source");
        JsonNode pid = object.get("pid");
        JsonNode message = object.get("message");
        JsonNode error = object.get("error");
        if (!isText(time) || !isText(level) || !isText(source) || pid == null || !pid.canConvertToLong()
                || !isText(message) || (error != null && !error.isTextual())) {
            return Optional.empty();
        }
        Level parsedLevel = Level.getLevel(level.asText());
        if (parsedLevel == null) {
            return Optional.empty();
        }
        Instant parsedTime = Timestamps.parse(time.asText());
        return Optional.of(new LogRecord(parsedTime, parsedLevel, source.asText(), pid.asLong(), message.asText(),
                error == null ? null : error.asText()));
    }

    private static boolean isText(JsonNode node) {
        return node != null && node.isTextual();
    }
}
