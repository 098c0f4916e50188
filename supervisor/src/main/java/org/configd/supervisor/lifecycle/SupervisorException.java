package org.configd.supervisor.lifecycle;

/**
 * A request the supervisor cannot honour, with the protocol error code to answer it with and one sentence
 * for the operator.
 */
public final class SupervisorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public SupervisorException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
