package org.configd.supervisor.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.configd.supervisor.config.LicenseFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and signatures interoperate with {@code openssl}, so a vendor may use either tool. Skipped without it. */
class OpensslCompatibilityTest {

    private static final long TIMEOUT_SECONDS = 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsOpenssl() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")) || Files.isExecutable(Path.of("/bin/openssl")),
                "openssl is not installed");
    }

    @Test
    void aKeyPairMadeByOpensslSignsAndVerifies() throws Exception {
        Path privateKey = dir.resolve("vendor.key");
        Path publicKey = dir.resolve("license.pub");
        openssl("genpkey", "-algorithm", "ed25519", "-out", privateKey.toString());
        openssl("pkey", "-in", privateKey.toString(), "-pubout", "-out", publicKey.toString());
        Path unsigned = Files.writeString(dir.resolve("unsigned.conf"), LicenseFixture.UNSIGNED);
        Path license = Files.writeString(dir.resolve("license.key"), LicenseTool.sign(unsigned, privateKey));

        assertEquals(LicenseState.VALID,
                LicenseLoader.load(new LicenseFiles(license, Optional.of(publicKey))).verification());
    }

    /** openssl signs the canonical form written out by hand: sorted keys at every depth, compact, UTF-8. */
    @Test
    void theSignatureCoversTheDocumentedCanonicalJson() throws Exception {
        LicenseFixture vendor = new LicenseFixture(dir);
        String canonical = "{\"expires\":\"2030-06-30\",\"features\":[\"b\",\"a\"],\"id\":\"L-2\","
                + "\"issued\":\"2024-01-01\",\"licensee\":\"Müller AG\",\"limits\":{\"alpha\":true,\"zeta\":1},"
                + "\"seats\":250}";
        Path data = Files.write(dir.resolve("canonical.json"), canonical.getBytes(StandardCharsets.UTF_8));
        Path signature = dir.resolve("signature.bin");
        openssl("pkeyutl", "-sign", "-rawin", "-inkey", vendor.privateKey.toString(), "-in", data.toString(),
                "-out", signature.toString());
        vendor.write("license.key", """
                {
                  "signature": "%s",
                  "license": {
                    "seats": 250,
                    "limits": { "zeta": 1, "alpha": true },
                    "licensee": "Müller AG",
                    "id": "L-2", "issued": "2024-01-01", "expires": "2030-06-30",
                    "features": ["b", "a"]
                  }
                }
                """.formatted(Base64.getEncoder().encodeToString(Files.readAllBytes(signature))));

        assertEquals(LicenseState.VALID, vendor.load().verification());
    }

    @Test
    void opensslVerifiesWhatLicenseToolSigned() throws Exception {
        LicenseFixture vendor = new LicenseFixture(dir);
        String signed = vendor.install(LicenseFixture.UNSIGNED);
        String canonical = "{\"expires\":\"2030-06-30\",\"features\":[\"scan\",\"mail\"],\"id\":\"L-1\","
                + "\"issued\":\"2024-01-01\",\"licensee\":\"Example Mail GmbH\"}";
        Path data = Files.writeString(dir.resolve("canonical.json"), canonical);
        Path signature = Files.write(dir.resolve("signature.bin"),
                Base64.getDecoder().decode(new ObjectMapper().readTree(signed).get("signature").asText()));

        String output = openssl("pkeyutl", "-verify", "-pubin", "-inkey", vendor.publicKey.toString(), "-rawin",
                "-in", data.toString(), "-sigfile", signature.toString());

        assertEquals("Signature Verified Successfully", output.strip());
    }

    private String openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "openssl failed: " + command + "\n" + output);
        return output;
    }
}
