package org.configd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineLedgerTest {

    private static final List<String> WRITERS = List.of("w1", "w2");

    @TempDir
    Path dir;

    @Test
    void aCompletePlainFileHasNoProblems() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.log"), """
                w1 1 abcdefghijklmnopqrstuvwxyz
                w2 1 abcdefghijklmnopqrstuvwxyz
                w2 2 abcdefghijklmnopqrstuvwxyz
                w1 2 abcdefghijklmnopqrstuvwxyz
                w1 end-of-lines
                w2 end-of-lines
                """);
        LineLedger ledger = LineLedger.ofPlainFiles(List.of(file), WRITERS, 2);
        assertEquals(0, ledger.problems());
    }

    @Test
    void lostTornAndDuplicatedLinesAreEachCounted() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.log"), """
                w1 1 abcdefghijklmnopqrstuvwxyz
                w1 1 abcdefghijklmnopqrstuvwxyz
                w2 1 abcdefghijklmnopqrstuvwxyzw2 2 abcdefghijklmnopqrstuvwxyz
                w2 2 abcdefghij
                w1 3 abcdefghijklmnopqrstuvwxyz
                """);
        LineLedger ledger = LineLedger.ofPlainFiles(List.of(file), WRITERS, 2);
        assertEquals(1, ledger.duplicated());
        assertEquals(3, ledger.torn(), "a merged line, a cut line and a number out of range");
        assertEquals(3, ledger.lost(), "w1 2, w2 1, w2 2");
    }

    @Test
    void theUnifiedLogIsReadByRecordSourceAndConfigdsOwnRecordsAreSkipped() throws Exception {
        Path log = Files.writeString(dir.resolve("configd.log"), """
                2026-11-21T09:00:00.001+00:00 INFO  configd[10]: w1 (pid 11) started
                2026-11-21T09:00:00.002+00:00 INFO  w1[11]: w1 1 abcdefghijklmnopqrstuvwxyz
                2026-11-21T09:00:00.003+00:00 INFO  w2[12]: w2 1 abcdefghijklmnopqrstuvwxyz
                2026-11-21T09:00:00.004+00:00 INFO  w2[12]: w1 2 abcdefghijklmnopqrstuvwxyz
                2026-11-21T09:00:00.005+00:00 INFO  w1[11]: w1 end-of-lines
                """);
        LineLedger ledger = LineLedger.ofUnifiedLog(log, WRITERS, 2);
        assertEquals(1, ledger.torn(), "a line under another writer's name was merged or misattributed");
        assertEquals(2, ledger.lost(), "w1 2 and w2 2");
        assertEquals(0, ledger.duplicated());
    }
}
