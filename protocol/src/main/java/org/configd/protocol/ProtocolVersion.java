package org.configd.protocol;

/**
 * The protocol's version, exchanged in {@code hello}. Adding an op, an optional argument, a result member or an
 * event keeps the version (peers ignore what they do not know); anything that would break an existing peer
 * raises it.
 */
public final class ProtocolVersion {

    /** The version this code speaks. */
    public static final int CURRENT = 1;

    /** The oldest version this code still serves. */
    public static final int OLDEST = 1;

    private ProtocolVersion() {
    }

    /** Whether a peer asking for {@code version} can be served. */
    public static boolean isSupported(long version) {
        return version >= OLDEST && version <= CURRENT;
    }

    /**
     * @throws ProtocolException {@code unsupported-protocol}, closing the connection, when {@code version} is not
     *                           supported
     */
    public static void check(long version) throws ProtocolException {
        if (!isSupported(version)) {
            throw ProtocolException.closing(ErrorCode.UNSUPPORTED_PROTOCOL, "protocol version " + version
                    + " is not supported: this configd speaks version " + (OLDEST == CURRENT ? CURRENT
                    : OLDEST + " to " + CURRENT) + "; use a client from the same release");
        }
    }
}
