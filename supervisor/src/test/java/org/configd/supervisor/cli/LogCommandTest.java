package org.configd.supervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.configd.supervisor.log.LogRecord;
import org.configd.supervisor.log.LogRecordParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every filter of {@code configctl log} on a log with rotated files, compressed and not, in both formats. */
class LogCommandTest {

    /** One hour after the live file's last record. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:09:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    RotatedLog log;

    @BeforeEach
    void writeLog() throws IOException {
        log = new RotatedLog(dir);
    }

    @Test
    void withoutFiltersEveryRecordOfEveryFileOldestFirst() throws IOException {
        Output o = log();
        assertEquals(0, o.exit, o.err);
        assertEquals(messages(r -> true), messages(o.records()));
        assertEquals("", o.err);
    }

    @Test
    void aRecordKeepsItsErrorLines() throws IOException {
        LogRecord withError = log().records().stream().filter(r -> r.message().equals("m7")).findFirst().orElseThrow();
        assertEquals("java.io.IOException: disk full\n\tat Example.write(Example.java:1)", withError.error());
    }

    @Test
    void lastNRecordsReachIntoRotatedFiles() throws IOException {
        assertEquals(List.of("m27", "m28", "m29", "m30", "m31", "m32", "m33", "m34", "m35", "m36", "m37", "m38",
                "m39"), messages(log("-n", "13").records()));
        assertEquals(List.of(), messages(log("-n", "0").records()));
        assertEquals(40, log("-n", "1000").records().size());
    }

    @Test
    void componentShowsOnlyThatSource() throws IOException {
        assertEquals(messages(r -> r.source().equals("ticker")), messages(log("--component", "ticker").records()));
        assertEquals(messages(r -> !r.source().equals("scanner")),
                messages(log("--component", "ticker", "--component", "configd").records()));
    }

    @Test
    void levelShowsThatLevelAndWorse() throws IOException {
        Predicate<LogRecord> warnOrWorse = r -> r.level() == Level.WARN || r.level() == Level.ERROR
                || r.level() == Level.FATAL;
        assertEquals(messages(warnOrWorse), messages(log("--level", "warn").records()));
        assertEquals(messages(r -> r.level() == Level.FATAL), messages(log("--level", "FATAL").records()));
        assertEquals(40, log("--level", "trace").records().size());
    }

    @Test
    void sinceAndUntilTakeAbsoluteTimesAndDates() throws IOException {
        Instant from = Instant.parse("2026-11-21T09:05:00Z");
        Instant to = Instant.parse("2026-11-21T10:02:00Z");
        assertEquals(messages(r -> !r.time().isBefore(from) && !r.time().isAfter(to)),
                messages(log("--since", "2026-11-21T09:05:00Z", "--until", "2026-11-21 10:02").records()));
        assertEquals(40, log("--since", "2026-11-21").records().size());
        assertEquals(0, log("--until", "2026-11-21").records().size());
    }

    @Test
    void sinceTakesAnAge() throws IOException {
        // 70 minutes before 12:09 is 10:59: the live file only.
        assertEquals(messages(r -> r.time().isAfter(Instant.parse("2026-11-21T10:59:00Z"))),
                messages(log("--since", "70m").records()));
        assertEquals(List.of("m38", "m39"), messages(log("--since", "62m", "-n", "2")
                .records()));
    }

    @Test
    void filtersCombine() throws IOException {
        Instant from = Instant.parse("2026-11-21T08:30:00Z");
        Predicate<LogRecord> p = r -> r.source().equals("configd") && r.level().isMoreSpecificThan(Level.INFO)
                && !r.time().isBefore(from);
        List<String> all = messages(p);
        assertEquals(all.subList(all.size() - 4, all.size()), messages(log("--component", "configd", "--level",
                "info", "--since", "2026-11-21T08:30Z", "-n", "4").records()));
    }

    @Test
    void jsonPrintsOneObjectPerRecord() throws IOException {
        Output o = log("--json", "--component", "scanner");
        List<String> lines = o.out.lines().collect(Collectors.toList());
        List<String> expected = messages(r -> r.source().equals("scanner"));
        assertEquals(expected.size(), lines.size());
        ObjectMapper json = new ObjectMapper();
        List<String> read = new ArrayList<>();
        for (String line : lines) {
            JsonNode record = json.readTree(line);
            assertEquals("scanner", record.path("source").asText());
            read.add(record.path("message").asText());
        }
        assertEquals(expected, read);
    }

    @Test
    void aBadOptionIsAUsageErrorInOneSentence() {
        assertUsage("--since '3 fortnights' is not a time", "--since", "3 fortnights");
        assertUsage("--level 'loud' is not a level; use one of trace, debug, info, warn, error, fatal",
                "--level", "loud");
        assertUsage("-n 'ten' is not a number of records", "-n", "ten");
        assertUsage("--component needs a value", "--component");
        assertUsage("unknown log option '--tail'", "--tail");
    }

    @Test
    void aMissingLogIsOneSentence() throws IOException {
        Output o = run("--file", dir.resolve("nothing.log").toString());
        assertEquals(1, o.exit);
        assertTrue(o.err.startsWith("configctl: the log " + dir.resolve("nothing.log") + " does not exist"), o.err);
    }

    @Test
    void configNamesTheLogWhenConfigdIsDown() throws IOException {
        Path config = dir.resolve("configd.conf");
        java.nio.file.Files.writeString(config, "configd.log.file = \"configd.log\"\n");
        assertEquals(40, run("--config", config.toString()).records().size());
    }

    @Test
    void withoutConfigdAndWithoutFileItSaysHowToNameTheLog() throws IOException {
        Output o = run();
        assertEquals(3, o.exit);
        assertTrue(o.err.contains("name the file with --file PATH or the configuration with --config FILE"), o.err);
    }

    private Output log(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--file");
        all.add(log.live.toString());
        Output o = run(all.toArray(String[]::new));
        assertEquals(0, o.exit, o.err);
        return o;
    }

    private Output run(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            exit = command(dir, out, err).run(List.of(args));
        } catch (Configctl.UsageException e) {
            exit = Configctl.USAGE;
            err.writeBytes(e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
        return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The command on the log in {@code dir} at {@link #CLOCK}, polling every 5 ms; no configd, no default config. */
    static LogCommand command(Path dir, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new LogCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new LogLocation(dir.resolve("run"), Map.of(), dir.resolve("no-default.conf")), false, CLOCK,
                Duration.ofMillis(5));
    }

    private void assertUsage(String sentence, String... args) {
        try {
            Output o = run(args);
            assertEquals(Configctl.USAGE, o.exit, o.err);
            assertTrue(o.err.startsWith(sentence), o.err);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> messages(Predicate<LogRecord> which) {
        return messages(log.records.stream().filter(which).collect(Collectors.toList()));
    }

    private static List<String> messages(List<LogRecord> records) {
        return records.stream().map(LogRecord::message).collect(Collectors.toList());
    }

    record Output(int exit, String out, String err) {
        List<LogRecord> records() throws IOException {
            return LogRecordParser.readAll(new BufferedReader(new StringReader(out)));
        }
    }
}
