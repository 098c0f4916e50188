package org.configd.bench.micro;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.configd.protocol.FrameReader;
import org.configd.protocol.FrameWriter;
import org.configd.protocol.Frames;
import org.configd.protocol.Message;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.ProtocolException;
import org.configd.protocol.Request;
import org.configd.protocol.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The protocol's cost per message: a {@code config.get} request and its answer (a component's settings, as
 * {@link org.configd.bench.InfoSocketLoad} asks for them), encoded to a frame and decoded from one, and the blocking
 * {@link FrameReader}/{@link FrameWriter} pair that configctl and components use.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameBenchmarks {

    private Request request;
    private Response response;
    private byte[] requestFrame;
    private byte[] responseFrame;
    private FrameWriter discardingWriter;

    @Setup
    public void setup() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        request = Request.of(42, "config.get", json.objectNode().put("component", "scan-engine"));
        ObjectNode settings = json.objectNode().put("listen", "127.0.0.1:8001").put("workers", 4);
        settings.putObject("db").put("url", "postgres://db/scan").put("user", "app").put("password", "<redacted>");
        settings.putArray("tags").add("a").add("b");
        ObjectNode result = json.objectNode().put("generation", 3).put("component", "scan-engine");
        result.set("settings", settings);
        response = Response.ok(request.id(), result);
        requestFrame = MessageCodec.encodeFrame(request);
        responseFrame = MessageCodec.encodeFrame(response);
        discardingWriter = new FrameWriter(OutputStream.nullOutputStream());
    }

    @Benchmark
    public byte[] encodeRequestFrame() {
        return MessageCodec.encodeFrame(request);
    }

    @Benchmark
    public byte[] encodeResponseFrame() {
        return MessageCodec.encodeFrame(response);
    }

    @Benchmark
    public Message decodeRequest() throws ProtocolException {
        return MessageCodec.decode(requestFrame, Frames.HEADER_BYTES, requestFrame.length - Frames.HEADER_BYTES);
    }

    @Benchmark
    public Message decodeResponse() throws ProtocolException {
        return MessageCodec.decode(responseFrame, Frames.HEADER_BYTES, responseFrame.length - Frames.HEADER_BYTES);
    }

    @Benchmark
    public void frameWriterRequest() throws IOException {
        discardingWriter.write(request);
    }

    @Benchmark
    public Message frameReaderResponse() throws IOException, ProtocolException {
        return new FrameReader(new ByteArrayInputStream(responseFrame), Frames.DEFAULT_MAX_FRAME_SIZE).read()
                .orElseThrow();
    }
}
