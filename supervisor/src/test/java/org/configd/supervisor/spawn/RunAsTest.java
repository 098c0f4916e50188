package org.configd.supervisor.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class RunAsTest {

    /** `id -G NAME` asks the same question (getgrouplist with the user's own group): every account must agree. */
    @Test
    void supplementaryGroupsAreThoseOfIdForEveryAccount() throws Exception {
        List<String[]> accounts = Files.readAllLines(Path.of("/etc/passwd")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split(":"))
                .toList();
        assertFalse(accounts.isEmpty());
        for (String[] account : accounts) {
            RunAs user = RunAs.withGroupsOf(Integer.parseInt(account[2]), Integer.parseInt(account[3]), account[0]);

            assertEquals(idGroups(account[0]), new TreeSet<>(user.groups()), account[0]);
        }
    }

    @Test
    void aUserHasAtLeastOneGroupAndNoNegativeId() {
        assertThrows(IllegalArgumentException.class, () -> new RunAs(1, 1, List.of(), "x"));
        assertThrows(IllegalArgumentException.class, () -> new RunAs(1, 1, List.of(1, -2), "x"));
        assertEquals(List.of(7), new RunAs(1, 7, "x").groups());
    }

    private static Set<Integer> idGroups(String user) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-G", user).start();
        String output = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, id.waitFor(), "id -G " + user);
        return Arrays.stream(output.split("\\s+")).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }
}
