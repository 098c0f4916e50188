package org.configd.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Turns messages into UTF-8 JSON and back, with the one Jackson configuration of the protocol. Everything here is
 * thread-safe and uses Jackson's streaming API alone, without its data-binding layer: this is on every request's
 * path and in every short-lived tool's start-up.
 *
 * <p>Decoding is strict: the bytes must be well-formed UTF-8 (checked here, since Jackson lets overlong forms
 * through) with no byte order mark, hold exactly one JSON value, with no duplicate member names, and that value
 * must be an object. Failing any of that closes the connection; an object that is not a valid message is answered
 * with a message naming the member, and the connection stays usable.
 */
public final class MessageCodec {

    /** Where Jackson's own wording turns to its location or its configuration, both useless to a peer. */
    private static final List<String> JACKSON_NOISE =
            List.of(" (start marker at", ": enable `", ": not allowed as per", " (bound as", "\n");

    private MessageCodec() {
    }

    /**
     * A JSON value as compact JSON text. Use it rather than {@code JsonNode.toString()}, which starts Jackson's
     * whole data-binding layer on its first call (tens of milliseconds in a short-lived tool).
     */
    public static String text(JsonNode value) {
        return new String(write(value, new ByteArrayBuilder()), StandardCharsets.UTF_8);
    }

    /**
     * A request encoded, a response encoded and read back, as a conversation does: loads and initialises Jackson's
     * factory, generator and parser (~10 ms cold), for a start-up that does this on a thread of its own while it
     * does other things.
     *
     * @return whether the response read back is the one encoded; never throws: a warm-up must fail nothing, the
     *         real conversation meets the same problem and reports it
     */
    public static boolean rehearse() {
        try {
            encode(Request.hello(0, "warmup"));
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.putObject("component").put("name", "warmup").put("pid", 1);
            byte[] bytes = encode(Response.ok(JsonNodeFactory.instance.numberNode(1), result));
            return decode(bytes, 0, bytes.length) instanceof Response response && response.ok()
                    && response.result().equals(result);
        } catch (ProtocolException | RuntimeException e) {
            return false;
        }
    }

    /** The message as UTF-8 JSON, without the frame header. */
    public static byte[] encode(Message message) {
        return write(toJson(message), new ByteArrayBuilder());
    }

    /** The whole frame: the length header followed by the message's UTF-8 JSON. */
    public static byte[] encodeFrame(Message message) {
        ByteArrayBuilder out = new ByteArrayBuilder();
        out.appendFourBytes(0); // the length header, filled in below
        byte[] frame = write(toJson(message), out);
        Frames.putLength(frame, 0, frame.length - Frames.HEADER_BYTES);
        return frame;
    }

    /** Writes the message's UTF-8 JSON (without a header) to {@code out}, which is neither flushed nor closed. */
    public static void encode(Message message, OutputStream out) throws IOException {
        JsonTrees.write(toJson(message), out);
    }

    /** The bytes in {@code out} followed by {@code value} as compact UTF-8 JSON. */
    private static byte[] write(JsonNode value, ByteArrayBuilder out) {
        try {
            JsonTrees.write(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JSON tree to memory, which should never happen", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads one message from a frame's JSON bytes.
     *
     * @throws ProtocolException {@code bad-request}; {@link ProtocolException#closesConnection()} tells whether the
     *                           bytes were unreadable (close) or only the message inside them was wrong (answer, go on)
     */
    public static Message decode(byte[] bytes, int offset, int length) throws ProtocolException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Utf8.check(bytes, offset, length);
        checkNoEncodingMarks(bytes, offset, length);
        JsonNode tree;
        try {
            tree = JsonTrees.read(bytes, offset, length);
        } catch (JsonProcessingException e) {
            throw ProtocolException.closing(ErrorCode.BAD_REQUEST, describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON from memory, which should never happen", e);
        }
        if (tree == null) {
            throw ProtocolException.closing(ErrorCode.BAD_REQUEST,
                    "the frame holds no JSON value; it must hold one JSON object");
        }
        if (!tree.isObject()) {
            throw ProtocolException.closing(ErrorCode.BAD_REQUEST,
                    "the frame holds " + JsonTypes.describe(tree) + "; it must hold one JSON object");
        }
        return MessageParser.parse((ObjectNode) tree);
    }

    /**
     * Jackson guesses UTF-16 or UTF-32 from zero bytes at the start and skips a byte order mark; UTF-8 JSON text
     * never has a zero byte, and the protocol allows no mark, so both are refused before Jackson can guess.
     */
    private static void checkNoEncodingMarks(byte[] bytes, int offset, int length) throws ProtocolException {
        if (length >= 3 && bytes[offset] == (byte) 0xEF && bytes[offset + 1] == (byte) 0xBB
                && bytes[offset + 2] == (byte) 0xBF) {
            throw ProtocolException.closing(ErrorCode.BAD_REQUEST,
                    "the frame starts with a byte order mark (EF BB BF); send the JSON text without it");
        }
        for (int i = 0; i < Math.min(length, 4); i++) {
            if (bytes[offset + i] == 0) {
                throw ProtocolException.closing(ErrorCode.BAD_REQUEST, "the frame has a zero byte at offset " + i
                        + ", which JSON text never has; send JSON encoded as UTF-8, not UTF-16 or UTF-32");
            }
        }
    }

    /** Jackson's message, without its advice on Jackson features, which means nothing to the peer. */
    private static String describe(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        for (String noise : JACKSON_NOISE) {
            int cut = reason.indexOf(noise);
            if (cut > 0) {
                reason = reason.substring(0, cut);
            }
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "the frame is not valid JSON" + where + ": " + reason;
    }

    private static ObjectNode toJson(Message message) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (message instanceof Request request) {
            json.set("id", request.id());
            json.put("op", request.op());
            json.set("args", request.args());
        } else if (message instanceof Response response) {
            json.set("id", response.id());
            json.put("ok", response.ok());
            if (response.ok()) {
                json.set("result", response.result());
            } else {
                json.putObject("error")
                        .put("code", response.error().code())
                        .put("message", response.error().message());
            }
        } else {
            Event event = (Event) message;
            json.put("event", event.event());
            json.setAll(event.fields());
        }
        return json;
    }
}
