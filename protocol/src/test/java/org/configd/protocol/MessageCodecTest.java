package org.configd.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageCodecTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void requestRoundTrips() throws ProtocolException {
        Request request = Request.of(7, "config.get", JSON.objectNode().put("component", "scan-engine"));
        assertEquals("{\"id\":7,\"op\":\"config.get\",\"args\":{\"component\":\"scan-engine\"}}", text(request));
        assertEquals(request, roundTrip(request));
    }

    @Test
    void successfulResponseRoundTrips() throws ProtocolException {
        Response response = Response.ok(TextNode.valueOf("a-1"), JSON.objectNode().put("generation", 3));
        assertEquals("{\"id\":\"a-1\",\"ok\":true,\"result\":{\"generation\":3}}", text(response));
        assertEquals(response, roundTrip(response));
    }

    @Test
    void errorResponseWithoutIdRoundTrips() throws ProtocolException {
        Response response = Response.error(null, ErrorCode.NOT_FOUND, "no component 'x'");
        assertEquals("{\"id\":null,\"ok\":false,\"error\":{\"code\":\"not-found\",\"message\":\"no component 'x'\"}}",
                text(response));
        assertEquals(response, roundTrip(response));
        assertEquals(NullNode.getInstance(), response.id());
    }

    @Test
    void eventRoundTripsWithItsFieldsBesideItsName() throws ProtocolException {
        Event event = Event.reload(7);
        assertEquals("{\"event\":\"reload\",\"generation\":7}", text(event));
        assertEquals(event, roundTrip(event));
    }

    @Test
    void nonAsciiTextIsWrittenAsUtf8() throws ProtocolException {
        Request request = Request.of(1, "status.set", JSON.objectNode().put("text", "prêt ✓ 𝄞"));
        byte[] json = MessageCodec.encode(request);
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("prêt ✓ 𝄞"));
        assertEquals(request, MessageCodec.decode(json, 0, json.length));
    }

    @Test
    void encodeFrameIsHeaderPlusJson() {
        Event event = Event.reload(7);
        byte[] json = MessageCodec.encode(event);
        assertArrayEquals(Hex.frame(json), MessageCodec.encodeFrame(event));
    }

    @Test
    void decodesFromTheMiddleOfAnArray() throws ProtocolException {
        byte[] bytes = "xx{\"event\":\"reload\",\"generation\":2}yy".getBytes(StandardCharsets.UTF_8);
        assertEquals(Event.reload(2), MessageCodec.decode(bytes, 2, bytes.length - 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.50", "-3", "123456789012345678901234567890", "\"req-1\"", "\"\""})
    void requestIdIsEchoedWithItsDigits(String id) throws ProtocolException {
        Request request = (Request) decode("{\"id\":" + id + ",\"op\":\"hello\"}");
        String answer = text(Response.ok(request.id()));
        assertEquals("{\"id\":" + id + ",\"ok\":true,\"result\":{}}", answer);
    }

    @Test
    void missingOrNullArgsAreAnEmptyObject() throws ProtocolException {
        assertEquals(JSON.objectNode(), ((Request) decode("{\"id\":1,\"op\":\"status\"}")).args());
        assertEquals(JSON.objectNode(), ((Request) decode("{\"id\":1,\"op\":\"status\",\"args\":null}")).args());
    }

    @Test
    void unknownMembersAreIgnored() throws ProtocolException {
        assertEquals(Request.of(1, "status", null), decode("{\"id\":1,\"op\":\"status\",\"trace\":\"x\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "7B 22 61 22 3A 22 C3 28 22 7D    | bytes C3 28 at offset 6",
        "7B 22 61 22 3A 22 C0 AF 22 7D    | bytes C0 at offset 6",
        "7B 22 61 22 3A 22 ED A0 80 22 7D | bytes ED A0 at offset 6",
        "7B 22 61 22 3A 22 F4 90 80 80 22 7D | bytes F4 90 at offset 6",
        "7B 22 61 22 3A 22 E2 82          | bytes E2 82 at offset 6",
    })
    void invalidUtf8ClosesTheConnection(String hex, String named) {
        ProtocolException e = decodeFails(Hex.bytes(hex));
        assertTrue(e.closesConnection());
        assertTrue(e.getMessage().startsWith("the frame is not valid UTF-8: " + named), e.getMessage());
    }

    @Test
    void byteOrderMarkIsRefused() {
        ProtocolException e = decodeFails(Hex.bytes("EF BB BF 7B 7D"));
        assertTrue(e.getMessage().contains("byte order mark"), e.getMessage());
    }

    @Test
    void utf16IsRefusedNotGuessed() {
        ProtocolException e = decodeFails("{\"id\":1,\"op\":\"hello\"}".getBytes(StandardCharsets.UTF_16LE));
        assertTrue(e.getMessage().contains("zero byte at offset 1"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{id:1}                  | at line 1, column 2: Unexpected character ('i' (code 105)): was expecting double-quote",
        "{\"id\":1,\"op\":\"x\"  | at line 1, column 17: Unexpected end-of-input",
        "{\"id\":NaN}            | at line 1, column 10: Non-standard token 'NaN'",
        "{} {}                   | at line 1, column 4: Trailing token",
        "{\"id\":1,\"id\":2}     | at line 1, column 13: Duplicate field 'id'",
    })
    void invalidJsonClosesTheConnectionWithAReasonAndAPlace(String json, String reason) {
        ProtocolException e = decodeFails(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(e.closesConnection());
        assertTrue(e.getMessage().startsWith("the frame is not valid JSON " + reason), e.getMessage());
        assertFalse(e.getMessage().contains("Feature"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[1,2] | an array", "\"hello\" | a string", "42 | a number", "null | null",
        "`   ` | no JSON value"})
    void jsonThatIsNotAnObjectClosesTheConnection(String json, String what) {
        ProtocolException e = decodeFails(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertTrue(e.closesConnection());
        assertTrue(e.getMessage().startsWith("the frame holds " + what + "; it must hold one JSON object"),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"id\":5,\"op\":5}                       | 5    | 'op' must be a string, not a number",
        "{\"id\":5,\"op\":\"\"}                    | 5    | 'op' must not be empty",
        "{\"id\":\"x\",\"op\":\"status\",\"args\":[]} | \"x\" | 'args' must be an object, not an array",
        "{\"id\":5}                                | 5    | the message has none of 'op', 'ok' and 'event'",
        "{\"id\":5,\"op\":\"status\",\"event\":\"e\"} | 5 | the message has more than one of",
        "{\"op\":\"status\"}                       | null | the request has no 'id'",
        "{\"id\":{},\"op\":\"status\"}             | null | 'id' must be a number or a string, not an object",
        "{\"id\":true,\"op\":\"status\"}           | null | 'id' must be a number or a string, not a boolean",
        "{\"id\":1,\"ok\":\"yes\"}                 | 1    | 'ok' must be true or false, not a string",
        "{\"id\":1,\"ok\":true}                    | 1    | the message has no 'result' object",
        "{\"id\":1,\"ok\":false,\"error\":{\"code\":\"x\"}} | 1 | the message has no 'error.message' string",
        "{\"event\":7}                             | null | 'event' must be a string, not a number",
    })
    void wrongMembersAreAnsweredAndTheConnectionStaysUsable(String json, String id, String message) {
        ProtocolException e = decodeFails(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertFalse(e.closesConnection());
        assertEquals(id, e.requestId().toString());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(id, e.toResponse().id().toString());
    }

    @Test
    void recordsRefuseWhatTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new Request(JSON.arrayNode(), "status", null));
        assertThrows(IllegalArgumentException.class, () -> new Response(JSON.objectNode(), true, JSON.objectNode(), null));
        assertThrows(IllegalArgumentException.class, () -> new Response(null, true, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Response(null, false, JSON.objectNode(), null));
        ObjectNode clash = JSON.objectNode().put("event", "x");
        assertThrows(IllegalArgumentException.class, () -> new Event("reload", clash));
    }

    @Test
    void decodedMessagesAreTheirKind() throws ProtocolException {
        assertInstanceOf(Request.class, decode("{\"id\":1,\"op\":\"x\"}"));
        assertInstanceOf(Response.class, decode("{\"id\":1,\"ok\":true,\"result\":{}}"));
        assertInstanceOf(Event.class, decode("{\"event\":\"x\"}"));
    }

    private static Message roundTrip(Message message) throws ProtocolException {
        byte[] json = MessageCodec.encode(message);
        return MessageCodec.decode(json, 0, json.length);
    }

    private static String text(Message message) {
        return new String(MessageCodec.encode(message), StandardCharsets.UTF_8);
    }

    private static Message decode(String json) throws ProtocolException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return MessageCodec.decode(bytes, 0, bytes.length);
    }

    /**
     * The start-up rehearsal (configd's warm-up, configctl's) swallows its failures, so a change to the protocol that
     * made it throw half-way would go unnoticed and the codec would load on the critical path again.
     */
    @Test
    void rehearsalReadsBackTheResponseItEncoded() {
        assertTrue(MessageCodec.rehearse());
    }

    private static ProtocolException decodeFails(byte[] bytes) {
        return assertThrows(ProtocolException.class, () -> MessageCodec.decode(bytes, 0, bytes.length));
    }
}
