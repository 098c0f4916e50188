package org.configd.protocol;

import java.util.Objects;

/**
 * The {@code error} member of a failed response: {@code {"code": "not-found", "message": "..."}}.
 *
 * @param code    one of the {@link ErrorCode} constants (a client must accept codes it does not know)
 * @param message one sentence for a human: what was wrong and, where there is one, the fix
 */
public record ErrorBody(String code, String message) {

    public ErrorBody {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
