package org.configd.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.configd.supervisor.log.LogRecordParser;

/**
 * Accounts for every line the log writers wrote ({@code "<name> <n> abcdefghijklmnopqrstuvwxyz"}, n = 1..N,
 * then {@code "<name> end-of-lines"}): which arrived, which twice, and which arrived torn or merged with another.
 */
final class LineLedger {

    static final String END_MARKER = "end-of-lines";
    private static final String PADDING = "abcdefghijklmnopqrstuvwxyz";

    private final Map<String, BitSet> seen = new HashMap<>();
    private final int linesEach;
    private long duplicated;
    private long torn;

    LineLedger(List<String> writers, int linesEach) {
        this.linesEach = linesEach;
        for (String w : writers) {
            seen.put(w, new BitSet(linesEach + 1));
        }
    }

    /** Reads plain files the writers wrote to, one line each. */
    static LineLedger ofPlainFiles(List<Path> files, List<String> writers, int linesEach) throws IOException {
        return ofFiles(files, writers, linesEach, false);
    }

    /**
     * Reads the files of loggers that put a timestamp and a space before every line, as svlogd -tt and s6-log's
     * {@code t} do.
     */
    static LineLedger ofTimestampedFiles(List<Path> files, List<String> writers, int linesEach) throws IOException {
        return ofFiles(files, writers, linesEach, true);
    }

    private static LineLedger ofFiles(List<Path> files, List<String> writers, int linesEach, boolean timestamped)
            throws IOException {
        LineLedger ledger = new LineLedger(writers, linesEach);
        for (Path file : files) {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String message = timestamped ? line.substring(line.indexOf(' ') + 1) : line;
                    int space = message.indexOf(' ');
                    ledger.line(space > 0 ? message.substring(0, space) : "", message);
                }
            }
        }
        return ledger;
    }

    /**
     * Reads configd's unified log, record by record as configctl reads it ({@link LogRecordParser#parseLine});
     * records of other sources (configd's own) and lines that are no record are skipped.
     */
    static LineLedger ofUnifiedLog(Path log, List<String> writers, int linesEach) throws IOException {
        LineLedger ledger = new LineLedger(writers, linesEach);
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                LogRecordParser.parseLine(line)
                        .filter(record -> ledger.seen.containsKey(record.source()))
                        .ifPresent(record -> ledger.line(record.source(), record.message()));
            }
        }
        return ledger;
    }

    /** One line from {@code source}: well-formed, numbered within range, and naming its own writer. */
    void line(String source, String message) {
        BitSet lines = seen.get(source);
        String[] f = message.split(" ", -1);
        if (lines != null && f.length == 2 && f[0].equals(source) && f[1].equals(END_MARKER)) {
            return;
        }
        int n = lines != null && f.length == 3 && f[0].equals(source) && f[2].equals(PADDING) ? number(f[1]) : -1;
        if (n < 1 || n > linesEach) {
            torn++;
        } else if (lines.get(n)) {
            duplicated++;
        } else {
            lines.set(n);
        }
    }

    long lost() {
        long lost = 0;
        for (BitSet lines : seen.values()) {
            lost += linesEach - lines.cardinality();
        }
        return lost;
    }

    long torn() {
        return torn;
    }

    long duplicated() {
        return duplicated;
    }

    /** Lost + torn + duplicated: 0 when the log holds exactly what was written. */
    long problems() {
        return lost() + torn + duplicated;
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
