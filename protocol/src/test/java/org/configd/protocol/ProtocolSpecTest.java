package org.configd.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PROTOCOL.md and the code must say the same: tables, codes and the example bytes. */
class ProtocolSpecTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z.-]+)` \\|(.*)$", Pattern.MULTILINE);
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    private final String spec = Files.readString(Path.of("PROTOCOL.md"));

    ProtocolSpecTest() throws IOException {
    }

    @Test
    void theOpsTableMatchesTheOpEnum() {
        String table = section("## 4. Operations", "### hello");
        List<String> documented = new ArrayList<>();
        for (Matcher row = TABLE_ROW.matcher(table); row.find(); ) {
            String name = row.group(1);
            Op op = Op.byName(name).orElseThrow(() -> new AssertionError("unknown op in PROTOCOL.md: " + name));
            String[] cells = row.group(2).split("\\|");
            Set<SocketKind> sockets = EnumSet.noneOf(SocketKind.class);
            for (SocketKind kind : SocketKind.values()) {
                if (cells[kind.ordinal()].contains("✓")) {
                    sockets.add(kind);
                }
            }
            assertEquals(op.sockets(), sockets, op.wireName());
            assertEquals(op.mutating(), cells[3].trim().startsWith("yes"), op.wireName());
            documented.add(op.wireName());
        }
        assertEquals(Op.values().length, documented.size(), "every op has one row: " + documented);
    }

    @Test
    void everyOpHasASection() {
        Set<String> headed = new HashSet<>();
        for (String line : spec.split("\n")) {
            if (line.startsWith("### ")) {
                headed.addAll(List.of(line.substring(4).split(", ")));
            }
        }
        for (Op op : Op.values()) {
            assertTrue(headed.contains(op.wireName()), op.wireName());
        }
    }

    @Test
    void theErrorCodeTableListsEveryCodeOnce() throws IllegalAccessException {
        String table = section("## 6. Error codes", "## 7. Versioning");
        List<String> documented = new ArrayList<>();
        for (Matcher row = TABLE_ROW.matcher(table); row.find(); ) {
            documented.add(row.group(1));
        }
        List<String> codes = new ArrayList<>();
        for (Field field : ErrorCode.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }
        assertEquals(codes.stream().sorted().toList(), documented.stream().sorted().toList());
    }

    @Test
    void theHexExamplesAreFramesThatEncodeToTheSameBytes() throws Exception {
        int examples = 0;
        for (String block : blocks("hexdump")) {
            byte[] frame = parseHexdump(block);
            FrameReader reader = new FrameReader(new ByteArrayInputStream(frame), Frames.DEFAULT_MAX_FRAME_SIZE);
            Optional<Message> message = reader.read();
            assertArrayEquals(frame, MessageCodec.encodeFrame(message.orElseThrow()));
            examples++;
        }
        assertEquals(3, examples);
    }

    @Test
    void everyJsonExampleOfAMessageDecodes() throws ProtocolException {
        int examples = 0;
        for (String block : blocks("json")) {
            for (String line : block.split("\n")) {
                if (line.contains("\"op\"") || line.contains("\"ok\"") || line.contains("\"event\"")) {
                    byte[] json = line.getBytes(StandardCharsets.UTF_8);
                    Message message = MessageCodec.decode(json, 0, json.length);
                    if (message instanceof Request request) {
                        assertTrue(request.knownOp().isPresent(), line);
                    }
                    examples++;
                }
            }
        }
        assertTrue(examples >= 10, "examples found: " + examples);
    }

    @Test
    void theDocumentedVersionIsTheCurrentOne() {
        assertTrue(spec.startsWith("# The configd protocol, version " + ProtocolVersion.CURRENT + "\n"));
        assertFalse(spec.contains("TODO"));
    }

    /** Reads {@code 0000  00 00 00 46 7b ...  |...F{"id|} lines, checking the text column against the bytes. */
    private static byte[] parseHexdump(String dump) {
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (String line : dump.split("\n")) {
            int bar = line.indexOf('|');
            hex.append(line, 6, bar);
            text.append(line, bar + 1, line.lastIndexOf('|'));
        }
        byte[] bytes = HexFormat.of().parseHex(hex.toString().replaceAll("\\s+", ""));
        StringBuilder printable = new StringBuilder();
        for (byte b : bytes) {
            printable.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        assertEquals(printable.toString(), text.toString(), "the text column of the hexdump");
        return bytes;
    }

    /** The contents of the fenced code blocks marked with this language. */
    private List<String> blocks(String language) {
        List<String> blocks = new ArrayList<>();
        for (Matcher block = FENCE.matcher(spec); block.find(); ) {
            if (block.group(1).equals(language)) {
                blocks.add(block.group(2));
            }
        }
        return blocks;
    }

    private String section(String from, String to) {
        int start = spec.indexOf(from);
        int end = spec.indexOf(to, start);
        assertTrue(start >= 0 && end > start, "PROTOCOL.md has the section " + from);
        return spec.substring(start, end);
    }
}
