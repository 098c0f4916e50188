package org.configd.supervisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.configd.supervisor.config.LogFormat;
import org.configd.supervisor.e2e.Await;
import org.configd.supervisor.log.LogRecordFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code configctl log -f} and the live file under it: growth, half-written lines, rotation, truncation. */
class LogFollowTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final LogRecordFormat TEXT = LogRecordFormat.of(LogFormat.TEXT, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void theLiveFileHandsOnCompleteLinesAndFollowsARotation() throws IOException {
        Path file = dir.resolve("configd.log");
        append(file, "one\ntw");
        try (LiveLogFile live = new LiveLogFile(file)) {
            List<String> lines = new ArrayList<>();
            assertTrue(live.readLines(lines::add));
            assertEquals(List.of("one"), lines);
            assertFalse(live.readLines(lines::add), "a half line is held back");

            append(file, "o\nthree without end");
            Files.move(file, dir.resolve("configd.log.1"));
            append(file, "four\n");
            live.readLines(lines::add);
            assertEquals(List.of("one", "two", "three without end", "four"), lines);

            Files.writeString(file, "5\n"); // truncated in place (to less than was read), then written
            live.readLines(lines::add);
            assertEquals("5", lines.get(lines.size() - 1));
        }
    }

    @Test
    void aLogThatDoesNotExistYetIsReadOnceItAppears() throws IOException {
        Path file = dir.resolve("later.log");
        try (LiveLogFile live = new LiveLogFile(file)) {
            List<String> lines = new ArrayList<>();
            assertFalse(live.readLines(lines::add));
            append(file, "first\n");
            assertTrue(live.readLines(lines::add));
            assertEquals(List.of("first"), lines);
        }
    }

    @Test
    void followPrintsTheLastRecordsThenNewOnesAcrossRotation() throws Exception {
        RotatedLog log = new RotatedLog(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LogCommand command = LogCommandTest.command(dir, out, err);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread follower = new Thread(() -> {
            try {
                exit.complete(command.run(List.of("-f", "--component", "ticker", "--file", log.live.toString())));
            } catch (Exception | Error e) {
                exit.completeExceptionally(e);
            }
        }, "configctl-log-f");
        follower.start();
        try {
            // The last 10 ticker records: m10 .. m37, every third one.
            awaitOutput(out, "ticker[137]: m37");
            assertTrue(text(out).startsWith(TEXT.format(log.records.get(10))), text(out));

            Instant t = Instant.parse("2026-11-21T12:00:00Z");
            append(log.live, TEXT.format(RotatedLog.record(42, t)) + TEXT.format(RotatedLog.record(43, t)));
            awaitOutput(out, "ticker[143]: m43");
            Files.move(log.live, dir.resolve("configd.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            append(log.live, TEXT.format(RotatedLog.record(46, t)));
            awaitOutput(out, "ticker[146]: m46");
            assertFalse(text(out).contains("m42"), "another component's record: " + text(out));
        } finally {
            follower.interrupt();
        }
        assertEquals(0, exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        String[] lines = text(out).split("\n");
        assertEquals(12, lines.length, text(out));
        assertTrue(lines[11].endsWith("m46"), lines[11]);
    }

    private static void awaitOutput(ByteArrayOutputStream out, String text) {
        Await.until(DEADLINE, () -> text(out).contains(text), () -> "\"" + text + "\" in:\n" + text(out));
    }

    private static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
