package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    /** A line as the splitter reported it; {@code +} marks a continuation piece. */
    private final List<String> lines = new ArrayList<>();
    private final LineSplitter.Sink sink = (text, continuation) -> lines.add((continuation ? "+" : "") + text);

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
        assertEquals(Optional.of("no newline"), splitter.pending());
        splitter.finish(sink);
        assertEquals(List.of("done", "no newline"), lines);
        assertEquals(Optional.empty(), splitter.pending());
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
    void invalidUtf8IsReplaced() {
        LineSplitter splitter = new LineSplitter(100);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("ok ".getBytes(UTF_8));
        bytes.write(0xFF);
        bytes.write(0xC3); // a lead byte whose continuation never comes
        bytes.writeBytes(" end\n".getBytes(UTF_8));
        feed(splitter, bytes.toByteArray());
        assertEquals(List.of("ok \uFFFD\uFFFD end"), lines);
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
}
