package org.configd.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.Objects;

/**
 * Blocking streams over a socket channel, for the protocol's {@code FrameReader} and {@code FrameWriter}.
 *
 * <p>Trap: the JDK's {@code Channels.newInputStream} and {@code newOutputStream} hold the channel's blocking lock for
 * every read and every write. The SDK's reader thread sits in a read for as long as configd says nothing, so with
 * those streams every {@code ready}, {@code status.set} or {@code heartbeat} from another thread would wait forever.
 * These streams take no lock: one thread reads, and {@code FrameWriter} serialises the writers.
 */
final class ChannelStreams {

    private ChannelStreams() {
    }

    static InputStream input(ByteChannel channel) {
        Objects.requireNonNull(channel, "channel");
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                Objects.checkFromIndexSize(offset, length, into.length);
                if (length == 0) {
                    return 0;
                }
                int n = channel.read(ByteBuffer.wrap(into, offset, length));
                if (n == 0) {
                    throw nonBlocking();
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    static OutputStream output(ByteChannel channel) {
        Objects.requireNonNull(channel, "channel");
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] from, int offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(from, offset, length);
                while (buffer.hasRemaining()) {
                    if (channel.write(buffer) == 0) {
                        throw nonBlocking();
                    }
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** A blocking channel never moves zero bytes; one that does was left non-blocking and would spin. */
    private static IOException nonBlocking() {
        return new IOException("the socket is in non-blocking mode, which the SDK's blocking client cannot use");
    }
}
