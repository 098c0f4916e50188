package org.configd.protocol;

/**
 * The {@code code} strings of an error response. They are strings, not an enum, so that a client keeps working
 * when a newer configd sends a code it does not know yet.
 */
public final class ErrorCode {

    /** The caller may not do this here: a mutating op on the info socket, an op not allowed on this socket, or a
     *  control-socket peer that is neither root, configd's own user nor a member of the admin group. */
    public static final String FORBIDDEN = "forbidden";

    /** The named component (or setting key) does not exist in the configuration in force. */
    public static final String NOT_FOUND = "not-found";

    /** The frame or request could not be understood: bad length, invalid UTF-8 or JSON, not an object, a missing
     *  or wrongly typed member or argument, or a first request other than {@code hello}. */
    public static final String BAD_REQUEST = "bad-request";

    /** The request names an op this configd does not know. */
    public static final String UNKNOWN_OP = "unknown-op";

    /** {@code reload} found the new configuration invalid; the message gives the reason, the old one stays in force. */
    public static final String INVALID_CONFIG = "invalid-config";

    /** The frame's length header is above the maximum frame size; the connection is closed. */
    public static final String FRAME_TOO_LARGE = "frame-too-large";

    /** A frame was started but not completed within the frame timeout; the connection is closed. */
    public static final String FRAME_TIMEOUT = "frame-timeout";

    /** {@code hello} asked for a protocol version this configd does not speak; the connection is closed. */
    public static final String UNSUPPORTED_PROTOCOL = "unsupported-protocol";

    /** The info socket already serves its maximum number of connections; the connection is closed. */
    public static final String TOO_MANY_CONNECTIONS = "too-many-connections";

    /** The request contradicts the component's current state, e.g. an operation already under way. */
    public static final String CONFLICT = "conflict";

    /** configd is stopping and accepts no new work. */
    public static final String SHUTTING_DOWN = "shutting-down";

    /** configd failed in a way that is its own fault; its log has the details. */
    public static final String INTERNAL = "internal";

    private ErrorCode() {
    }
}
