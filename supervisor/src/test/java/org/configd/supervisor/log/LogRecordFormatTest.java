package org.configd.supervisor.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.configd.supervisor.config.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogRecordFormatTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant TIME = Instant.parse("2026-11-21T07:52:00.123Z");

    /** Messages that would break a naive format: quotes, escapes, line breaks, control characters, unicode. */
    private static final List<String> AWKWARD = List.of(
            "",
            "plain text",
            "say \"hi\" and 'bye'",
            "back\\slash \\n not a newline \\u0041 \\",
            "two\nlines\r\nand a \r return",
            "tab\there, bell\u0007, escape\u001b[31m red, nul\u0000, del\u007f, csi\u009b",
            "unicode: é € 😀 日本語, line separator\u2028 and next line\u0085",
            "looks like a header 2026-11-21T08:52:00.123+01:00 INFO  x[1]: y",
            "\t leading tab",
            "ends with backslash \\");

    @Test
    void textRecordLooksAsDocumented() {
        LogRecord record = new LogRecord(TIME, Level.INFO, "scan-engine", 4711, "message text", null);
        assertEquals("2026-11-21T08:52:00.123+01:00 INFO  scan-engine[4711]: message text\n",
                LogRecordFormat.of(LogFormat.TEXT, PARIS).format(record));
    }

    @Test
    void jsonRecordLooksAsDocumented() {
        LogRecord record = new LogRecord(TIME, Level.INFO, "scan-engine", 4711, "message text", null);
        assertEquals("{\"time\":\"2026-11-21T08:52:00.123+01:00\",\"level\":\"INFO\",\"source\":\"scan-engine\","
                        + "\"pid\":4711,\"message\":\"message text\"}\n",
                LogRecordFormat.of(LogFormat.JSON, PARIS).format(record));
    }

    @Test
    void utcOffsetIsNumericAndMillisecondsArePadded() {
        Instant time = Instant.parse("2026-01-02T03:04:05.007Z");
        LogRecord record = new LogRecord(time, Level.ERROR, "configd", 1, "m", null);
        assertTrue(LogRecordFormat.of(LogFormat.TEXT, ZoneOffset.UTC).format(record)
                .startsWith("2026-01-02T03:04:05.007+00:00 ERROR configd[1]: m"));
    }

    @Test
    void offsetFollowsDaylightSavingTime() {
        LogRecordFormat format = LogRecordFormat.of(LogFormat.TEXT, PARIS);
        String winter = format.format(new LogRecord(TIME, Level.INFO, "a", 1, "m", null));
        String summer = format.format(new LogRecord(Instant.parse("2026-07-01T10:00:00Z"), Level.INFO, "a", 1, "m",
                null));
        assertTrue(winter.startsWith("2026-11-21T08:52:00.123+01:00"), winter);
        assertTrue(summer.startsWith("2026-07-01T12:00:00.000+02:00"), summer);
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void everyMessageIsOneLineAndReadsBackUnchanged(LogFormat format) throws IOException {
        LogRecordFormat writer = LogRecordFormat.of(format, PARIS);
        List<LogRecord> written = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        long pid = 1;
        for (String message : AWKWARD) {
            for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.FATAL)) {
                LogRecord record = new LogRecord(TIME.plusMillis(pid), level, "comp-" + pid, pid++, message, null);
                String text = writer.format(record);
                assertEquals(text.length() - 1, text.indexOf('\n'), () -> "not one line: " + text);
                assertFalse(text.contains("\r"), text);
                assertFalse(text.contains("\u001b"), text);
                file.append(text);
                written.add(record);
            }
        }
        assertEquals(written, LogRecordParser.readAll(new BufferedReader(new StringReader(file.toString()))));
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void errorReadsBackWithItsRecord(LogFormat format) throws IOException {
        LogRecordFormat writer = LogRecordFormat.of(format, PARIS);
        String trace = "java.lang.IllegalStateException: bad \"state\"\n\tat a.B.c(B.java:1)\n"
                + "2026-11-21T08:52:00.123+01:00 INFO  fake[1]: not a record\n\t... 3 more\n";
        List<LogRecord> records = List.of(
                new LogRecord(TIME, Level.ERROR, "configd", 42, "it failed", trace),
                new LogRecord(TIME, Level.INFO, "configd", 42, "after the error", null));
        String file = writer.format(records.get(0)) + writer.format(records.get(1));
        if (format == LogFormat.TEXT) {
            assertTrue(file.contains("\n\tjava.lang.IllegalStateException: bad \"state\"\n\t\tat a.B.c(B.java:1)\n"),
                    file);
        } else {
            assertEquals(2, file.lines().count());
        }
        assertEquals(records, LogRecordParser.readAll(new BufferedReader(new StringReader(file))));
    }

    @Test
    void formatsMayBeMixedInOneFile() throws IOException {
        LogRecord a = new LogRecord(TIME, Level.WARN, "a", 1, "text record", null);
        LogRecord b = new LogRecord(TIME, Level.INFO, "b", 2, "json record", null);
        String file = LogRecordFormat.of(LogFormat.TEXT, PARIS).format(a)
                + LogRecordFormat.of(LogFormat.JSON, PARIS).format(b);
        assertEquals(List.of(a, b), LogRecordParser.readAll(new BufferedReader(new StringReader(file))));
    }

    @Test
    void linesThatAreNoRecordsAreSkippedAndCounted() {
        List<LogRecord> records = new ArrayList<>();
        LogRecordParser parser = new LogRecordParser(records::add);
        parser.line("\torphan error line");
        parser.line("2026-11-21T08:52:00.123+01:00 INFO  torn");
        parser.line("{\"time\":\"2026-11-21T08:52:00.123+01:00\",\"level\":\"INFO\"");
        parser.line("2026-11-21T08:52:00.123+01:00 NOTICE a[1]: unknown level");
        parser.line("2026-11-21T08:52:00.123+01:00 INFO  a[1]: good");
        parser.flush();
        assertEquals(4, parser.skippedLines());
        assertEquals(List.of(new LogRecord(TIME, Level.INFO, "a", 1, "good", null)), records);
    }

    @Test
    void sourceEndsAtTheFirstPidInBrackets() {
        assertEquals(Optional.of(new LogRecord(TIME, Level.INFO, "scan-engine", 7, "list[3]: x", null)),
                LogRecordParser.parseLine("2026-11-21T08:52:00.123+01:00 INFO  scan-engine[7]: list[3]: x"));
    }
}
