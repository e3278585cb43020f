package dev.revive.prober.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** The fresh-connection probe's response parser, fed the bytes in every split a network could make. */
class ResponseParserTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    /** Feeds the response in pieces of {@code step} bytes; returns the parser once done (or after all bytes). */
    private static ResponseParser feed(ResponseParser p, String response, int step) throws IOException {
        for (int i = 0; i < response.length() && !p.done(); i += step) {
            ByteBuf b = bytes(response.substring(i, Math.min(response.length(), i + step)));
            p.feed(b);
            b.release();
        }
        return p;
    }

    private static String body(ResponseParser p) {
        return new String(p.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void content_length_body_is_read_in_any_split() throws IOException {
        String r = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\nhello world";
        for (int step = 1; step <= r.length(); step++) {
            ResponseParser p = feed(new ResponseParser(true, 1 << 20, false), r, step);
            assertThat(p.done()).as("step %d", step).isTrue();
            assertThat(p.status()).isEqualTo(200);
            assertThat(body(p)).isEqualTo("hello world");
        }
    }

    @Test
    void chunked_body_is_reassembled_in_any_split() throws IOException {
        String r = "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: y\r\n\r\n";
        for (int step = 1; step <= r.length(); step++) {
            ResponseParser p = feed(new ResponseParser(true, 1 << 20, false), r, step);
            assertThat(p.done()).as("step %d", step).isTrue();
            assertThat(p.status()).isEqualTo(503);
            assertThat(body(p)).isEqualTo("hello world");
        }
    }

    @Test
    void a_body_without_length_ends_with_the_connection() throws IOException {
        ResponseParser p = feed(new ResponseParser(true, 1 << 20, false), "HTTP/1.0 200 OK\r\n\r\nuntil the end", 4);
        assertThat(p.done()).isFalse();
        assertThat(p.endOfInput()).isTrue();
        assertThat(body(p)).isEqualTo("until the end");
    }

    @Test
    void a_response_cut_short_is_not_complete() throws IOException {
        ResponseParser p = feed(new ResponseParser(true, 1 << 20, false), "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", 7);
        assertThat(p.endOfInput()).isFalse();
    }

    @Test
    void without_body_checks_the_status_and_headers_are_enough() throws IOException {
        ResponseParser p = new ResponseParser(false, 1 << 20, false);
        ByteBuf b = bytes("HTTP/1.1 302 Found\r\nLocation: /x\r\nContent-Length: 5000\r\n\r\nsome of the body");
        assertThat(p.feed(b)).isTrue();
        assertThat(p.status()).isEqualTo(302);
        assertThat(p.body()).isNull();
        b.release();
    }

    @Test
    void the_body_is_read_only_up_to_the_cap() throws IOException {
        ResponseParser p = new ResponseParser(true, 4, false);
        ByteBuf b = bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789");
        assertThat(p.feed(b)).isTrue();
        assertThat(body(p)).isEqualTo("0123");
        b.release();
    }

    @Test
    void interim_responses_are_skipped() throws IOException {
        ResponseParser p = feed(new ResponseParser(true, 100, false),
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", 3);
        assertThat(p.done()).isTrue();
        assertThat(p.status()).isEqualTo(201);
        assertThat(body(p)).isEqualTo("ok");
    }

    @Test
    void head_204_and_304_have_no_body_whatever_the_headers_say() throws IOException {
        assertThat(new ResponseParser(true, 100, true).feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n"))).isTrue();
        assertThat(new ResponseParser(true, 100, false).feed(bytes("HTTP/1.1 204 No Content\r\nContent-Length: 50\r\n\r\n"))).isTrue();
        assertThat(new ResponseParser(true, 100, false).feed(bytes("HTTP/1.1 304 Not Modified\r\n\r\n"))).isTrue();
    }

    @Test
    void garbage_is_an_error_not_a_status() {
        assertThatThrownBy(() -> new ResponseParser(false, 100, false).feed(bytes("SSH-2.0-OpenSSH_9.6\r\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("status line");
        assertThatThrownBy(() -> new ResponseParser(true, 100, false).feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("chunk size");
    }

    @Test
    void an_endless_head_is_an_error() {
        ResponseParser p = new ResponseParser(false, 100, false);
        assertThatThrownBy(() -> {
            p.feed(bytes("HTTP/1.1 200 OK\r\n"));
            for (int i = 0; i < 10_000; i++) {
                p.feed(bytes("X-Filler: " + "x".repeat(20) + "\r\n"));
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("larger than");
    }
}
