package org.configd.supervisor.license;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Base64;
import java.util.Optional;

/**
 * A license file parsed but not yet trusted: {@code {"license": {...}, "signature": "<base64>"}} in HOCON or JSON.
 *
 * @param file      the file's name, for messages
 * @param license   the {@code license} object, whose canonical JSON the signature covers
 * @param signature the {@code signature} value as written, {@code null} in a document still to be signed; it is
 *                  only judged when asked for, so that re-signing a document replaces even a damaged one
 */
record LicenseDocument(String file, ConfigObject license, ConfigValue signature) {

    /** Parses {@code text} (the content of {@code file}); a missing signature is left for the caller to judge. */
    static LicenseDocument parse(String text, String file) throws BadLicenseException {
        Config document;
        try {
            ConfigParseOptions options = ConfigParseOptions.defaults()
                    .setSyntax(ConfigSyntax.CONF)
                    .setOriginDescription(file)
                    .setAllowMissing(false);
            // No environment variables: a license must mean the same thing on every machine.
            document = ConfigFactory.parseString(text, options).resolve(ConfigResolveOptions.noSystem());
        } catch (com.typesafe.config.ConfigException e) {
            String at = e.origin() != null && e.origin().lineNumber() > 0 ? " at line " + e.origin().lineNumber() : "";
            throw new BadLicenseException("license file " + file + " is not valid HOCON/JSON" + at + " ("
                    + withoutOrigin(e) + "); restore the file as the vendor sent it");
        }
        ConfigValue license = document.root().get("license");
        if (license == null || license.valueType() != ConfigValueType.OBJECT) {
            throw new BadLicenseException("license file " + file + " has no 'license' object; a license looks like "
                    + "{\"license\": {\"id\": ..., \"expires\": ...}, \"signature\": \"...\"}");
        }
        Optional<String> decimal = CanonicalJson.firstDecimal(license, "license");
        if (decimal.isPresent()) {
            throw new BadLicenseException("license file " + file + ": " + decimal.get() + " is not a whole number; "
                    + "a license holds whole numbers only, so write it as a string, e.g. \"1.50\"");
        }
        return new LicenseDocument(file, (ConfigObject) license, document.root().get("signature"));
    }

    /** The decoded signature, or a reason why there is none to check. */
    byte[] requireSignature() throws BadLicenseException {
        if (signature == null) {
            throw new BadLicenseException("license file " + file
                    + " has no 'signature'; have the license signed with 'configctl license sign'");
        }
        if (signature.valueType() == ConfigValueType.STRING) {
            try {
                return Base64.getDecoder().decode(((String) signature.unwrapped()).strip());
            } catch (IllegalArgumentException e) {
                // falls through to the complaint below
            }
        }
        throw new BadLicenseException("license file " + file + " has a 'signature' that is not a base64 string; "
                + "restore the file as the vendor sent it");
    }

    /** The checked terms of the license. */
    LicenseTerms terms() throws BadLicenseException {
        return LicenseTerms.of(license, file);
    }

    /** The bytes the signature covers. */
    byte[] signedBytes() {
        return CanonicalJson.bytes(license);
    }

    private static String withoutOrigin(com.typesafe.config.ConfigException e) {
        String message = e.getMessage();
        String prefix = e.origin() == null ? null : e.origin().description() + ": ";
        return prefix != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
