package org.configd.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads messages from a blocking stream, one frame at a time (see {@link Frames} for the layout): how components
 * and configctl read configd's answers and events. Not thread-safe: one thread reads a connection.
 *
 * <p>Each header is read with a one-byte read first, so give it a buffered stream when the stream is a socket.
 * After an exception whose {@link ProtocolException#closesConnection()} is true the stream is out of step with its
 * frames: close it.
 */
public final class FrameReader {

    private final InputStream in;
    private final int maxFrameSize;
    private final byte[] header = new byte[Frames.HEADER_BYTES];

    /**
     * @param in           the stream to read from; closing it is the caller's business
     * @param maxFrameSize the largest frame accepted, checked by {@link Frames#checkMaxFrameSize}
     */
    public FrameReader(InputStream in, int maxFrameSize) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxFrameSize = Frames.checkMaxFrameSize(maxFrameSize);
    }

    /**
     * Reads the next message, blocking until a whole frame has arrived.
     *
     * @return the message, or empty when the stream ended cleanly between two frames
     * @throws ProtocolException when the stream ends inside a frame, or the frame's length or content is invalid
     * @throws IOException       when the stream fails
     */
    public Optional<Message> read() throws IOException, ProtocolException {
        int first = in.read();
        if (first < 0) {
            return Optional.empty();
        }
        header[0] = (byte) first;
        readFully(header, 1, Frames.HEADER_BYTES - 1);
        int length = Frames.checkLength(Frames.lengthAt(header, 0), maxFrameSize);
        byte[] json = new byte[length];
        readFully(json, 0, length);
        return Optional.of(MessageCodec.decode(json, 0, length));
    }

    private void readFully(byte[] into, int offset, int length) throws IOException, ProtocolException {
        if (in.readNBytes(into, offset, length) < length) {
            throw ProtocolException.closing(ErrorCode.BAD_REQUEST,
                    "the connection was closed in the middle of a frame");
        }
    }
}
