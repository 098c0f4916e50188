package org.configd.supervisor.license;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys in the PEM files {@code openssl genpkey -algorithm ed25519} reads and writes: the public key as
 * X.509 SubjectPublicKeyInfo ({@code PUBLIC KEY}), the private key as PKCS#8 ({@code PRIVATE KEY}).
 */
final class PemKeys {

    static final String ALGORITHM = "Ed25519";
    static final String PUBLIC = "PUBLIC KEY";
    static final String PRIVATE = "PRIVATE KEY";

    private static final int LINE_LENGTH = 64;

    private PemKeys() {
    }

    /** The public key in {@code pem}; fails with a reason when it is not an Ed25519 {@code PUBLIC KEY}. */
    static PublicKey publicKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, PUBLIC)));
    }

    /** The private key in {@code pem}; fails with a reason when it is not an Ed25519 {@code PRIVATE KEY}. */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem, PRIVATE)));
    }

    /** {@code der} as a PEM block with the given label, base64 in lines of 64 like openssl writes. */
    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(LINE_LENGTH, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String pem, String label) throws InvalidKeySpecException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new InvalidKeySpecException("there is no " + begin + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeySpecException("the " + label + " block is not base64", e);
        }
    }
}
