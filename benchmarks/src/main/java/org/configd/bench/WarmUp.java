package org.configd.bench;

import java.nio.file.Path;
import org.configd.protocol.Frames;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.ProtocolException;
import org.configd.protocol.Request;
import org.configd.supervisor.spawn.PosixException;
import org.configd.supervisor.spawn.ProcessSignals;

/**
 * Loads and initialises the harness's own code paths before anything is timed: the first kill(2) through jnr-ffi
 * and the first frame through Jackson each cost the harness a few hundred milliseconds of class loading, which
 * would otherwise land in the first figure of a scenario (a stop that seems slow, a configd that seems late).
 */
final class WarmUp {

    private WarmUp() {}

    static void harness(Path work) throws PosixException, ProtocolException {
        ProcessSignals.signalProcess((int) ProcessHandle.current().pid(), 0); // signal 0: only checks
        for (int i = 0; i < 1000; i++) {
            byte[] frame = MessageCodec.encodeFrame(Request.hello(i, "configd-bench/1"));
            MessageCodec.decode(frame, Frames.HEADER_BYTES, frame.length - Frames.HEADER_BYTES);
        }
        InfoClient.answersHello(work.resolve("no-such.sock"));
    }
}
