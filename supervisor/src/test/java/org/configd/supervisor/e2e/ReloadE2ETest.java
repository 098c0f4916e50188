package org.configd.supervisor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A reload's per-component diff: added components start, removed ones stop, a changed command restarts. */
class ReloadE2ETest extends E2ETest {

    long pid(RunningDaemon d, String name) {
        Await.until(WAIT, () -> Status.state(d, name).equals("running"), name + " to run");
        return Status.of(d, name).path("pid").asLong();
    }

    @Test
    void addedStartRemovedStopAndAChangedEnvironmentRestarts() throws Exception {
        bed.script("hup-ok.sh", "trap 'echo hup >> " + bed.dir + "/$CONFIGD_COMPONENT.hups' HUP\n"
                + "while :; do sleep 1 & wait $!; done");
        bed.configure("""
                keep { command = ["bin/hup-ok.sh"] }
                gone { command = ["bin/hup-ok.sh"] }
                changed { command = ["bin/hup-ok.sh"], environment { MODE = one } }
                """);
        try (RunningDaemon d = bed.start()) {
            long keep = pid(d, "keep");
            long gone = pid(d, "gone");
            long changed = pid(d, "changed");

            bed.configure("""
                    keep { command = ["bin/hup-ok.sh"] }
                    changed { command = ["bin/hup-ok.sh"], environment { MODE = two } }
                    added { command = ["bin/hup-ok.sh"] }
                    """);
            assertEquals(0, d.ctl("reload").exit());
            long added = pid(d, "added");
            Await.until(WAIT, () -> !ProcessHandle.of(gone).map(ProcessHandle::isAlive).orElse(false), "gone to stop");
            Await.until(WAIT, () -> !d.ctl("status", "gone").out().contains("gone"), "gone to leave the status");
            Await.until(WAIT, () -> Status.of(d, "changed").path("pid").asLong() != changed
                    && Status.state(d, "changed").equals("running"), "changed to restart");

            assertEquals(keep, pid(d, "keep"), "an unchanged component keeps its process");
            assertTrue(bed.lines("keep.hups").isEmpty(), "and gets no SIGHUP");
            assertNotEquals(0, added);
            List<String> names = new java.util.ArrayList<>();
            Status.parse(d.ctl("--json", "status").out()).path("components")
                    .forEach(c -> names.add(c.path("name").asText()));
            assertEquals(List.of("added", "changed", "keep"), names);
        }
    }

    @Test
    void socketsHaveTheirModesFromTheMomentTheyAppear() throws Exception {
        bed.configure("svc { command = [\"/bin/sleep\", \"1000\"] }");
        try (RunningDaemon d = bed.start()) {
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(bed.runDir.resolve("info.sock"))));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(bed.runDir.resolve("control.sock"))));
        }
        bed.configure("admin-group = nogroup", "svc { command = [\"/bin/sleep\", \"1000\"] }");
        try (RunningDaemon d = bed.start()) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(bed.runDir.resolve("control.sock"))));
            assertEquals("nogroup", Files.getAttribute(bed.runDir.resolve("control.sock"), "posix:group").toString());
        }
    }
}
