package dev.revive.actuator.driver.docker;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 response from a stream: status line, headers, and a body framed by {@code Content-Length},
 * by chunked transfer coding, or by the end of the stream (the request said {@code Connection: close}). Bounded:
 * a line, the header block and the body each have a limit, so a confused peer cannot fill the heap.
 */
public final class HttpResponseReader {

    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEADERS = 100;

    private final InputStream in;
    private final int maxBody;

    public HttpResponseReader(InputStream in, int maxBody) {
        this.in = in;
        this.maxBody = maxBody;
    }

    /** Reads the response to a request with the given method (a HEAD response has no body). */
    public HttpResponse read(String method) throws IOException {
        String statusLine = line();
        // HTTP/1.1 200 OK  (the reason phrase may be empty)
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + printable(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status code in: " + printable(statusLine));
        }
        Map<String, String> headers = headers();
        if (status >= 100 && status < 200) {
            // An interim response (100 Continue): the real one follows.
            return read(method);
        }
        byte[] body;
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked();
        } else if (headers.containsKey("content-length")) {
            body = fixed(contentLength(headers.get("content-length")));
        } else {
            body = untilEnd();
        }
        return new HttpResponse(status, parts.length > 2 ? parts[2] : "", headers, body);
    }

    private Map<String, String> headers() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0;; i++) {
            String h = line();
            if (h.isEmpty()) {
                return headers;
            }
            if (i == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " header lines");
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad header line: " + printable(h));
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semi = sizeLine.indexOf(';');
            String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + printable(sizeLine));
            }
            if (size < 0 || out.size() + size > maxBody) {
                throw new IOException("response body larger than " + maxBody + " bytes");
            }
            if (size == 0) {
                // Trailers, if any, end with an empty line like the headers.
                headers();
                return out.toByteArray();
            }
            out.write(fixed(size));
            if (!line().isEmpty()) {
                throw new IOException("chunk of " + size + " bytes not followed by CRLF");
            }
        }
    }

    private long contentLength(String value) throws IOException {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            if (n > maxBody) {
                throw new IOException("response body of " + n + " bytes is larger than " + maxBody);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + printable(value));
        }
    }

    private byte[] fixed(long n) throws IOException {
        byte[] b = in.readNBytes((int) n);
        if (b.length < n) {
            throw new EOFException("connection closed after " + b.length + " of " + n + " body bytes");
        }
        return b;
    }

    private byte[] untilEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > maxBody) {
                throw new IOException("response body larger than " + maxBody + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** One line without its CRLF (a bare LF is accepted too). */
    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException(b.size() == 0 ? "connection closed before a response"
                        : "connection closed in the middle of a line");
            }
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (b.size() == MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
