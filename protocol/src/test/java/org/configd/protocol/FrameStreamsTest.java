package org.configd.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FrameWriter} and {@link FrameReader} over in-memory streams. */
class FrameStreamsTest {

    private static final int MAX = Frames.SMALLEST_MAX_FRAME_SIZE;

    @Test
    void everyKindOfMessageRoundTripsInOrderThenEndsCleanly() throws Exception {
        List<Message> sent = List.of(
                Request.hello(1, "test/1"),
                Response.ok(TextNode.valueOf("x"), JsonNodeFactory.instance.objectNode().put("server", "configd/0.1")),
                Response.error(null, ErrorCode.FORBIDDEN, "not here"),
                Event.reload(12));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(bytes);
        for (Message message : sent) {
            writer.write(message);
        }
        FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes.toByteArray()), MAX);
        for (Message message : sent) {
            assertEquals(Optional.of(message), reader.read());
        }
        assertEquals(Optional.empty(), reader.read());
    }

    @Test
    void aFrameArrivingOneByteAtATimeIsReadWhole() throws Exception {
        byte[] frames = concat(MessageCodec.encodeFrame(Event.reload(1)), MessageCodec.encodeFrame(Event.reload(2)));
        FrameReader reader = new FrameReader(new OneByteAtATime(new ByteArrayInputStream(frames)), MAX);
        assertEquals(Optional.of(Event.reload(1)), reader.read());
        assertEquals(Optional.of(Event.reload(2)), reader.read());
        assertEquals(Optional.empty(), reader.read());
    }

    @Test
    void aStreamEndingInsideTheHeaderOrTheBodyIsATruncatedFrame() {
        byte[] frame = MessageCodec.encodeFrame(Event.reload(1));
        for (int cut : new int[] {1, 3, 4, frame.length - 1}) {
            byte[] truncated = java.util.Arrays.copyOf(frame, cut);
            ProtocolException e = readFails(truncated);
            assertEquals("the connection was closed in the middle of a frame", e.getMessage(), "cut at " + cut);
            assertTrue(e.closesConnection());
        }
    }

    @Test
    void zeroLengthIsRefused() {
        ProtocolException e = readFails(Hex.bytes("00 00 00 00 7B 7D"));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage().startsWith("frame length 0 is invalid"), e.getMessage());
    }

    @Test
    void hugeAndOversizedLengthsAreRefusedBeforeTheBodyArrives() {
        assertEquals(ErrorCode.FRAME_TOO_LARGE, readFails(Hex.bytes("FF FF FF FF")).code());
        assertEquals(ErrorCode.FRAME_TOO_LARGE, readFails(Hex.bytes("00 00 04 01")).code());
    }

    @Test
    void invalidUtf8IsRefused() {
        for (String hex : new String[] {"C3 28", "C0 AF", "ED A0 80"}) {
            byte[] json = concat("{\"a\":\"".getBytes(StandardCharsets.US_ASCII), Hex.bytes(hex + " 22 7D"));
            ProtocolException e = readFails(Hex.frame(json));
            assertTrue(e.getMessage().startsWith("the frame is not valid UTF-8"), e.getMessage());
            assertTrue(e.closesConnection());
        }
    }

    @Test
    void invalidJsonAndNonObjectsAreRefused() {
        assertTrue(readFails(Hex.frame("{\"id\":".getBytes(StandardCharsets.UTF_8))).getMessage()
                .startsWith("the frame is not valid JSON"));
        assertTrue(readFails(Hex.frame("[]".getBytes(StandardCharsets.UTF_8))).getMessage()
                .startsWith("the frame holds an array"));
    }

    @Test
    void aWrongMessageLeavesTheStreamInStep() throws Exception {
        byte[] frames = concat(Hex.frame("{\"id\":3,\"op\":5}".getBytes(StandardCharsets.UTF_8)),
                MessageCodec.encodeFrame(Request.of(4, "nope", null)));
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frames), MAX);
        ProtocolException e = assertThrows(ProtocolException.class, reader::read);
        assertFalse(e.closesConnection());
        assertEquals("3", e.requestId().toString());
        Request unknown = (Request) reader.read().orElseThrow();
        assertEquals("nope", unknown.op());
        assertEquals(Optional.empty(), unknown.knownOp());
    }

    @Test
    void concurrentWritersNeverInterleaveFrames() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(new ByteByByte(bytes));
        int threads = 4;
        int each = 300;
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "writer-" + t;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < each; i++) {
                    write(writer, new Event(name, JsonNodeFactory.instance.objectNode().put("n", i)));
                }
            }));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes.toByteArray()), MAX);
        Map<String, Integer> next = new HashMap<>();
        for (Optional<Message> m = reader.read(); m.isPresent(); m = reader.read()) {
            Event event = (Event) m.get();
            int expected = next.getOrDefault(event.event(), 0);
            assertEquals(expected, event.fields().get("n").intValue(), event.event());
            next.put(event.event(), expected + 1);
        }
        assertEquals(threads, next.size());
        next.values().forEach(count -> assertEquals(each, count));
    }

    @Test
    void readerRefusesAMaxFrameSizeOutsideItsRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrameReader(InputStream.nullInputStream(), 0));
        assertTrue(e.getMessage().endsWith("not 0"), e.getMessage());
    }

    private static ProtocolException readFails(byte[] stream) {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream), MAX);
        return assertThrows(ProtocolException.class, reader::read);
    }

    private static void write(FrameWriter writer, Message message) {
        try {
            writer.write(message);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A stream that hands out one byte per read, like a slow socket. */
    private static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    /** A stream that takes one byte per call and yields between them, so unlocked frames would interleave. */
    private static final class ByteByByte extends OutputStream {
        private final OutputStream out;

        ByteByByte(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            Thread.yield();
        }
    }
}
