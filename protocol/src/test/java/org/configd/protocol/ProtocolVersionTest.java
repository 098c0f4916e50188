package org.configd.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolVersionTest {

    @Test
    void currentVersionIsSupported() {
        assertDoesNotThrow(() -> ProtocolVersion.check(ProtocolVersion.CURRENT));
    }

    @Test
    void otherVersionsCloseTheConnectionWithUnsupportedProtocol() {
        for (long version : new long[] {0, ProtocolVersion.CURRENT + 1, -1, Long.MAX_VALUE}) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> ProtocolVersion.check(version));
            assertEquals(ErrorCode.UNSUPPORTED_PROTOCOL, e.code());
            assertTrue(e.closesConnection());
            assertTrue(e.getMessage().startsWith("protocol version " + version + " is not supported"), e.getMessage());
        }
    }
}
