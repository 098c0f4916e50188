package org.configd.supervisor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.configd.protocol.Message;
import org.configd.protocol.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daemon's ground: sockets and privileges, reload, the run-directory lock, bad frames, layering, license. */
class FoundationE2ETest extends E2ETest {

    static final String SERVICE = """
            svc {
              command = ["/bin/sleep", "1000"]
              secret-settings = ["db.password"]
              settings { greeting = "hello", db { user = app, password = "s3cret" } }
            }
            """;

    @BeforeEach
    void configureService() {
        bed.configure(SERVICE);
    }

    @Test
    void aNonRootPeerIsServedOnTheInfoSocketAndRefusedOnTheControlSocket() throws Exception {
        try (RunningDaemon d = bed.start()) {
            AsNobody nobody = new AsNobody(bed.dir);
            String runDir = bed.runDir.toString();

            CtlResult status = nobody.configctl("--run-dir", runDir, "status");
            assertEquals(0, status.exit(), status.toString());
            assertTrue(status.out().contains("svc"), status.out());

            CtlResult reload = nobody.configctl("--run-dir", runDir, "reload");
            assertEquals(4, reload.exit(), reload.toString());
            assertTrue(reload.err().contains("needs configd's control socket") && reload.err().contains("root"),
                    reload.err());
            assertFalse(reload.err().contains("Exception"), reload.err());

            CtlResult raw = nobody.run(RawClient.class.getName(), bed.runDir.resolve("info.sock").toString(), "reload");
            assertEquals(0, raw.exit(), raw.toString());
            assertTrue(raw.out().contains("\"code\":\"forbidden\""), raw.out());
            d.awaitLog("refused reload on the info socket from uid 65534, pid ");
        }
    }

    @Test
    void aBindingLeftHalfDoneByAKilledConfigdDoesNotStopTheNextStart() throws Exception {
        java.nio.file.Files.createDirectories(bed.runDir.resolve(".bind"));
        bed.write(bed.dir.relativize(bed.runDir.resolve(".bind/control.sock")).toString(), "left over");
        try (RunningDaemon d = bed.start()) {
            assertEquals(0, d.ctl("status").exit());
            assertFalse(java.nio.file.Files.exists(bed.runDir.resolve(".bind")), "the private bind folder is gone");
        }
    }

    @Test
    void secretsAreRedactedOnTheInfoSocketAndShownOnTheControlSocket() throws Exception {
        try (RunningDaemon d = bed.start()) {
            CtlResult root = d.ctl("config", "svc");
            assertEquals(0, root.exit(), root.toString());
            assertTrue(root.out().contains("svc.db.password = \"s3cret\""), root.out());

            CtlResult nobody = new AsNobody(bed.dir).configctl("--run-dir", bed.runDir.toString(), "config", "svc");
            assertEquals(0, nobody.exit(), nobody.toString());
            assertTrue(nobody.out().contains("svc.db.password = \"<redacted>\""), nobody.out());
            assertTrue(nobody.out().contains("svc.db.user = \"app\""), nobody.out());
            assertFalse(nobody.out().contains("s3cret"));

            try (RawClient info = new RawClient(bed.runDir.resolve("info.sock"))) {
                info.hello();
                ObjectNode args = JsonNodeFactory.instance.objectNode().put("component", "svc").put("key", "db.password");
                Response r = (Response) info.call("config.get", args);
                assertEquals("<redacted>", r.result().path("value").asText());
            }
        }
    }

    @Test
    void sighupWithABrokenFileKeepsTheOldGenerationAndConfigctlReloadShowsWhy() throws Exception {
        try (RunningDaemon d = bed.start()) {
            bed.write("conf.d/broken.conf", "components.svc.stop-timeout = \"soon\"\n");
            d.signal("HUP");
            d.awaitLog("rejected, generation 1 stays in force");
            assertEquals(1, Status.parse(d.ctl("--json", "ping").out()).path("generation").asInt());

            CtlResult reload = d.ctl("reload");
            assertEquals(1, reload.exit(), reload.toString());
            assertTrue(reload.err().contains("broken.conf:1: components.svc.stop-timeout"), reload.err());
            assertEquals("running", Status.state(d, "svc"), "nothing was restarted");

            bed.write("conf.d/broken.conf", "components.svc.settings.greeting = \"hi\"\n");
            CtlResult fixed = d.ctl("reload");
            assertEquals(0, fixed.exit(), fixed.toString());
            assertTrue(fixed.out().contains("generation 2"), fixed.out());
        }
    }

