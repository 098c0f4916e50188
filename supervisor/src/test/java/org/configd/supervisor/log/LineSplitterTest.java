package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    /** A line as the splitter reported it; {@code +} marks a continuation piece. */
    private final List<String> lines = new ArrayList<>();
    private final LineSplitter.Sink sink = decoding(lines);

    private static List<String> pending(LineSplitter splitter) {
        List<String> pending = new ArrayList<>();
        splitter.pending(decoding(pending));
        return pending;
    }

    /** A sink that adds each line to the list as text, a continuation marked with {@code +}. */
    private static LineSplitter.Sink decoding(List<String> lines) {
        return (bytes, offset, length, continuation) ->
                lines.add((continuation ? "+" : "") + new String(bytes, offset, length, UTF_8));
    }

    private void feed(LineSplitter splitter, byte[] bytes) {
        splitter.feed(bytes, 0, bytes.length, sink);
    }

    private void feed(LineSplitter splitter, String text) {
        feed(splitter, text.getBytes(UTF_8));
    }

    /** Feeds the reads one after the other to a splitter with this limit, then expects these lines. */
    private void assertSplit(int limit, List<String> expected, String... reads) {
        LineSplitter splitter = new LineSplitter(limit);
        for (String read : reads) {
            feed(splitter, read);
        }
        assertEquals(expected, lines);
    }

    @Test
    void linesSplitAcrossReadsAreJoined() {
        assertSplit(100, List.of("first line", "second", "third"), "first li", "ne\nsecond\nthi", "rd\n");
    }

    @Test
    void nothingIsReportedBeforeTheNewline() {
        assertSplit(100, List.of(), "first li", "ne");
    }

    @Test
    void feedHonoursOffsetAndCount() {
        LineSplitter splitter = new LineSplitter(100);
        byte[] bytes = "xxab\ncdyy".getBytes(UTF_8);
        splitter.feed(bytes, 2, 5, sink);
        splitter.finish(sink);
        assertEquals(List.of("ab", "cd"), lines);
    }

    @Test
    void emptyLinesAreKept() {
        assertSplit(100, List.of("", "", "a", ""), "\n\na\n\n");
    }

    @Test
    void crlfEndingsAreTrimmedEvenWhenSplitAcrossReads() {
        assertSplit(100, List.of("one", "two", "three"), "one\r\ntwo\r", "\nthree\n");
    }

    @Test
    void carriageReturnNotBeforeNewlineStaysInTheText() {
        assertSplit(100, List.of("progress 10%\rprogress 20%\r"), "progress 10%\rprogress 20%\r\r\n");
    }

    @Test
    void lastLineWithoutNewlineIsReportedOnlyAtFinish() {
        LineSplitter splitter = new LineSplitter(100);
        feed(splitter, "done\nno newline");
        assertEquals(List.of("done"), lines);
        assertEquals(List.of("no newline"), pending(splitter));
        splitter.finish(sink);
        assertEquals(List.of("done", "no newline"), lines);
        assertEquals(List.of(), pending(splitter));
    }

    @Test
    void finishAfterNewlineReportsNothingMore() {
        LineSplitter splitter = new LineSplitter(100);
        feed(splitter, "done\n");
        splitter.finish(sink);
        assertEquals(List.of("done"), lines);
    }

    @Test
    void overlongLineIsCutIntoPiecesOfTheLimit() {
        assertSplit(4, List.of("abcd", "+efgh", "+ij", "xy"), "abcdefghij\nxy\n");
    }

    @Test
    void lineOfExactlyTheLimitIsOneLine() {
        assertSplit(4, List.of("abcd", "abcd"), "abcd\nabcd\r\n");
    }

    @Test
    void overlongLineIsNeverCutInsideAUtf8Sequence() {
        // "aé€😀": 1 + 2 + 3 + 4 bytes; no limit from 4 to 9 may split a character
        String text = "aé€😀aé€😀";
        for (int limit = 4; limit <= 10; limit++) {
            lines.clear();
            LineSplitter splitter = new LineSplitter(limit);
            feed(splitter, text + "\n");
            StringBuilder joined = new StringBuilder();
            for (String line : lines) {
                String piece = line.startsWith("+") ? line.substring(1) : line;
                assertTrue(piece.getBytes(UTF_8).length <= limit, () -> "piece longer than the limit: " + line);
                assertTrue(piece.indexOf('\uFFFD') < 0, () -> "a character was cut at limit " + lines);
                joined.append(piece);
            }
            assertEquals(text, joined.toString(), "limit " + limit);
        }
    }

    @Test
    void cutCarriesTheUnfinishedSequenceFedInLaterReads() {
        LineSplitter splitter = new LineSplitter(5);
        byte[] euro = "€".getBytes(UTF_8); // 3 bytes; the limit falls after its first byte
        feed(splitter, "abcd".getBytes(UTF_8));
        feed(splitter, new byte[] {euro[0]});
        feed(splitter, new byte[] {euro[1], euro[2], '\n'});
        assertEquals(List.of("abcd", "+€"), lines);
    }

    @Test
    void bytesArePassedOnAsTheyCameInvalidUtf8Included() {
        LineSplitter splitter = new LineSplitter(100);
        byte[] line = {'o', 'k', ' ', (byte) 0xFF, (byte) 0xC3, ' ', 'e', 'n', 'd'};
        List<byte[]> reported = new ArrayList<>();
        byte[] fed = java.util.Arrays.copyOf(line, line.length + 1);
        fed[line.length] = '\n';
        splitter.feed(fed, 0, fed.length,
                (bytes, offset, length, continuation) -> reported.add(java.util.Arrays.copyOfRange(bytes, offset,
                        offset + length)));
        assertEquals(1, reported.size());
        assertArrayEquals(line, reported.get(0));
    }

    @Test
    void invalidBytesAtACutStillMakeProgress() {
        LineSplitter splitter = new LineSplitter(4);
        feed(splitter, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0xF0,
            (byte) 0xF0, (byte) 0xF0, (byte) 0xF0, '\n'});
        String all = String.join("", lines).replace("+", "");
        assertEquals("\uFFFD".repeat(9), all);
    }

    @Test
    void limitBelowOneUtf8SequenceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LineSplitter(3));
        assertTrue(e.getMessage().contains("maxLineLength is 3"), e.getMessage());
    }

    /**
     * The splitter copies runs in bulk and decodes whole lines in place; this reference does everything byte by byte,
     * as the splitter first did. On random output (line breaks, lone and doubled carriage returns, multi-byte
     * characters, invalid bytes, lines around the limit) cut into random reads, short and long (eight bytes at a
     * time are looked at together), both must report the same lines.
     */
    @Test
    void bulkSplittingReportsExactlyWhatByteByByteSplittingDoes() {
        java.util.Random random = new java.util.Random(20261121);
        byte[][] pieces = {"a".getBytes(UTF_8), "xyz".getBytes(UTF_8), "\n".getBytes(UTF_8), "\r".getBytes(UTF_8),
                "\r\n".getBytes(UTF_8), "é".getBytes(UTF_8), "€".getBytes(UTF_8), "😀".getBytes(UTF_8),
                {(byte) 0xFF}, {(byte) 0x80}, "0123456789".getBytes(UTF_8)};
        for (int round = 0; round < 2000; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int n = random.nextInt(60); n > 0; n--) {
                out.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] output = out.toByteArray();
            int limit = LineSplitter.MIN_LINE_LENGTH + random.nextInt(20);

            List<String> expected = new ArrayList<>();
            ByteByByte reference = new ByteByByte(limit);
            for (byte b : output) {
                reference.feed(b, decoding(expected));
            }
            reference.finish(decoding(expected));

            lines.clear();
            LineSplitter splitter = new LineSplitter(limit);
            for (int at = 0; at < output.length; ) {
                int read = Math.min(output.length - at, 1 + random.nextInt(round % 2 == 0 ? 16 : 200));
                splitter.feed(output, at, read, sink);
                at += read;
            }
            splitter.finish(sink);
            assertEquals(expected, lines, "round " + round + ", limit " + limit);
        }
    }

    /** The splitter's rules, one byte at a time and without shortcuts: the reference for the test above. */
    private static final class ByteByByte {
        private final byte[] line;
        private int length;
        private boolean continuation;
        private boolean carriageReturn;

        ByteByByte(int limit) {
            line = new byte[limit];
        }

        void feed(byte b, LineSplitter.Sink sink) {
            if (b == '\n') {
                carriageReturn = false;
                emit(length, sink);
                length = 0;
                continuation = false;
            } else if (b == '\r') {
                if (carriageReturn) {
                    append((byte) '\r', sink);
                }
                carriageReturn = true;
            } else {
                if (carriageReturn) {
                    carriageReturn = false;
                    append((byte) '\r', sink);
                }
                append(b, sink);
            }
        }

        void finish(LineSplitter.Sink sink) {
            if (length > 0 || carriageReturn) {
                emit(length, sink);
            }
        }

        private void append(byte b, LineSplitter.Sink sink) {
            if (length == line.length) {
                int carried = 0;
                for (int back = 1; back <= Math.min(3, length); back++) {
                    int c = line[length - back] & 0xFF;
                    if ((c & 0xC0) == 0x80) {
                        continue;
                    }
                    int sequence = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
                    carried = sequence > back ? back : 0;
                    break;
                }
                emit(length - carried, sink);
                System.arraycopy(line, length - carried, line, 0, carried);
                length = carried;
                continuation = true;
            }
            line[length++] = b;
        }

        private void emit(int count, LineSplitter.Sink sink) {
            sink.line(line, 0, count, continuation);
        }
    }
}
