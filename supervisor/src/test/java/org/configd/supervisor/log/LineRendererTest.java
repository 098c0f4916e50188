package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.logging.log4j.Level;
import org.configd.supervisor.config.LogFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LineRendererTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Level[] LEVELS = {Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG, Level.FATAL};

    /**
     * Pieces of lines: plain text, everything either format escapes, well-formed UTF-8 of each length (C1 controls
     * and U+2028 among them), and each kind of malformed UTF-8: stray continuation bytes, overlong forms, surrogates,
     * code points beyond U+10FFFF, sequences cut short, bytes that never occur.
     */
    private static final byte[][] PIECES = {
        "plain text ".getBytes(UTF_8), "a".getBytes(UTF_8), "\\".getBytes(UTF_8), "\"".getBytes(UTF_8),
        "\t".getBytes(UTF_8), "\r".getBytes(UTF_8), {0}, {7}, {8}, {12}, {0x1b}, {0x1f}, {0x7f}, "<3>".getBytes(UTF_8),
        "é".getBytes(UTF_8), "€".getBytes(UTF_8), "😀".getBytes(UTF_8), "日本語".getBytes(UTF_8),
        "\u0085".getBytes(UTF_8), "\u0080".getBytes(UTF_8), "\u009f".getBytes(UTF_8), "\u00a0".getBytes(UTF_8),
        "\u2028".getBytes(UTF_8), "\uffff".getBytes(UTF_8), "\ud7ff".getBytes(UTF_8), "\ue000".getBytes(UTF_8),
        new String(Character.toChars(0x10FFFF)).getBytes(UTF_8),
        {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF},
        {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
        {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xC3}, {(byte) 0xFE}, {(byte) 0xFF},
    };

    /**
     * The byte path must write exactly what the String path writes for the same line decoded: on random lines of
     * the pieces above, in random batches built with one reused builder, in both formats.
     */
    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void writesWhatTheStringFormatWritesForEveryLine(LogFormat logFormat) {
        LogRecordFormat format = LogRecordFormat.of(logFormat, PARIS);
        LineRenderer renderer = new LineRenderer();
        ComponentLines.Builder builder = new ComponentLines.Builder();
        Random random = new Random(20261121);
        long millis = Instant.parse("2026-11-21T07:52:00.123Z").toEpochMilli();
        for (int r = 0; r < 3000; r++) {
            int round = r;
            StringBuilder expected = new StringBuilder();
            String component = round % 2 == 0 ? "scan-engine" : "a\"b\\c";
            int pid = 1 + random.nextInt(100_000);
            for (int lines = 1 + random.nextInt(8); lines > 0; lines--) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                for (int n = random.nextInt(12); n > 0; n--) {
                    line.writeBytes(PIECES[random.nextInt(PIECES.length)]);
                }
                byte[] bytes = line.toByteArray();
                Level level = LEVELS[random.nextInt(LEVELS.length)];
                // An offset into a larger array, as lines lie in the read buffer.
                byte[] padded = new byte[bytes.length + 6];
                System.arraycopy(bytes, 0, padded, 3, bytes.length);
                builder.add(level, padded, 3, bytes.length);
                expected.append(format.format(new LogRecord(Instant.ofEpochMilli(millis), level, component, pid,
                        new String(bytes, UTF_8), null)));
            }
            ByteBuilder written = renderer.render(format, millis, builder.build(component, pid));
            // Compared as bytes: decoding what was written would hide malformed bytes copied through.
            byte[] actual = java.util.Arrays.copyOf(written.array(), written.length());
            assertArrayEquals(expected.toString().getBytes(UTF_8), actual,
                    () -> "round " + round + ": " + new String(actual, UTF_8));
            millis += random.nextInt(3);
        }
    }

    /** Malformed bytes take the String path; what is well-formed around them still comes out unchanged. */
    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void malformedBytesAreReplacedAndTheRestKept(LogFormat logFormat) {
        ComponentLines.Builder builder = new ComponentLines.Builder();
        byte[] line = {'b', 'a', 'd', ' ', (byte) 0xFF, ' ', (byte) 0xE2, (byte) 0x82, (byte) 0xAC};
        builder.add(Level.INFO, line, 0, line.length);
        ByteBuilder written = new LineRenderer().render(LogRecordFormat.of(logFormat, PARIS), 0,
                builder.build("c", 1));
        String text = new String(written.array(), 0, written.length(), UTF_8);
        assertTrue(text.contains("bad \uFFFD €"), text);
        List<String> records = new ArrayList<>(List.of(text.split("\n")));
        assertEquals(1, records.size());
    }
}
