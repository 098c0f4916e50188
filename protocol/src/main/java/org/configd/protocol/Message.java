package org.configd.protocol;

/**
 * One JSON object on the wire: a {@link Request} (client to configd), a {@link Response} (its answer) or an
 * {@link Event} (configd to client, unasked). {@link MessageCodec} turns each into bytes and back.
 *
 * <p>The records hold Jackson trees ({@code ObjectNode}s), which Jackson cannot freeze: treat a message's trees as
 * read-only once it is built, since it may be encoded or handed to another thread afterwards.
 */
public sealed interface Message permits Request, Response, Event {
}
