package org.configd.protocol;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.configd.protocol.SocketKind.COMPONENT;
import static org.configd.protocol.SocketKind.CONTROL;
import static org.configd.protocol.SocketKind.INFO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpTest {

    @Test
    void findsOpsByWireNameOnly() {
        assertEquals(Optional.of(Op.CONFIG_GET), Op.byName("config.get"));
        assertEquals(Optional.of(Op.COMPONENT_RESTART), Op.byName("component.restart"));
        assertEquals(Optional.empty(), Op.byName("CONFIG_GET"));
        assertEquals(Optional.empty(), Op.byName("format.disk"));
        assertEquals(Optional.empty(), Op.byName(""));
    }

    @Test
    void theInfoSocketServesNoMutatingOp() {
        for (Op op : Op.values()) {
            if (op.mutating()) {
                assertFalse(op.allowedOn(INFO), op.wireName());
            }
        }
    }

    @Test
    void socketsMatchTheTable() {
        assertEquals(java.util.EnumSet.allOf(SocketKind.class), Op.HELLO.sockets());
        assertTrue(Op.COMPONENT_ACQUIRE.allowedOn(INFO));
        assertFalse(Op.COMPONENT_ACQUIRE.mutating());
        assertFalse(Op.STATUS.allowedOn(COMPONENT));
        assertTrue(Op.RELOAD.allowedOn(CONTROL));
        assertFalse(Op.RELOAD.allowedOn(COMPONENT));
        assertTrue(Op.HEARTBEAT.allowedOn(COMPONENT));
        assertFalse(Op.HEARTBEAT.allowedOn(CONTROL));
    }

    @Test
    void socketKindsHaveLowerCaseWireNames() {
        assertEquals("component", COMPONENT.wireName());
        assertEquals(Optional.of(CONTROL), SocketKind.byWireName("control"));
        assertEquals(Optional.empty(), SocketKind.byWireName("CONTROL"));
    }

    @Test
    void helloSpeaksTheCurrentVersion() throws ProtocolException {
        Request hello = Request.hello(1, "configctl/0.1.0");
        assertEquals(Optional.of(Op.HELLO), hello.knownOp());
        assertEquals(ProtocolVersion.CURRENT, Args.requiredLong(hello.args(), "protocol"));
    }
}
