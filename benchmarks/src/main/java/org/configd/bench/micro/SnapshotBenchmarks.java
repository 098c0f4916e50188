package org.configd.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.configd.supervisor.config.ComponentSpec;
import org.configd.supervisor.config.ConfigException;
import org.configd.supervisor.config.ConfigLoader;
import org.configd.supervisor.config.LoadedConfig;
import org.configd.supervisor.config.Snapshot;
import org.configd.supervisor.license.LicenseLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the info socket's {@code config.get} does with the snapshot, step by step: find the component among 200,
 * redact its secret settings, and copy the result out as JSON (the snapshot's trees never leave it uncopied).
 * The snapshot is loaded by configd's own {@link ConfigLoader} from a real file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SnapshotBenchmarks {

    private static final int COMPONENTS = 200;

    private Snapshot snapshot;
    private ComponentSpec spec;

    @Setup
    public void setup() throws IOException, ConfigException {
        Path dir = Files.createTempDirectory("configd-bench-snapshot-");
        StringBuilder conf = new StringBuilder("configd { run-dir = \"run\", log.file = \"run/configd.log\","
                + " license { file = \"license.key\", public-key = \"license.pub\" } }\ncomponents {\n");
        for (int i = 1; i <= COMPONENTS; i++) {
            conf.append("""
                    c%d { command = ["/bin/true"], secret-settings = ["db.password"],
                      settings { listen = "127.0.0.1:%d", workers = 4, tags = ["a", "b"],
                                 db { url = "postgres://db/c%d", user = "app", password = "s3cret" } } }
                    """.formatted(i, 8000 + i, i));
        }
        Path file = dir.resolve("configd.conf");
        Files.writeString(file, conf.append("}\n"), StandardCharsets.UTF_8);
        LoadedConfig loaded = ConfigLoader.load(file, List.of());
        snapshot = Snapshot.next(null, loaded, LicenseLoader.load(loaded.daemon().license()));
        spec = snapshot.component("c150").orElseThrow();
        Files.delete(file);
        Files.delete(dir);
    }

    @Benchmark
    public ComponentSpec lookup() {
        return snapshot.component("c150").orElseThrow();
    }

    @Benchmark
    public Object redact() {
        return spec.settings().redacted(spec.secretSettings());
    }

    @Benchmark
    public ObjectNode lookupRedactCopy() {
        ComponentSpec s = snapshot.component("c150").orElseThrow();
        return s.settings().redacted(s.secretSettings()).toJson();
    }

    @Benchmark
    public JsonNode settingByKey() {
        return spec.settings().at("db.url").orElseThrow();
    }
}
