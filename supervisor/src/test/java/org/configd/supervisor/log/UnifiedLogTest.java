package org.configd.supervisor.log;

import static org.configd.supervisor.log.LogFiles.records;
import static org.configd.supervisor.log.LogFiles.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.configd.supervisor.config.LogFormat;
import org.configd.supervisor.config.LogSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UnifiedLogTest {

    private static final Logger LOG = LogManager.getLogger(UnifiedLogTest.class);
    private static final long OWN_PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void ownAndComponentRecordsCarryTheirSourceAndPid(LogFormat format) throws IOException {
        Path file = dir.resolve("not/yet/there/configd.log");
        try (UnifiedLog log = UnifiedLog.start(settings(file, format, "info"))) {
            assertEquals(file, log.file());
            LOG.info("configd says {}", "hello");
            log.component("scan-engine", 4711, Level.WARN, "a \"quoted\" line\twith tab");
        }
        List<LogRecord> records = records(file);
        assertEquals(2, records.size(), records::toString);
        assertRecord(records.get(0), Level.INFO, "configd", OWN_PID, "configd says hello");
        assertRecord(records.get(1), Level.WARN, "scan-engine", 4711, "a \"quoted\" line\twith tab");
        assertEquals(format == LogFormat.JSON, Files.readString(file).startsWith("{"));
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void ownErrorsCarryTheirStackTrace(LogFormat format) throws IOException {
        Path file = dir.resolve("configd.log");
        UnifiedLog log = UnifiedLog.start(settings(file, format, "info"));
        try {
            LOG.error("cannot bind", new IllegalStateException("address\nin use"));
            LOG.info("next");
        } finally {
            log.close();
        }
        List<LogRecord> records = records(file);
        assertEquals(2, records.size(), records::toString);
        String error = records.get(0).error();
        assertTrue(error.startsWith("java.lang.IllegalStateException: address\nin use\n\tat "), error);
        assertTrue(error.contains(UnifiedLogTest.class.getName()), error);
        assertEquals("next", records.get(1).message());
    }

    @Test
    void levelThresholdAppliesToEveryRecordAndChangesLive() throws IOException {
        Path file = dir.resolve("configd.log");
        LogSettings warn = settings(file, LogFormat.TEXT, "warn");
        try (UnifiedLog log = UnifiedLog.start(warn)) {
            LOG.info("own info, below");
            LOG.warn("own warn");
            log.component("c", 1, Level.INFO, "component info, below");
            log.component("c", 1, Level.ERROR, "component error");
            log.reconfigure(settings(file, LogFormat.TEXT, "debug"));
            LOG.debug("own debug");
            LOG.trace("own trace, below");
            log.component("c", 1, Level.DEBUG, "component debug");
        }
        assertEquals(List.of("own warn", "component error", "own debug", "component debug"),
                records(file).stream().map(LogRecord::message).toList());
    }

    @Test
    void reconfigureMovesToTheNewFileAndFormat() throws IOException {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("other/second.log");
        try (UnifiedLog log = UnifiedLog.start(settings(first, LogFormat.TEXT, "info"))) {
            LOG.info("to the first");
            log.reconfigure(settings(second, LogFormat.JSON, "info"));
            assertEquals(second, log.file());
            LOG.info("to the second");
        }
        assertEquals(List.of("to the first"), records(first).stream().map(LogRecord::message).toList());
        assertEquals(List.of("to the second"), records(second).stream().map(LogRecord::message).toList());
        assertTrue(Files.readString(second).startsWith("{"));
    }

    @Test
    void rotatesBySizeKeepingTheNewestFiles() throws IOException {
        Path file = dir.resolve("configd.log");
        writeNumbered(LogFiles.rotating(file, 4096, 3, false), 600);
        assertTrue(Files.exists(dir.resolve("configd.log.3")));
        assertFalse(Files.exists(dir.resolve("configd.log.4")));
        assertTrue(Files.size(dir.resolve("configd.log.1")) <= 4096 + 200);
        int previous = numbers(dir.resolve("configd.log.3")).get(0) - 1;
        assertTrue(previous > 300, "the oldest files were not deleted: the oldest kept starts at " + previous);
        for (String name : List.of("configd.log.3", "configd.log.2", "configd.log.1", "configd.log")) {
            List<Integer> numbers = numbers(dir.resolve(name));
            assertEquals(previous + 1, numbers.get(0), () -> name + " does not follow the older file");
            assertEquals(numbers.size(), numbers.get(numbers.size() - 1) - numbers.get(0) + 1, name);
            previous = numbers.get(numbers.size() - 1);
        }
        assertEquals(599, previous);
    }

    @Test
    void compressedRotationWritesGzipFiles() throws IOException {
        Path file = dir.resolve("configd.log");
        writeNumbered(LogFiles.rotating(file, 4096, 2, true), 300);
        assertTrue(Files.exists(dir.resolve("configd.log.1.gz")));
        assertTrue(Files.exists(dir.resolve("configd.log.2.gz")));
        assertFalse(Files.exists(dir.resolve("configd.log.3.gz")));
        assertFalse(Files.exists(dir.resolve("configd.log.1")));
        List<Integer> newestRotated = numbers(dir.resolve("configd.log.1.gz"));
        assertEquals(numbers(file).get(0) - 1, newestRotated.get(newestRotated.size() - 1));
    }

    @Test
    void aRotationThatFailsLosesNothingAndWritesOnInTheSameFile() throws IOException {
        Path file = dir.resolve("configd.log");
        Files.writeString(dir.resolve("configd.log.1"), "an older rotated file\n");
        // The oldest kept file cannot be deleted to make room: a directory that is not empty stands in its place.
        Files.createDirectories(dir.resolve("configd.log.3/in-the-way"));
        writeNumbered(LogFiles.rotating(file, 4096, 3, false), 600);
        List<Integer> numbers = numbers(file);
        assertEquals(600, numbers.size(), "every record in the live file");
        assertEquals(599, numbers.get(599));
        assertEquals("an older rotated file\n", Files.readString(dir.resolve("configd.log.1")));
    }

    @Test
    void echoesEveryRecordToStderrWhenAsked() throws IOException {
        Path file = dir.resolve("configd.log");
        LogSettings echo = new LogSettings(file, LogFormat.TEXT, "info", 1024, LogFiles.NO_ROTATION, 1, false, true);
        String stderr = LogFiles.capturingStderr(() -> {
            try (UnifiedLog log = UnifiedLog.start(echo)) {
                LOG.info("echoed own");
                log.component("c", 9, Level.INFO, "echoed line");
            }
        });
        assertTrue(stderr.contains(" INFO  configd[" + OWN_PID + "]: echoed own\n"), stderr);
        assertTrue(stderr.contains(" INFO  c[9]: echoed line\n"), stderr);
        assertEquals(2, records(file).size());
    }

    @Test
    void log4jStartsThroughConfigdsContextFactory() {
        // Named in log4j2.component.properties: without it Log4j2 would look for configuration files and scan its
        // plugins at configd's start, and records before the unified log would go to stdout at level ERROR.
        assertInstanceOf(LogContextFactory.class, LogManager.getFactory());
    }

    @Test
    void beforeStartRecordsGoToStderr() throws IOException {
        // A fresh context, started the way configd's starts at its first record (LogContextFactory, named in
        // log4j2.component.properties).
        LoggerContext fresh = new LoggerContext("before-start");
        String stderr = LogFiles.capturingStderr(() -> {
            LogContextFactory.startOnStderr(fresh);
            try {
                fresh.getLogger("probe").info("before start");
                fresh.getLogger("probe").debug("below the default level");
            } finally {
                fresh.stop();
            }
        });
        assertTrue(stderr.matches("\\S+ INFO  configd\\[" + OWN_PID + "]: before start\n"), stderr);
    }

    @Test
    void afterCloseRecordsGoToStderr() throws IOException {
        Path file = dir.resolve("configd.log");
        UnifiedLog log = UnifiedLog.start(settings(file, LogFormat.JSON, "info"));
        String stderr = LogFiles.capturingStderr(() -> {
            log.close();
            LOG.info("after close");
        });
        assertTrue(stderr.matches("(?s).*\\d INFO  configd\\[" + OWN_PID + "]: after close\n.*"), stderr);
        assertTrue(records(file).isEmpty());
        log.close(); // a second close does nothing
    }

    @Test
    void unusableDirectoryIsReportedInOneSentence() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a directory");
        IOException e = assertThrows(IOException.class,
                () -> UnifiedLog.start(settings(blocker.resolve("configd.log"), LogFormat.TEXT, "info")));
        assertEquals("Cannot create the log directory " + blocker + " (" + blocker + " is in the way: it is not a "
                + "directory): create it writable for configd, or set configd.log.file to another place.",
                e.getMessage());
    }

    @Test
    void anUnwritableFileIsReportedInOneSentence() throws IOException {
        Path file = Files.createDirectories(dir.resolve("configd.log")); // a directory where the file should be
        IOException e = assertThrows(IOException.class,
                () -> UnifiedLog.start(settings(file, LogFormat.TEXT, "info")));
        assertEquals("Cannot write the log file " + file + " (Is a directory): make it writable for configd, or set "
                + "configd.log.file to another place.", e.getMessage());
    }

    @Test
    void unknownLevelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnifiedLog.start(settings(dir.resolve("configd.log"), LogFormat.TEXT, "verbose")));
        assertEquals("The log level \"verbose\" is unknown: use trace, debug, info, warn or error.", e.getMessage());
    }

    private static void assertRecord(LogRecord record, Level level, String source, long pid, String message) {
        assertEquals(level, record.level(), record::toString);
        assertEquals(source, record.source(), record::toString);
        assertEquals(pid, record.pid(), record::toString);
        assertEquals(message, record.message(), record::toString);
    }

    /** Writes records numbered from 0, each about a hundred bytes long. */
    private static void writeNumbered(LogSettings settings, int count) throws IOException {
        try (UnifiedLog log = UnifiedLog.start(settings)) {
            for (int i = 0; i < count; i++) {
                log.component("c", 1, Level.INFO, "record " + i + " padded to make the record about a hundred bytes");
            }
        }
    }

    /** The record numbers in a file written by {@link #writeNumbered}, in file order. */
    private static List<Integer> numbers(Path file) throws IOException {
        return records(file).stream().map(r -> Integer.parseInt(r.message().split(" ")[1])).toList();
    }
}
