package dev.revive.prober.probe;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of the probe engine shared by every target.
 *
 * @param maxBodyBytes      most body bytes read for checks and drift (the rest is drained, not kept)
 * @param userAgent         User-Agent header sent with every HTTP probe
 * @param extraTrustedCerts PEM files of certificates trusted in addition to the JDK's (private CAs, tests)
 * @param maxConnectionsPerHost pool size per host:port of the Vert.x clients (keep-alive probes, and fresh probes that
 *                          follow redirects); other fresh probes open their own connection without a pool
 * @param addresses         which resolved addresses a probe may connect to
 * @param bodyPatternBudgetMs longest a {@code bodyRegex} match may run on one body before it is stopped
 */
public record ProbeOptions(int maxBodyBytes, String userAgent, List<Path> extraTrustedCerts, int maxConnectionsPerHost,
        AddressPolicy addresses, long bodyPatternBudgetMs) {

    public static ProbeOptions defaults() {
        return new ProbeOptions(1 << 20, "Revive-Prober/0.1", List.of(), 1024);
    }

    /** Public addresses only, 1 s per body pattern. */
    public ProbeOptions(int maxBodyBytes, String userAgent, List<Path> extraTrustedCerts, int maxConnectionsPerHost) {
        this(maxBodyBytes, userAgent, extraTrustedCerts, maxConnectionsPerHost, AddressPolicy.PUBLIC_ONLY, 1_000);
    }

    public ProbeOptions {
        extraTrustedCerts = extraTrustedCerts == null ? List.of() : List.copyOf(extraTrustedCerts);
        addresses = addresses == null ? AddressPolicy.PUBLIC_ONLY : addresses;
    }

    public ProbeOptions withAddresses(AddressPolicy a) {
        return new ProbeOptions(maxBodyBytes, userAgent, extraTrustedCerts, maxConnectionsPerHost, a, bodyPatternBudgetMs);
    }

    public ProbeOptions withBodyPatternBudgetMs(long ms) {
        return new ProbeOptions(maxBodyBytes, userAgent, extraTrustedCerts, maxConnectionsPerHost, addresses, ms);
    }
}
