package dev.revive.prober.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Self-signed certificates for 127.0.0.1 made with the JDK's keytool (no extra library). */
public final class TestCerts {

    /** A PKCS12 key store (password {@code changeit}) and the certificate as PEM. */
    public record Cert(Path keyStore, Path pem) {
        public String password() {
            return "changeit";
        }
    }

    private TestCerts() {
    }

    /** A certificate valid from {@code startDate} (keytool syntax, e.g. "-10d"; null = now) for {@code days}. */
    public static Cert create(Path dir, String name, String startDate, int days) throws IOException, InterruptedException {
        Path ks = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> gen = new ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", Integer.toString(days),
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        if (startDate != null) {
            gen.addAll(List.of("-startdate", startDate));
        }
        run(gen);
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(), "-storepass", "changeit",
                "-file", pem.toString()));
        return new Cert(ks, pem);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