    @Test
    void aSecondDaemonOnTheSameRunDirectoryRefusesAndTheFirstKeepsServing() throws Exception {
        try (RunningDaemon first = bed.start()) {
            Process second = new ProcessBuilder(RunningDaemon.command(bed.config)).redirectErrorStream(true).start();
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, second.exitValue(), output);
            assertTrue(output.contains("another configd (pid " + first.pid() + ") is already running"), output);
            assertFalse(output.contains("Exception"), output);
            assertEquals(0, first.ctl("ping").exit());
            assertTrue(Files.exists(bed.runDir.resolve("info.sock")));
        }
    }

    @Test
    void anOversizedOrMalformedFrameClosesOnlyThatConnection() throws Exception {
        try (RunningDaemon d = bed.start(); RawClient good = new RawClient(bed.runDir.resolve("info.sock"))) {
            good.hello();
            try (RawClient huge = new RawClient(bed.runDir.resolve("info.sock"))) {
                huge.sendBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                assertError(huge.next(), "frame-too-large");
                assertTrue(huge.next().isEmpty(), "closed after the error");
            }
            try (RawClient garbage = new RawClient(bed.runDir.resolve("info.sock"))) {
                byte[] json = "{not json".getBytes(StandardCharsets.UTF_8);
                garbage.sendBytes(new byte[] {0, 0, 0, (byte) json.length});
                garbage.sendBytes(json);
                assertError(garbage.next(), "bad-request");
                assertTrue(garbage.next().isEmpty(), "closed after the error");
            }
            Response r = (Response) good.call("status", JsonNodeFactory.instance.objectNode());
            assertTrue(r.ok(), r.toString());
            assertEquals("svc", r.result().path("components").get(0).path("name").asText());
        }
    }

    static void assertError(Optional<Message> m, String code) {
        assertTrue(m.isPresent(), "an error frame before the close");
        Response r = (Response) m.get();
        assertFalse(r.ok());
        assertEquals(code, r.error().code(), r.toString());
    }

    @Test
    void theFirstDirectoryOfTheSearchPathWinsKeyByKey() throws Exception {
        bed.write("node/configd.conf", "components.svc.settings.greeting = \"from node\"\n");
        bed.write("shared/configd.conf", """
                components.svc.settings.greeting = "from shared"
                components.svc.settings.colour = "from shared"
                """);
        String path = bed.dir.resolve("node") + ":" + bed.dir.resolve("shared");
        try (RunningDaemon d = bed.start(Map.of("CONFIGD_CONF_PATH", path))) {
            assertEquals("from node\n", d.ctl("config", "--value", "svc.greeting").out());
            assertEquals("from shared\n", d.ctl("config", "--value", "svc.colour").out());
            assertEquals("app\n", d.ctl("config", "--value", "svc.db.user").out(), "the main file still counts");
        }
    }

    @Test
    void aBadValueInALayerIsReportedWithItsFileAndLineAndConfigdRefusesToStartWith78() throws Exception {
        bed.write("node/configd.conf", "# node overrides\n\ncomponents.svc.stop-timeout = 12\n");
        ProcessBuilder pb = new ProcessBuilder(RunningDaemon.command(bed.config)).redirectErrorStream(true);
        pb.environment().put("CONFIGD_CONF_PATH", bed.dir.resolve("node").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(78, p.exitValue(), output);
        assertTrue(output.contains(bed.dir.resolve("node/configd.conf") + ":3: components.svc.stop-timeout"), output);
        assertFalse(output.contains("Exception") || output.contains("\tat "), output);
        assertFalse(Files.exists(bed.runDir.resolve("info.sock")));

        Process check = new ProcessBuilder(RunningDaemon.command(bed.config, "--check")).redirectErrorStream(true).start();
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), "the main file alone is valid");
    }

    @Test
    void licenseStatesFollowTheFilesAcrossReloads() throws Exception {
        try (RunningDaemon d = bed.start()) {
            assertEquals("valid", license(d));

            String signed = Files.readString(bed.dir.resolve("license.key"));
            bed.write("license.key", signed.replace("\"all\"", "\"all\", \"stolen\""));
            assertEquals(0, d.ctl("reload").exit());
            assertEquals("bad-signature", license(d));

            bed.license("2020-01-31", "all");
            assertEquals(0, d.ctl("reload").exit());
            assertEquals("expired", license(d));

            Files.delete(bed.dir.resolve("license.key"));
            assertEquals(0, d.ctl("reload").exit());
            assertEquals("missing", license(d));

            bed.license("2099-12-31", "all");
            Files.delete(bed.dir.resolve("license.pub"));
            assertEquals(0, d.ctl("reload").exit());
            assertEquals("unverified", license(d));
        }
    }

    static String license(RunningDaemon d) {
        CtlResult r = d.ctl("--json", "license");
        assertEquals(0, r.exit(), r.toString());
        return Status.parse(r.out()).path("state").asText();
    }

    @Test
    void sigtermRemovesSocketsAndPidFileAndAStaleRunDirectoryIsTakenOver() throws Exception {
        RunningDaemon crashed = bed.start();
        crashed.signal("KILL");
        crashed.process.waitFor();
        assertTrue(Files.exists(bed.runDir.resolve("info.sock")), "a crash leaves its socket files behind");

        RunningDaemon d = bed.start();
        assertEquals(0, d.ctl("ping").exit());
        assertEquals(0, d.stop());
        for (String f : new String[] {"info.sock", "control.sock", "configd.pid", "tmp"}) {
            assertFalse(Files.exists(bed.runDir.resolve(f)), f + " is removed on exit");
        }
        assertTrue(d.log().contains("configd stopped"));
        CtlResult down = d.ctl("ping");
        assertEquals(3, down.exit());
        assertTrue(down.err().contains("configd is not running"), down.err());
    }

    @Test
    void infoConnectionsAboveTheLimitAreTurnedAwayWithOneError() throws Exception {
        bed.configure("limits { max-info-connections = 2 }", SERVICE);
        try (RunningDaemon d = bed.start();
             RawClient one = new RawClient(bed.runDir.resolve("info.sock"));
             RawClient two = new RawClient(bed.runDir.resolve("info.sock"))) {
            one.hello();
            two.hello();
            try (RawClient three = new RawClient(bed.runDir.resolve("info.sock"))) {
                assertError(three.next(), "too-many-connections");
                assertTrue(three.next().isEmpty());
            }
            assertTrue(((Response) one.call("status", JsonNodeFactory.instance.objectNode())).ok());
        }
    }
}
