package org.configd.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.configd.protocol.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK on a component channel, against a fake configd on a real socket pair. */
class ComponentChannelTest {

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final RecordingExiter exiter = new RecordingExiter();
    private FakeConfigd configd;
    private Configd sdk;
    private volatile Runnable sighup;

    @AfterEach
    void closeBoth() throws Exception {
        if (sdk != null) {
            sdk.close();
        }
        if (configd != null) {
            configd.close();
        }
    }

    private static ObjectNode settings(String greeting, String audience) {
        return FakeConfigd.JSON.objectNode().put("greeting", greeting).put("audience", audience);
    }

    private Configd connect(long generation, ObjectNode settings) throws Exception {
        configd = new FakeConfigd(generation, settings);
        sdk = Connector.overChannel(configd.componentEnd, "the component channel (test)", "test/1", Map.of(),
                exiter, Log.to(stderr), handler -> {
                    sighup = handler;
                    return true;
                });
        return sdk;
    }

    private String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    @Test
    void saysHelloFirstThenReadsItsSettings() throws Exception {
        Configd c = connect(4, settings("hello", "world"));

        Request hello = configd.nextRequest();
        assertEquals("hello", hello.op());
        assertEquals(1, hello.args().get("protocol").asInt());
        assertEquals("test/1", hello.args().get("client").asText());
        assertEquals("config.get", configd.nextRequest().op());
        assertEquals(FakeConfigd.COMPONENT, c.component());
        assertEquals(4, c.settings().generation());
        assertEquals("world", c.settings().getString("audience"));
    }

    @Test
    void readyStatusAndHeartbeatSendTheirOps() throws Exception {
        Configd c = connect(1, settings("hello", "world"));
        configd.nextRequest();
        configd.nextRequest();

        c.ready();
        c.status("serving 3 clients");
        c.heartbeat();

        assertEquals("ready", configd.nextRequest().op());
        Request status = configd.nextRequest();
        assertEquals("status.set", status.op());
        assertEquals("serving 3 clients", status.args().get("text").asText());
        assertEquals("heartbeat", configd.nextRequest().op());
    }

    @Test
    void aHeartbeatIntervalUnderAMillisecondIsAccepted() throws Exception {
        Configd c = connect(1, settings("hello", "world"));
        configd.nextRequest();
        configd.nextRequest();

        try (Heartbeat ignored = c.startHeartbeat(Duration.ofNanos(500_000))) {
            assertEquals("heartbeat", configd.nextRequest().op());
            assertEquals("heartbeat", configd.nextRequest().op());
        }
    }

    @Test
    void aReloadCallsTheListenerOncePerGenerationWithOneGenerationsValues() throws Exception {
        Configd c = connect(1, settings("g1", "a1"));
        List<String> seen = new CopyOnWriteArrayList<>();
        c.onReload((previous, next) -> {
            seen.add(previous.generation() + ">" + next.generation() + ":" + next.getString("greeting") + ","
                    + next.getString("audience"));
            return Reload.APPLIED;
        });

        configd.publish(2, settings("g2", "a2"));
        configd.pushReload(2);
        await(() -> seen.size() == 1, "the listener to see generation 2");
        // configd announces one reload twice (SIGHUP and the event): the second finds nothing new.
        sighup.run();
        configd.pushReload(2);
        // SIGHUP alone is enough, too.
        configd.publish(3, settings("g3", "a3"));
        sighup.run();
        await(() -> seen.size() == 2, "the listener to see generation 3");

        assertEquals(List.of("1>2:g2,a2", "2>3:g3,a3"), seen);
        assertEquals(3, c.settings().generation());
        assertEquals("g3", c.settings().getString("greeting"));
        assertFalse(exiter.exited());
    }

    @Test
    void aListenerThatCannotApplySettingsMakesItExit0() throws Exception {
        Configd c = connect(1, settings("g1", "a1"));
        c.onReload((previous, next) -> Reload.RESTART);

        configd.publish(2, settings("g2", "a2"));
        configd.pushReload(2);

        assertEquals(0, exiter.await(5));
        assertTrue(stderr().contains("<5>the settings of generation 2 cannot be applied on the fly; exiting 0"),
                stderr());
    }

