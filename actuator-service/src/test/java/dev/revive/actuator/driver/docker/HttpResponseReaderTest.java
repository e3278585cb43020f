package dev.revive.actuator.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The response framing the Docker engine uses on its socket, byte for byte as dockerd 20.10 writes it. */
class HttpResponseReaderTest {

    static HttpResponse read(String raw, String method) throws IOException {
        return new HttpResponseReader(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), 1024).read(method);
    }

    @Test
    void reads_a_content_length_body_and_lower_cases_header_names() throws IOException {
        HttpResponse r = read("""
                HTTP/1.1 404 Not Found\r
                Api-Version: 1.41\r
                Content-Type: application/json\r
                Content-Length: 38\r
                \r
                {"message":"No such container: nope"}
                """, "GET");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.reason()).isEqualTo("Not Found");
        assertThat(r.headers()).containsEntry("api-version", "1.41");
        assertThat(r.bodyText()).isEqualTo("{\"message\":\"No such container: nope\"}\n");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void joins_chunks_and_skips_chunk_extensions_and_trailers() throws IOException {
        HttpResponse r = read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"Id\"\r\n" + "a;name=x\r\n:\"abc123\"}\r\n" + "0\r\nX-Trailer: 1\r\n\r\n", "GET");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("{\"Id\":\"abc123\"}");
    }

    @Test
    void a_no_content_answer_has_no_body_even_when_the_peer_keeps_the_connection() throws IOException {
        // Nothing follows the blank line; reading on would block or hit the end of the stream.
        HttpResponse r = read("HTTP/1.1 204 No Content\r\nServer: Docker/20.10.24+dfsg1 (linux)\r\n\r\n", "POST");

        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.ok()).isTrue();
    }

    @Test
    void reads_to_the_end_when_there_is_neither_length_nor_chunks() throws IOException {
        HttpResponse r = read("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\ncannot restart: oops", "POST");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.bodyText()).isEqualTo("cannot restart: oops");
    }

    @Test
    void skips_an_interim_continue_response() throws IOException {
        HttpResponse r = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK", "GET");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("OK");
    }

    @Test
    void a_truncated_body_or_a_missing_response_is_an_error() {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "GET"))
                .isInstanceOf(EOFException.class).hasMessageContaining("3 of 10");
        assertThatThrownBy(() -> read("", "GET")).isInstanceOf(EOFException.class)
                .hasMessageContaining("closed before a response");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "GET"))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void refuses_what_is_not_http_and_bodies_over_the_limit() {
        assertThatThrownBy(() -> read("SSH-2.0-OpenSSH_9.2\r\n\r\n", "GET")).hasMessageContaining("not an HTTP/1.x status line");
        assertThatThrownBy(() -> read("HTTP/1.1 abc OK\r\n\r\n", "GET")).hasMessageContaining("bad status code");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n", "GET"))
                .hasMessageContaining("larger than 1024");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n", "GET"))
                .hasMessageContaining("larger than 1024");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "GET"))
                .hasMessageContaining("bad chunk size");
    }

    @Test
    void writes_a_request_with_host_and_close_and_refuses_a_target_that_would_split_it() {
        assertThat(UnixSocketHttp.request("POST", "/v1.41/containers/abc/restart?t=3")).isEqualTo(
                "POST /v1.41/containers/abc/restart?t=3 HTTP/1.1\r\nHost: docker\r\nUser-Agent: revive-actuator\r\n"
                        + "Accept: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThatThrownBy(() -> UnixSocketHttp.request("GET", "/x HTTP/1.1\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
