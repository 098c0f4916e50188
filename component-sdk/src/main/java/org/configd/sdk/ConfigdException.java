package org.configd.sdk;

import java.util.Objects;

/**
 * A request to configd failed: configd answered with an error, or it could not be reached or did not answer.
 *
 * <p>On a component's own channel a lost connection also ends the process with status 1 (see {@link Configd}), so a
 * component rarely needs to catch this; a tool talking to the info socket reports {@link #getMessage()} to its user.
 */
public final class ConfigdException extends RuntimeException {

    /** The code of a failure on this side: configd could not be reached, or the connection was lost. */
    public static final String UNREACHABLE = "unreachable";

    /** The code of a request that configd did not answer in time. */
    public static final String NO_ANSWER = "no-answer";

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code    configd's error code ({@code org.configd.protocol.ErrorCode}), or {@link #UNREACHABLE} or
     *                {@link #NO_ANSWER} for failures on this side
     * @param message one sentence saying what failed
     */
    public ConfigdException(String code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * configd's error code, e.g. {@code not-found} or {@code conflict} (a client treats codes it does not know like
     * {@code internal}), or {@link #UNREACHABLE} or {@link #NO_ANSWER}.
     */
    public String code() {
        return code;
    }
}
