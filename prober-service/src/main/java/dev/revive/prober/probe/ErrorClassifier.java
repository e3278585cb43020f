package dev.revive.prober.probe;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import dev.revive.common.contract.ProbeResult.ErrorClass;

/** Maps a failed connection or exchange to Revive's error classes, looking through the cause chain. */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    public static ErrorClass classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AddressPolicy.Refused) {
                return ErrorClass.ADDRESS_REFUSED;
            }
            String name = c.getClass().getName();
            if (c instanceof UnknownHostException || name.endsWith("DnsNameResolverException")
                    || name.endsWith("DnsNameResolverTimeoutException")) {
                return ErrorClass.DNS;
            }
            // Netty's ConnectTimeoutException is a ConnectException: time-outs are told apart first.
            if (c instanceof TimeoutException || name.endsWith("ConnectTimeoutException")
                    || name.endsWith("NoStackTraceTimeoutException") || c instanceof java.net.SocketTimeoutException) {
                return ErrorClass.TIMEOUT;
            }
            if (c instanceof SSLException || c instanceof CertificateException) {
                return ErrorClass.TLS;
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
                String m = String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT);
                return m.contains("refused") ? ErrorClass.CONNECTION_REFUSED : ErrorClass.IO;
            }
        }
        return ErrorClass.IO;
    }

    /** The first line of the innermost useful message, for a result's detail. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 300 ? m.substring(0, 300) : m;
    }
}
