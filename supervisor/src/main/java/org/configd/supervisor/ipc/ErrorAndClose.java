package org.configd.supervisor.ipc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import org.configd.protocol.Response;

/**
 * A connection's last word: one error response, then close. The mark it leaves on the channel makes it happen at
 * most once, however many bad frames were already read into the same buffer, and tells the decoders to drop
 * whatever still arrives while the close is under way.
 */
final class ErrorAndClose {

    private static final AttributeKey<Boolean> SENT = AttributeKey.valueOf(ErrorAndClose.class, "sent");

    private ErrorAndClose() {
    }

    /**
     * Writes {@code error} from the channel's tail, so that it passes every outbound handler (the
     * {@link MessageEncoder} frames it), and closes the channel once it is written or has failed. Does nothing
     * when the channel already had its last word.
     */
    static void send(Channel channel, Response error) {
        if (channel.attr(SENT).setIfAbsent(Boolean.TRUE) == null) {
            channel.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Whether the channel's last error was sent: what still arrives on it is dropped. */
    static boolean sent(Channel channel) {
        return channel.attr(SENT).get() != null;
    }
}
