package org.configd.supervisor.license;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.configd.supervisor.config.LicenseFiles;

/**
 * The vendor's and operator's license tooling behind {@code configctl license keygen | sign | verify}. Every
 * failure is a {@link LicenseToolException} whose message is one sentence for the operator.
 */
public final class LicenseTool {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private LicenseTool() {
    }

    /**
     * Makes a new Ed25519 key pair: the private key (PKCS#8 PEM, mode 0600) for signing licenses, the public key
     * (X.509 PEM, mode 0644) for configd's {@code license.public-key}. Never overwrites an existing file.
     */
    public static void keygen(Path privateKeyOut, Path publicKeyOut) throws LicenseToolException {
        refuseExisting(privateKeyOut, "private key file");
        refuseExisting(publicKeyOut, "public key file");
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(PemKeys.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
        write(privateKeyOut, PemKeys.pem(PemKeys.PRIVATE, pair.getPrivate().getEncoded()), OWNER_ONLY,
                "private key file");
        write(publicKeyOut, PemKeys.pem(PemKeys.PUBLIC, pair.getPublic().getEncoded()), WORLD_READABLE,
                "public key file");
    }

    /**
     * Signs a license: reads {@code unsignedLicense} (HOCON or JSON with a {@code license} object), checks its
     * fields (dates parse, expires is not before issued, features are strings) and returns the signed document
     * as JSON: {@code {"license": {...}, "signature": "<base64>"}}. Any other top-level key is dropped, and an
     * old signature is replaced.
     */
    public static String sign(Path unsignedLicense, Path privateKey) throws LicenseToolException {
        LicenseDocument document;
        try {
            document = LicenseDocument.parse(read(unsignedLicense, "license file"), unsignedLicense.toString());
            document.terms();
        } catch (BadLicenseException e) {
            throw new LicenseToolException(e.getMessage());
        }
        PrivateKey key;
        try {
            key = PemKeys.privateKey(read(privateKey, "private key file"));
        } catch (GeneralSecurityException e) {
            throw new LicenseToolException("private key file " + privateKey + " is not an Ed25519 private key in "
                    + "PEM form (" + e.getMessage() + "); use a key made by 'configctl license keygen'");
        }
        byte[] signature;
        try {
            Signature signer = Signature.getInstance(PemKeys.ALGORITHM);
            signer.initSign(key);
            signer.update(document.signedBytes());
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new LicenseToolException("cannot sign with private key file " + privateKey + " ("
                    + e.getMessage() + "); use a key made by 'configctl license keygen'");
        }
        return signedDocument(document, Base64.getEncoder().encodeToString(signature));
    }

    /**
     * Checks a license against a public key, as configd would at {@code clock.instant()}.
     *
     * @return the license, when it is valid at that instant
     * @throws LicenseToolException saying why it is not (expired, bad signature, unreadable key...), carrying the
     *                              license
     */
    public static License verify(Path license, Path publicKey, Clock clock) throws LicenseToolException {
        License loaded = LicenseLoader.load(new LicenseFiles(license, Optional.of(publicKey)));
        Optional<String> reason = loaded.reasonAt(clock.instant());
        if (reason.isPresent()) {
            throw new LicenseToolException(reason.get(), loaded);
        }
        return loaded;
    }

    private static String signedDocument(LicenseDocument document, String signature) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = CanonicalJson.JSON.createGenerator(text).useDefaultPrettyPrinter()) {
            out.writeStartObject();
            out.writeFieldName("license");
            CanonicalJson.write(document.license(), out);
            out.writeStringField("signature", signature);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return text + "\n";
    }

    private static void refuseExisting(Path file, String what) throws LicenseToolException {
        if (Files.exists(file)) {
            throw alreadyExists(file, what);
        }
    }

    private static LicenseToolException alreadyExists(Path file, String what) {
        return new LicenseToolException(what + " " + file + " exists already; keygen never overwrites a key, "
                + "so remove it or choose another name");
    }

    private static void write(Path file, String content, Set<PosixFilePermission> mode, String what)
            throws LicenseToolException {
        try {
            // Created with its final mode, so a private key is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(mode));
            Files.setPosixFilePermissions(file, mode);   // the umask may have taken bits away from the public key
            Files.writeString(file, content, StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(file, what);
        } catch (IOException e) {
            throw new LicenseToolException("cannot write " + what + " " + file + " (" + describe(e)
                    + "); choose a writable location");
        }
    }

    private static String read(Path file, String what) throws LicenseToolException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LicenseToolException(what + " " + file + " does not exist; check the name");
        } catch (IOException e) {
            throw new LicenseToolException("cannot read " + what + " " + file + " (" + describe(e)
                    + "); check the name and its permissions");
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
