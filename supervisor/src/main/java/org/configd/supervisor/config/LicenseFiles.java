package org.configd.supervisor.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated {@code configd.license} section: where the license and the key that verifies it live.
 *
 * @param file      the license file (absolute)
 * @param publicKey the Ed25519 public key in PEM; empty when {@code public-key = ""} (the license stays unverified)
 */
public record LicenseFiles(Path file, Optional<Path> publicKey) {

    public LicenseFiles {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
