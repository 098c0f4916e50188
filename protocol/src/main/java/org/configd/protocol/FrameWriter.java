package org.configd.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes messages to a blocking stream, one frame each (see {@link Frames} for the layout). Thread-safe: a
 * component's heartbeat thread and its main thread may share one writer, and frames never interleave.
 */
public final class FrameWriter {

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();

    /** @param out the stream to write to; closing it is the caller's business */
    public FrameWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Writes the message as one frame, in one write, and flushes the stream once. */
    public void write(Message message) throws IOException {
        byte[] frame = MessageCodec.encodeFrame(message);
        lock.lock();
        try {
            out.write(frame);
            out.flush();
        } finally {
            lock.unlock();
        }
    }
}
