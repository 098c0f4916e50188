package org.configd.supervisor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.configd.supervisor.log.LogRecord;
import org.configd.supervisor.log.LogRecordParser;

import org.junit.jupiter.api.Test;

/** Everything the components write on stderr lands in configd's one log, each line once and whole. */
class UnifiedLogE2ETest extends E2ETest {

    static final int LINES = 100_000;

    @Test
    void fourChildrenWritingAHundredThousandNumberedLinesEachLoseNoLine() throws Exception {
        // Each line: component, number, and padding, so that torn or merged lines are detectable.
        bed.script("writer.sh", """
                seq 1 %d | sed "s/.*/$CONFIGD_COMPONENT & abcdefghijklmnopqrstuvwxyz/" >&2
                echo done > %s/$CONFIGD_COMPONENT.done
                exec sleep 1000
                """.formatted(LINES, bed.dir));
        StringBuilder components = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            components.append("w").append(i).append(" { command = [\"bin/writer.sh\"] }\n");
        }
        bed.configure("log { level = info }", components.toString());
        try (RunningDaemon d = bed.start()) {
            long t0 = System.nanoTime();
            Await.until(Duration.ofSeconds(60), () -> bed.lines("w1.done").size() + bed.lines("w2.done").size()
                    + bed.lines("w3.done").size() + bed.lines("w4.done").size() == 4, "all writers to finish");
            Await.until(Duration.ofSeconds(60), () -> countLines(d) >= 4L * LINES,
                    () -> "every line in the log; " + countLines(d) + " so far");
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("4 x %d lines through configd into the log: %.2f s, %.0f lines/s%n", LINES, seconds,
                    4 * LINES / seconds);

            Map<String, boolean[]> seen = new HashMap<>();
            int[] duplicates = {0};
            int[] bad = {0};
            try (BufferedReader r = Files.newBufferedReader(bed.logFile, StandardCharsets.UTF_8)) {
                for (LogRecord rec : LogRecordParser.readAll(r)) {
                    if (!rec.source().startsWith("w")) {
                        continue;
                    }
                    String[] parts = rec.message().split(" ");
                    if (parts.length != 3 || !parts[0].equals(rec.source())
                            || !parts[2].equals("abcdefghijklmnopqrstuvwxyz")) {
                        bad[0]++;
                        continue;
                    }
                    boolean[] lines = seen.computeIfAbsent(rec.source(), k -> new boolean[LINES + 1]);
                    int n = Integer.parseInt(parts[1]);
                    if (lines[n]) {
                        duplicates[0]++;
                    }
                    lines[n] = true;
                }
            }
            assertEquals(0, bad[0], "torn or merged lines");
            assertEquals(0, duplicates[0], "duplicated lines");
            for (String w : List.of("w1", "w2", "w3", "w4")) {
                boolean[] lines = seen.get(w);
                int missing = 0;
                for (int n = 1; n <= LINES; n++) {
                    missing += lines[n] ? 0 : 1;
                }
                assertEquals(0, missing, "lines missing from " + w);
            }
        }
    }

    static long countLines(RunningDaemon d) {
        try (var lines = Files.lines(d.logFile, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(" abcdefghijklmnopqrstuvwxyz")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void priorityPrefixesSetTheLevelAndTheLastLineWithoutNewlineIsLogged() throws Exception {
        bed.script("talker.sh", """
                echo "<3>something failed" >&2
                echo "<7>debugging detail" >&2
                echo "plain line" >&2
                printf 'no newline at the end' >&2
                exit 0
                """);
        bed.configure("talker { command = [\"bin/talker.sh\"], start = on-demand }");
        try (RunningDaemon d = bed.start()) {
            assertEquals(0, d.ctl("acquire", "talker").exit());
            d.awaitLog("no newline at the end");
            String log = d.log();
            assertTrue(log.matches("(?s).*ERROR talker\\[\\d+\\]: something failed\n.*"), log);
            assertTrue(log.matches("(?s).*DEBUG talker\\[\\d+\\]: debugging detail\n.*"), log);
            assertTrue(log.matches("(?s).*INFO  talker\\[\\d+\\]: plain line\n.*"), log);
        }
    }
}
