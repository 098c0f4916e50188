package org.configd.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgsTest {

    private final ObjectNode args = JsonNodeFactory.instance.objectNode()
            .put("component", "scan-engine")
            .put("count", 5)
            .put("wide", 1.5)
            .put("flag", true)
            .put("empty", "")
            .putNull("nothing");

    @Test
    void readsArgumentsOfTheRightType() throws ProtocolException {
        assertEquals(Optional.of("scan-engine"), Args.optionalString(args, "component"));
        assertEquals("scan-engine", Args.requiredString(args, "component"));
        assertEquals(OptionalLong.of(5), Args.optionalLong(args, "count"));
        assertEquals(5, Args.requiredLong(args, "count"));
        assertTrue(Args.optionalBoolean(args, "flag", false));
    }

    @Test
    void absentAndNullArgumentsAreEmptyOrTheDefault() throws ProtocolException {
        assertEquals(Optional.empty(), Args.optionalString(args, "key"));
        assertEquals(Optional.empty(), Args.optionalString(args, "nothing"));
        assertEquals(OptionalLong.empty(), Args.optionalLong(args, "nothing"));
        assertTrue(Args.optionalBoolean(args, "nothing", true));
        assertFalse(Args.optionalBoolean(args, "key", false));
    }

    @Test
    void wrongTypesNameTheArgumentAndBothTypes() {
        assertBad("argument 'count' must be a string, not a number", () -> Args.optionalString(args, "count"));
        assertBad("argument 'flag' must be a string, not a boolean", () -> Args.requiredString(args, "flag"));
        assertBad("argument 'component' must be a whole number, not a string", () -> Args.optionalLong(args, "component"));
        assertBad("argument 'wide' must be a whole number, not 1.5", () -> Args.optionalLong(args, "wide"));
        assertBad("argument 'count' must be true or false, not a number", () -> Args.optionalBoolean(args, "count", false));
    }

    @Test
    void requiredArgumentsMustBePresentAndNotEmpty() {
        assertBad("argument 'key' is missing; give it as a string", () -> Args.requiredString(args, "key"));
        assertBad("argument 'nothing' is missing; give it as a string", () -> Args.requiredString(args, "nothing"));
        assertBad("argument 'empty' must not be empty", () -> Args.requiredString(args, "empty"));
        assertBad("argument 'protocol' is missing; give it as a whole number", () -> Args.requiredLong(args, "protocol"));
    }

    @Test
    void numbersBeyondALongAreOutOfRange() {
        ObjectNode big = JsonNodeFactory.instance.objectNode().put("n", BigInteger.TWO.pow(64));
        assertBad("argument 'n' is out of range: 18446744073709551616", () -> Args.optionalLong(big, "n"));
    }

    private static void assertBad(String message, org.junit.jupiter.api.function.Executable call) {
        ProtocolException e = assertThrows(ProtocolException.class, call);
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        assertEquals(message, e.getMessage());
        assertFalse(e.closesConnection());
    }
}
