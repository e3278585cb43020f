package dev.revive.prober.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.ProbeResult.ErrorClass;

/** Classes that local servers cannot produce without traffic to other addresses (DNS) are checked here. */
class ErrorClassifierTest {

    @Test
    void an_unknown_host_is_dns_even_when_wrapped() {
        assertThat(ErrorClassifier.classify(new RuntimeException(new UnknownHostException("nowhere.invalid")))).isEqualTo(ErrorClass.DNS);
    }

    @Test
    void a_connect_timeout_is_a_timeout_not_a_refusal() {
        assertThat(ErrorClassifier.classify(new io.netty.channel.ConnectTimeoutException("connection timed out")))
                .isEqualTo(ErrorClass.TIMEOUT);
        assertThat(ErrorClassifier.classify(new TimeoutException())).isEqualTo(ErrorClass.TIMEOUT);
    }

    @Test
    void refused_handshake_and_other_io_errors_are_told_apart() {
        assertThat(ErrorClassifier.classify(new ConnectException("Connection refused"))).isEqualTo(ErrorClass.CONNECTION_REFUSED);
        assertThat(ErrorClassifier.classify(new SSLHandshakeException("PKIX path building failed"))).isEqualTo(ErrorClass.TLS);
        assertThat(ErrorClassifier.classify(new IOException("Connection reset by peer"))).isEqualTo(ErrorClass.IO);
    }

    @Test
    void status_ranges_accept_single_codes_and_ranges() {
        StatusRanges r = StatusRanges.parse(java.util.List.of("200-299", "304"));
        assertThat(r.accepts(204)).isTrue();
        assertThat(r.accepts(304)).isTrue();
        assertThat(r.accepts(301)).isFalse();
        assertThat(r.accepts(500)).isFalse();
    }
}
