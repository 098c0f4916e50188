package org.configd.supervisor.spawn;

import org.junit.jupiter.api.BeforeAll;

/**
 * Everything {@link SpawnerTest} asks of a child, with the child started through configd-exec (or setpriv where it
 * was not built): how configd starts components where its spawn library cannot be loaded.
 */
class SpawnerThroughHelperTest extends SpawnerTest {

    @BeforeAll
    static void startSpawner() { // hides SpawnerTest's: JUnit then runs only this one
        fixture = new SpawnFixture(new Spawner(Spawner.locateExecHelper()));
    }
}