    @Test
    void withoutAListenerNewSettingsMakeItExit0() throws Exception {
        connect(1, settings("g1", "a1"));

        configd.publish(2, settings("g2", "a2"));
        configd.pushReload(2);

        assertEquals(0, exiter.await(5));
        assertTrue(stderr().contains("I apply none on the fly; exiting 0"), stderr());
    }

    @Test
    void aListenerRejectingTheNewSettingsMakesItExit102WithTheReason() throws Exception {
        Configd c = connect(1, FakeConfigd.JSON.objectNode().put("port", 8080));
        c.onReload((previous, next) -> {
            next.getInt("port");
            return Reload.APPLIED;
        });

        configd.publish(2, FakeConfigd.JSON.objectNode().put("port", "eighty"));
        configd.pushReload(2);

        assertEquals(102, exiter.await(5));
        assertTrue(stderr().contains("<3>setting 'port' must be a whole number, not \"eighty\"; fix"
                + " components.test-component.settings.port"), stderr());
    }

    @Test
    void theEndOfTheChannelMakesItExit1WithOneClearLine() throws Exception {
        connect(1, settings("g1", "a1"));
        configd.nextRequest();
        configd.nextRequest();

        configd.close();

        assertEquals(1, exiter.await(5));
        assertEquals("<3>configd closed the component channel (test) (configd stopped or died); exiting with"
                + " status 1\n",
                stderr());
    }

    @Test
    void garbageOnTheChannelMakesItExit1WithOneClearLine() throws Exception {
        connect(1, settings("g1", "a1"));
        configd.nextRequest();
        configd.nextRequest();

        configd.sendRaw(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'});

        assertEquals(1, exiter.await(5));
        assertTrue(stderr().startsWith("<3>protocol error on the component channel (test): the frame is not valid"
                + " JSON"), stderr());
        assertTrue(stderr().endsWith("; exiting with status 1\n"), stderr());
        assertEquals(1, stderr().lines().count(), stderr());
    }

    @Test
    void callsAfterTheLossFailAtOnce() throws Exception {
        Configd c = connect(1, settings("g1", "a1"));
        configd.close();
        exiter.await(5);

        ConfigdException e = assertThrows(ConfigdException.class, c::ready);
        assertEquals(ConfigdException.UNREACHABLE, e.code());
    }

    @Test
    void aMissingFeatureMakesItExit101NamingTheFeature() throws Exception {
        Configd c = connect(1, settings("g1", "a1"));
        configd.answer("license.get", license("valid", "scan"));

        assertEquals(List.of("scan"), c.requireFeature("scan").features());
        assertThrows(IllegalStateException.class, () -> c.requireFeature("report"));

        assertEquals(101, exiter.await(5));
        assertEquals("<3>test-component needs the licensed feature 'report', but the license L-7 for Example Ltd,"
                + " valid until 2030-06-30 does not include it; install a license that does, then reload configd\n",
                stderr());
    }

    @Test
    void anInvalidLicenseMakesItExit101NamingTheState() throws Exception {
        Configd c = connect(1, settings("g1", "a1"));
        configd.answer("license.get", license("expired", "report").put("reason", "it expired on 2030-06-30"));

        assertThrows(IllegalStateException.class, () -> c.requireFeature("report"));

        assertEquals(101, exiter.await(5));
        assertTrue(stderr().startsWith("<3>test-component needs a valid license, but the license is expired (it"
                + " expired on 2030-06-30)"), stderr());
    }

    private static ObjectNode license(String state, String feature) {
        ObjectNode l = FakeConfigd.JSON.objectNode().put("state", state).put("id", "L-7")
                .put("licensee", "Example Ltd").put("issued", "2024-01-01").put("expires", "2030-06-30");
        l.putArray("features").add(feature);
        return l;
    }

    @Test
    void withoutConfigdFdItExits1SayingHowToRunIt() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThrows(IllegalStateException.class,
                () -> Connector.component("test/1", Map.of(), exiter, Log.to(err)));

        assertTrue(exiter.exited());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("<3>CONFIGD_FD is not set: this program is a"
                + " configd component"), err.toString(StandardCharsets.UTF_8));
    }
}
