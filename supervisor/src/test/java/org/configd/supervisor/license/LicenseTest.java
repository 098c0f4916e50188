package org.configd.supervisor.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.configd.supervisor.config.LicenseFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenseTest {

    private static final Instant BEFORE_EXPIRY = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path dir;
    LicenseFixture vendor;

    @BeforeEach
    void setUp() throws Exception {
        vendor = new LicenseFixture(dir);
    }

    @Test
    void keygenSignVerifyRoundTrip() throws Exception {
        vendor.install(LicenseFixture.UNSIGNED);

        License license = LicenseTool.verify(vendor.license, vendor.publicKey, Clock.fixed(BEFORE_EXPIRY, ZoneOffset.UTC));

        assertEquals(LicenseState.VALID, license.stateAt(BEFORE_EXPIRY));
        assertEquals("L-1", license.id());
        assertEquals("Example Mail GmbH", license.licensee());
        assertEquals(LocalDate.of(2024, 1, 1), license.issued());
        assertEquals(LocalDate.of(2030, 6, 30), license.expires());
        assertEquals(List.of("scan", "mail"), license.features());
        assertEquals(Optional.empty(), license.reason());
        assertTrue(license.allows("scan", BEFORE_EXPIRY));
        assertFalse(license.allows("web", BEFORE_EXPIRY));
    }

    @Test
    void keygenWritesPemFilesAndNeverOverwrites() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vendor.privateKey)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(vendor.publicKey)));
        String privatePem = Files.readString(vendor.privateKey);
        assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), privatePem);
        assertTrue(Files.readString(vendor.publicKey).startsWith("-----BEGIN PUBLIC KEY-----\n"));

        LicenseToolException e = assertThrows(LicenseToolException.class,
                () -> LicenseTool.keygen(vendor.privateKey, dir.resolve("other.pub")));

        assertEquals("private key file " + vendor.privateKey + " exists already; keygen never overwrites a key, "
                + "so remove it or choose another name", e.getMessage());
        assertEquals(privatePem, Files.readString(vendor.privateKey));
        assertFalse(Files.exists(dir.resolve("other.pub")));
    }

    @Test
    void aLicenseIsValidThroughTheEndOfItsExpiryDayInUtc() throws Exception {
        vendor.install(LicenseFixture.UNSIGNED);
        License license = vendor.load();
        Instant lastMinute = Instant.parse("2030-06-30T23:59:00Z");
        Instant nextDay = Instant.parse("2030-07-01T00:00:00Z");

        assertEquals(LicenseState.VALID, license.stateAt(lastMinute));
        assertTrue(license.allows("scan", lastMinute));
        assertEquals(LicenseState.EXPIRED, license.stateAt(nextDay));
        assertFalse(license.allows("scan", nextDay));
        assertEquals("expired", license.summary(nextDay).get("state").asText());
        assertEquals("license L-1 expired at the end of 2030-06-30 (UTC); install a renewed license",
                license.summary(nextDay).get("reason").asText());
        LicenseToolException e = assertThrows(LicenseToolException.class,
                () -> LicenseTool.verify(vendor.license, vendor.publicKey, Clock.fixed(nextDay, ZoneOffset.UTC)));
        assertEquals(license, e.license().orElseThrow());
    }

    @Test
    void aFeatureEditedAfterSigningBreaksTheSignature() throws Exception {
        String signed = vendor.install(LicenseFixture.UNSIGNED);
        vendor.write("license.key", signed.replace("\"mail\"", "\"web\""));

        License license = vendor.load();

        assertEquals(LicenseState.BAD_SIGNATURE, license.stateAt(BEFORE_EXPIRY));
        assertEquals(List.of("scan", "web"), license.features(), "the terms are shown, but not trusted");
        assertFalse(license.allows("web", BEFORE_EXPIRY));
        assertTrue(license.reason().orElseThrow().startsWith("the signature in license file " + vendor.license
                + " does not match its content"), license.reason().orElseThrow());
    }

    @Test
    void aLicenseSignedForAnotherKeyDoesNotVerify() throws Exception {
        vendor.install(LicenseFixture.UNSIGNED);
        LicenseFixture other = new LicenseFixture(Files.createDirectory(dir.resolve("other")));

        License license = LicenseLoader.load(new LicenseFiles(vendor.license, Optional.of(other.publicKey)));

        assertEquals(LicenseState.BAD_SIGNATURE, license.verification());
    }

    @Test
    void aMalformedFileIsABadSignatureWithTheReason() throws Exception {
        vendor.write("license.key", "{\n  \"license\": {\n    \"id\": [\n}\n");

        License license = vendor.load();

        assertEquals(LicenseState.BAD_SIGNATURE, license.verification());
        assertNull(license.id());
        assertTrue(license.reason().orElseThrow().startsWith(
                "license file " + vendor.license + " is not valid HOCON/JSON at line 4 ("), license.reason().get());
    }

    @Test
    void anUnsignedFileIsABadSignatureSayingThereIsNone() {
        vendor.write("license.key", LicenseFixture.UNSIGNED);

        License license = vendor.load();

        assertEquals(LicenseState.BAD_SIGNATURE, license.verification());
        assertEquals("license file " + vendor.license + " has no 'signature'; have the license signed with "
                + "'configctl license sign'", license.reason().orElseThrow());
    }

    @Test
    void aBadDateInASignedFileIsReported() throws Exception {
        vendor.install(LicenseFixture.UNSIGNED);
        vendor.write("license.key", Files.readString(vendor.license).replace("2030-06-30", "2030-06-31"));

        assertEquals("license file " + vendor.license + ": license.expires = \"2030-06-31\" is not a date; "
                + "use YYYY-MM-DD, e.g. 2030-12-31", vendor.load().reason().orElseThrow());
    }

    @Test
    void aMissingLicenseFileIsMissing() {
        License license = vendor.load();

        assertEquals(LicenseState.MISSING, license.stateAt(BEFORE_EXPIRY));
        assertEquals("license file " + vendor.license + " does not exist; install the license there or set "
                + "configd.license.file", license.reason().orElseThrow());
        assertEquals("missing", license.summary(BEFORE_EXPIRY).get("state").asText());
    }

    @Test
    void withoutAUsablePublicKeyTheLicenseIsUnverified() throws Exception {
        vendor.install(LicenseFixture.UNSIGNED);
        Path absent = dir.resolve("absent.pub");
        Path garbage = vendor.write("garbage.pub", "not a key\n");

        License none = LicenseLoader.load(new LicenseFiles(vendor.license, Optional.empty()));
        License missing = LicenseLoader.load(new LicenseFiles(vendor.license, Optional.of(absent)));
        License unusable = LicenseLoader.load(new LicenseFiles(vendor.license, Optional.of(garbage)));

        assertEquals(LicenseState.UNVERIFIED, none.stateAt(BEFORE_EXPIRY));
        assertTrue(none.reason().orElseThrow().startsWith("no public key is configured"), none.reason().get());
        assertEquals(LicenseState.UNVERIFIED, missing.stateAt(BEFORE_EXPIRY));
        assertEquals("public key file " + absent + " does not exist; install the vendor's public key there or set "
                + "configd.license.public-key", missing.reason().orElseThrow());
        assertEquals(LicenseState.UNVERIFIED, unusable.stateAt(BEFORE_EXPIRY));
        assertTrue(unusable.reason().orElseThrow().startsWith("public key file " + garbage
                + " is not an Ed25519 public key in PEM form"), unusable.reason().get());
        assertEquals("L-1", none.id(), "the terms are read even when they cannot be checked");
        assertFalse(none.allows("scan", BEFORE_EXPIRY));
    }

    @Test
    void theFingerprintFollowsTheContentOfBothFiles() throws Exception {
        vendor.install(LicenseFixture.UNSIGNED);
        String first = vendor.load().fingerprint();

        assertEquals(first, vendor.load().fingerprint(), "same files, same fingerprint");
        vendor.write("license.pub", Files.readString(vendor.publicKey) + "\n");
        String keyChanged = vendor.load().fingerprint();
        assertNotEquals(first, keyChanged);
        vendor.write("license.key", Files.readString(vendor.license) + " ");
        assertNotEquals(keyChanged, vendor.load().fingerprint());
        Files.delete(vendor.license);
        assertTrue(vendor.load().fingerprint().startsWith(":"), "an absent file contributes \"\"");
    }

    @Test
    void aSignedLicenseMayBeRewrittenInHocon() throws Exception {
        String signed = vendor.install(LicenseFixture.UNSIGNED);
        String signature = new ObjectMapper().readTree(signed).get("signature").asText();
        vendor.write("license.key", """
                // same license, different syntax and key order
                signature = "%s"
                license {
                  features = [scan, mail]
                  expires = "2030-06-30", issued = "2024-01-01"
                  licensee = "Example Mail GmbH"
                  id = L-1
                }
                """.formatted(signature));

        assertEquals(LicenseState.VALID, vendor.load().verification());
    }

    @Test
    void theSummaryShowsTheTermsAndNeverKeyMaterial() throws Exception {
        String signed = vendor.install(LicenseFixture.UNSIGNED);
        String signature = new ObjectMapper().readTree(signed).get("signature").asText();

        String summary = vendor.load().summary(BEFORE_EXPIRY).toString();

        assertEquals("{\"state\":\"valid\",\"id\":\"L-1\",\"licensee\":\"Example Mail GmbH\",\"issued\":\"2024-01-01\","
                + "\"expires\":\"2030-06-30\",\"features\":[\"scan\",\"mail\"]}", summary);
        assertFalse(summary.contains(signature));
    }

    @Test
    void signChecksTheTermsFirst() {
        Path unsigned = vendor.write("bad.conf", LicenseFixture.UNSIGNED.replace("2024-01-01", "2031-01-01"));

        LicenseToolException e = assertThrows(LicenseToolException.class,
                () -> LicenseTool.sign(unsigned, vendor.privateKey));

        assertEquals("license file " + unsigned + ": license.expires (2030-06-30) is before license.issued "
                + "(2031-01-01); fix the dates", e.getMessage());
    }

    @Test
    void signRefusesFeaturesThatAreNotStrings() {
        Path unsigned = vendor.write("bad.conf", LicenseFixture.UNSIGNED.replace("[\"scan\", \"mail\"]", "[1, {}]"));

        LicenseToolException e = assertThrows(LicenseToolException.class,
                () -> LicenseTool.sign(unsigned, vendor.privateKey));

        assertEquals("license file " + unsigned + ": license.features holds 1, which is not a string; use a list of "
                + "strings, e.g. features = [\"scan\", \"mail\"]", e.getMessage());
    }

    @Test
    void aDecimalNumberIsRefusedBecauseItHasNoCanonicalForm() {
        Path unsigned = vendor.write("bad.conf", LicenseFixture.UNSIGNED.replace("license {", "license {\n seats = 1.50"));

        LicenseToolException e = assertThrows(LicenseToolException.class,
                () -> LicenseTool.sign(unsigned, vendor.privateKey));

        assertEquals("license file " + unsigned + ": license.seats is not a whole number; a license holds whole "
                + "numbers only, so write it as a string, e.g. \"1.50\"", e.getMessage());
    }

    @Test
    void signWithAPublicKeyInsteadOfAPrivateKeySaysSo() {
        Path unsigned = vendor.write("unsigned.conf", LicenseFixture.UNSIGNED);

        LicenseToolException e = assertThrows(LicenseToolException.class,
                () -> LicenseTool.sign(unsigned, vendor.publicKey));

        assertTrue(e.getMessage().startsWith("private key file " + vendor.publicKey
                + " is not an Ed25519 private key in PEM form"), e.getMessage());
    }
}
