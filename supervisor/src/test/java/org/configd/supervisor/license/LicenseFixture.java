package org.configd.supervisor.license;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.configd.supervisor.config.LicenseFiles;

/** A vendor's key pair and licenses signed with it, as real files in a test's directory. */
final class LicenseFixture {

    static final String UNSIGNED = """
            # HOCON, as a vendor might keep it
            license {
              id = "L-1"
              licensee = "Example Mail GmbH"
              issued = "2024-01-01"
              expires = "2030-06-30"
              features = ["scan", "mail"]
            }
            """;

    final Path dir;
    final Path privateKey;
    final Path publicKey;
    final Path license;

    LicenseFixture(Path dir) throws LicenseToolException {
        this.dir = dir;
        this.privateKey = dir.resolve("vendor.key");
        this.publicKey = dir.resolve("license.pub");
        this.license = dir.resolve("license.key");
        LicenseTool.keygen(privateKey, publicKey);
    }

    /** Signs {@code unsigned} with the vendor's key and installs the result as the license file. */
    String install(String unsigned) throws LicenseToolException {
        String signed = LicenseTool.sign(write("unsigned.conf", unsigned), privateKey);
        write(license.getFileName().toString(), signed);
        return signed;
    }

    Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    License load() {
        return LicenseLoader.load(new LicenseFiles(license, Optional.of(publicKey)));
    }
}
