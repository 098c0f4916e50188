package org.configd.supervisor.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.configd.supervisor.cli.Configctl.UsageException;
import org.configd.supervisor.license.License;
import org.configd.supervisor.license.LicenseTool;
import org.configd.supervisor.license.LicenseToolException;

/** {@code configctl license keygen | sign | verify}: the vendor's and the operator's offline license tools. */
final class LicenseCommands {

    private final PrintStream out;
    private final PrintStream err;

    LicenseCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) throws UsageException {
        Deque<String> args = new ArrayDeque<>(argv);
        String sub = args.pop();
        Map<String, String> options = new HashMap<>();
        Deque<String> operands = new ArrayDeque<>();
        while (!args.isEmpty()) {
            String a = args.pop();
            if (a.startsWith("--")) {
                if (args.isEmpty()) {
                    throw new UsageException(a + " needs a value");
                }
                options.put(a, args.pop());
            } else {
                operands.add(a);
            }
        }
        try {
            switch (sub) {
                case "keygen":
                    return keygen(need(options, "--private", "license keygen --private FILE --public FILE"),
                            need(options, "--public", "license keygen --private FILE --public FILE"), operands);
                case "sign":
                    return sign(options, operands);
                case "verify":
                    return verify(options, operands);
                default:
                    throw new UsageException("unknown license command '" + sub + "' (keygen, sign or verify)");
            }
        } catch (LicenseToolException e) {
            // A license that does not verify still gets its summary printed, then the reason.
            e.license().filter(l -> l.id() != null)
                    .ifPresent(l -> new Render(out).license(l.summary(Clock.systemUTC().instant())));
            err.println("configctl: " + e.getMessage());
            return Configctl.DAEMON_ERROR;
        } catch (IOException e) {
            err.println("configctl: " + e.getMessage());
            return Configctl.DAEMON_ERROR;
        }
    }

    private int keygen(String privateKey, String publicKey, Deque<String> operands)
            throws UsageException, LicenseToolException {
        if (!operands.isEmpty()) {
            throw new UsageException("usage: configctl license keygen --private FILE --public FILE");
        }
        LicenseTool.keygen(Path.of(privateKey), Path.of(publicKey));
        out.println("wrote the private key " + privateKey + " (keep it secret) and the public key " + publicKey
                + " (configd.license.public-key)");
        return Configctl.OK;
    }

    private int sign(Map<String, String> options, Deque<String> operands)
            throws UsageException, IOException, LicenseToolException {
        String usage = "license sign --key PRIVATE [--out FILE] LICENSE";
        String key = need(options, "--key", usage);
        if (operands.size() != 1) {
            throw new UsageException("usage: configctl " + usage);
        }
        String signed = LicenseTool.sign(Path.of(operands.pop()), Path.of(key));
        String outFile = options.get("--out");
        if (outFile == null) {
            out.println(signed);
        } else {
            Files.writeString(Path.of(outFile), signed + "\n", StandardCharsets.UTF_8);
            out.println("wrote the signed license " + outFile);
        }
        return Configctl.OK;
    }

    private int verify(Map<String, String> options, Deque<String> operands)
            throws UsageException, LicenseToolException {
        String usage = "license verify --key PUBLIC FILE";
        String key = need(options, "--key", usage);
        if (operands.size() != 1) {
            throw new UsageException("usage: configctl " + usage);
        }
        Clock clock = Clock.systemUTC();
        License license = LicenseTool.verify(Path.of(operands.pop()), Path.of(key), clock);
        new Render(out).license(license.summary(clock.instant()));
        return Configctl.OK;
    }

    private static String need(Map<String, String> options, String name, String usage) throws UsageException {
        String v = options.get(name);
        if (v == null) {
            throw new UsageException("usage: configctl " + usage);
        }
        return v;
    }
}
