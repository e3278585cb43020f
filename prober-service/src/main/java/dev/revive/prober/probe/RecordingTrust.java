package dev.revive.prober.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust (plus optional extra certificates) with one addition: it remembers the expiry of the leaf
 * certificate each server presented, before judging it. So an expired or untrusted certificate still yields its
 * days left next to the TLS failure. Host name verification stays the JDK's (endpoint identification on the engine).
 */
public final class RecordingTrust extends X509ExtendedTrustManager {

    private final List<X509ExtendedTrustManager> delegates;
    private final Map<String, Instant> notAfterByPeer = new ConcurrentHashMap<>();

    public RecordingTrust(List<Path> extraPemFiles) {
        try {
            List<X509ExtendedTrustManager> ds = new ArrayList<>();
            ds.add(trustManager(null));
            if (!extraPemFiles.isEmpty()) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                int n = 0;
                for (Path p : extraPemFiles) {
                    try (InputStream in = Files.newInputStream(p)) {
                        for (Certificate c : cf.generateCertificates(in)) {
                            ks.setCertificateEntry("extra-" + n++, c);
                        }
                    }
                }
                ds.add(trustManager(ks));
            }
            this.delegates = List.copyOf(ds);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS trust: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509ExtendedTrustManager");
    }

    /** Whole days until the certificate last presented by host:port expires (negative once expired), or null. */
    public Integer daysLeft(String host, int port, Instant now) {
        Instant notAfter = notAfterByPeer.get(host + ":" + port);
        return notAfter == null ? null : daysLeft(notAfter, now);
    }

    public static int daysLeft(Instant notAfter, Instant now) {
        return (int) Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400L);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        if (chain != null && chain.length > 0 && engine != null && engine.getPeerHost() != null) {
            notAfterByPeer.put(engine.getPeerHost() + ":" + engine.getPeerPort(), chain[0].getNotAfter().toInstant());
        }
        // PKIX never checks a trust anchor's own dates: a server presenting a (trusted) expired self-signed
        // certificate would pass, while every browser rejects it. So the leaf's validity is checked first.
        if (chain != null && chain.length > 0) {
            chain[0].checkValidity();
        }
        CertificateException last = null;
        for (X509ExtendedTrustManager d : delegates) {
            try {
                d.checkServerTrusted(chain, authType, engine);
                return;
            } catch (CertificateException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        CertificateException last = null;
        for (X509ExtendedTrustManager d : delegates) {
            try {
                d.checkServerTrusted(chain, authType, socket);
                return;
            } catch (CertificateException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        CertificateException last = null;
        for (X509ExtendedTrustManager d : delegates) {
            try {
                d.checkServerTrusted(chain, authType);
                return;
            } catch (CertificateException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a prober never accepts client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a prober never accepts client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a prober never accepts client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegates.stream().flatMap(d -> java.util.Arrays.stream(d.getAcceptedIssuers())).toArray(X509Certificate[]::new);
    }
}
