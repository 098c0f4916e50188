package org.configd.supervisor.license;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The checked fields of a {@code license} object: what the vendor grants. */
record LicenseTerms(String id, String licensee, LocalDate issued, LocalDate expires, List<String> features) {

    LicenseTerms {
        features = List.copyOf(features);
    }

    /** Reads and checks the fields of {@code license}, from the file called {@code file}. */
    static LicenseTerms of(ConfigObject license, String file) throws BadLicenseException {
        String id = text(license, "id", file);
        String licensee = text(license, "licensee", file);
        LocalDate issued = date(license, "issued", file);
        LocalDate expires = date(license, "expires", file);
        if (expires.isBefore(issued)) {
            throw new BadLicenseException("license file " + file + ": license.expires (" + expires
                    + ") is before license.issued (" + issued + "); fix the dates");
        }
        return new LicenseTerms(id, licensee, issued, expires, features(license, file));
    }

    private static String text(ConfigObject license, String key, String file) throws BadLicenseException {
        ConfigValue value = license.get(key);
        if (value == null || value.valueType() != ConfigValueType.STRING
                || ((String) value.unwrapped()).isBlank()) {
            throw new BadLicenseException("license file " + file + ": license." + key
                    + " is missing or not a non-empty string; set it, e.g. " + key + " = \"...\"");
        }
        return (String) value.unwrapped();
    }

    private static LocalDate date(ConfigObject license, String key, String file) throws BadLicenseException {
        String text = text(license, key, file);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadLicenseException("license file " + file + ": license." + key + " = \"" + text
                    + "\" is not a date; use YYYY-MM-DD, e.g. 2030-12-31");
        }
    }

    private static List<String> features(ConfigObject license, String file) throws BadLicenseException {
        ConfigValue value = license.get("features");
        String fix = "; use a list of strings, e.g. features = [\"scan\", \"mail\"]";
        if (value == null || value.valueType() != ConfigValueType.LIST) {
            throw new BadLicenseException("license file " + file + ": license.features is missing or not a list"
                    + fix);
        }
        List<String> features = new ArrayList<>();
        for (ConfigValue item : (ConfigList) value) {
            if (item.valueType() != ConfigValueType.STRING) {
                throw new BadLicenseException("license file " + file + ": license.features holds "
                        + item.render() + ", which is not a string" + fix);
            }
            features.add((String) item.unwrapped());
        }
        return features;
    }
}
