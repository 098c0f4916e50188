package org.configd.supervisor.license;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.Optional;
import org.configd.supervisor.config.LicenseFiles;

/**
 * Loads the license named by the configuration and checks its signature. An operator's mistake (no file, a
 * damaged file, no key) never throws: it becomes a {@link LicenseState} with a reason, and configd runs on.
 */
public final class LicenseLoader {

    private LicenseLoader() {
    }

    /** Reads both files and returns the license, whatever state it is in. */
    public static License load(LicenseFiles files) {
        FileContent license = FileContent.read(files.file());
        Optional<FileContent> key = files.publicKey().map(FileContent::read);
        String fingerprint = license.digest() + ":" + key.map(FileContent::digest).orElse("");
        if (license.bytes() == null) {
            return License.unusable(LicenseState.MISSING, license.problem(
                    "license file", "install the license there or set configd.license.file"), fingerprint);
        }
        LicenseDocument document;
        LicenseTerms terms;
        byte[] signature;
        try {
            document = LicenseDocument.parse(license.text(), files.file().toString());
            signature = document.requireSignature();
            terms = document.terms();
        } catch (BadLicenseException e) {
            return License.unusable(LicenseState.BAD_SIGNATURE, e.getMessage(), fingerprint);
        }
        VerificationKey verificationKey = VerificationKey.of(key);
        if (verificationKey.key() == null) {
            return with(terms, LicenseState.UNVERIFIED, Optional.of(verificationKey.problem()), fingerprint);
        }
        if (!verifies(verificationKey.key(), document.signedBytes(), signature)) {
            return with(terms, LicenseState.BAD_SIGNATURE, Optional.of("the signature in license file "
                    + files.file() + " does not match its content or key (edited after signing, or signed for "
                    + "another key); restore the file as the vendor sent it"), fingerprint);
        }
        return with(terms, LicenseState.VALID, Optional.empty(), fingerprint);
    }

    static boolean verifies(PublicKey key, byte[] content, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(PemKeys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(content);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;   // e.g. a signature of the wrong length: it does not verify
        }
    }

    private static License with(LicenseTerms terms, LicenseState state, Optional<String> reason, String fingerprint) {
        return new License(terms.id(), terms.licensee(), terms.issued(), terms.expires(), terms.features(), state,
                reason, fingerprint);
    }

    /** The public key to check the signature with, or why there is none. */
    private record VerificationKey(PublicKey key, String problem) {

        static VerificationKey of(Optional<FileContent> file) {
            if (file.isEmpty()) {
                return new VerificationKey(null, "no public key is configured (configd.license.public-key is \"\"); "
                        + "set it to the vendor's public key file to verify the license");
            }
            FileContent content = file.get();
            if (content.bytes() == null) {
                return new VerificationKey(null, content.problem("public key file",
                        "install the vendor's public key there or set configd.license.public-key"));
            }
            try {
                return new VerificationKey(PemKeys.publicKey(content.text()), null);
            } catch (GeneralSecurityException e) {
                return new VerificationKey(null, "public key file " + content.path() + " is not an Ed25519 public"
                        + " key in PEM form (" + e.getMessage() + "); install the vendor's license.pub there");
            }
        }
    }

    /** A file's bytes, or why there are none. */
    private record FileContent(Path path, byte[] bytes, IOException failure) {

        static FileContent read(Path path) {
            try {
                return new FileContent(path, Files.readAllBytes(path), null);
            } catch (IOException e) {
                return new FileContent(path, null, e);
            }
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** SHA-256 of the content in hex; "" when the file could not be read. */
        String digest() {
            if (bytes == null) {
                return "";
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }

        /** Why the file could not be read, as one sentence ending with {@code fix}. */
        String problem(String what, String fix) {
            if (failure instanceof NoSuchFileException) {
                return what + " " + path + " does not exist; " + fix;
            }
            String why = failure instanceof AccessDeniedException ? "permission denied" : failure.getMessage();
            return what + " " + path + " cannot be read (" + why + "); make it a file configd can read";
        }
    }
}
