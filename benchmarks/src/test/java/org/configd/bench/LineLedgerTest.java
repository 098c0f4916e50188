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
    void aLoggersFilesAreReadWithoutTheTimestampBeforeEachLine() throws Exception {
        Path svlogd = Files.writeString(dir.resolve("current"), """
                2026-11-22_02:47:14.28198 w1 1 abcdefghijklmnopqrstuvwxyz
                2026-11-22_02:47:14.28199 w1 2 abcdefghijklmnopqrstuvwxyz
                2026-11-22_02:47:14.28204 w1 end-of-lines
                """);
        Path s6log = Files.writeString(dir.resolve("current-s6"), """
                @400000006b0257d7116ea622 w2 1 abcdefghijklmnopqrstuvwxyz
                @400000006b0257d7116ea623 w2 1 abcdefghijklmnopqrstuvwxyz
                @400000006b0257d7116eb149 w2 end-of-lines
                w2 2 abcdefghijklmnopqrstuvwxyz
                """);
        LineLedger ledger = LineLedger.ofTimestampedFiles(List.of(svlogd, s6log), WRITERS, 2);
        assertEquals(1, ledger.duplicated(), "w2 1");
        assertEquals(1, ledger.torn(), "a line without its timestamp");
        assertEquals(1, ledger.lost(), "w2 2");
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
