package dev.revive.prober.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Self-signed certificates for 127.0.0.1 made with the JDK's keytool (no extra library). Each keytool run is a JVM
 * start, a second or more on a busy machine: keytool runs with the quick-start compiler only (C1), the PEM is read
 * from the key store in this JVM instead of being exported by a second run, and a certificate asked for again with
 * the same name, start and validity is the one already made.
 */
public final class TestCerts {

    /** A PKCS12 key store (password {@code changeit}) and the certificate as PEM. */
    public record Cert(Path keyStore, Path pem) {
        public String password() {
            return "changeit";
        }
    }

    private static final Map<String, Cert> MADE = new ConcurrentHashMap<>();

    private TestCerts() {
    }

    /** A certificate valid from {@code startDate} (keytool syntax, e.g. "-10d"; null = now) for {@code days}. */
    public static Cert create(Path dir, String name, String startDate, int days) throws IOException, InterruptedException {
        String key = name + "|" + startDate + "|" + days;
        Cert made = MADE.get(key);
        if (made != null && Files.exists(made.keyStore()) && Files.exists(made.pem())) {
            return made;
        }
        Cert cert = make(dir, name, startDate, days);
        MADE.put(key, cert);
        return cert;
    }

    private static Cert make(Path dir, String name, String startDate, int days) throws IOException, InterruptedException {
        Path ks = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> gen = new ArrayList<>(List.of(keytool, "-J-XX:TieredStopAtLevel=1", "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", Integer.toString(days),
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        if (startDate != null) {
            gen.addAll(List.of("-startdate", startDate));
        }
        run(gen);
        Files.writeString(pem, pem(ks), StandardCharsets.US_ASCII);
        return new Cert(ks, pem);
    }

    /** The key store's certificate as PEM, as {@code keytool -exportcert -rfc} writes it. */
    private static String pem(Path ks) throws IOException {
        try (InputStream in = Files.newInputStream(ks)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            byte[] der = store.getCertificate("server").getEncoded();
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the certificate of " + ks, e);
        }
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
