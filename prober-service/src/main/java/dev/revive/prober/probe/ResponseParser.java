package dev.revive.prober.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * The least of HTTP/1.1 a probe needs from a response: the status line, the framing headers, and the body only when
 * a check needs it, up to a cap. Fed the bytes as they come ({@link #feed}); says when it has seen enough. Interim
 * 1xx responses are skipped. The body is framed by Content-Length, chunked transfer coding or the end of the
 * connection; bytes past the cap (or any body when none is needed) are never read: the caller closes the connection.
 * Not thread-safe: one parser per connection, used on its event loop.
 */
final class ResponseParser {

    /** Status line plus headers larger than this are an error (no probe target needs more). */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private enum State { STATUS, HEADERS, BODY_LENGTH, BODY_TO_CLOSE, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, DONE }

    private final boolean wantBody;
    private final int maxBody;
    private final boolean headRequest;
    private final StringBuilder line = new StringBuilder(128);
    private int headBytes;
    private State state = State.STATUS;
    private int status = -1;
    private long contentLength = -1;
    private boolean chunked;
    private long remaining;
    private ByteArrayOutputStream body;

    ResponseParser(boolean wantBody, int maxBody, boolean headRequest) {
        this.wantBody = wantBody;
        this.maxBody = Math.max(0, maxBody);
        this.headRequest = headRequest;
    }

    /** Consumes what it needs of {@code in} (never releases it); true once the response is known. */
    boolean feed(ByteBuf in) throws IOException {
        while (state != State.DONE && in.isReadable()) {
            switch (state) {
                case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                    String l = readLine(in);
                    if (l != null) {
                        onLine(l);
                    }
                }
                case BODY_LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    keep(in, n);
                    remaining -= n;
                    if (state != State.DONE && remaining == 0) {
                        state = state == State.BODY_LENGTH ? State.DONE : State.CHUNK_END;
                    }
                }
                case BODY_TO_CLOSE -> keep(in, in.readableBytes());
                default -> throw new IllegalStateException(state.name());
            }
        }
        return state == State.DONE;
    }

    /** The connection ended: true when that completes the response (body read to the end of the connection). */
    boolean endOfInput() {
        if (state == State.BODY_TO_CLOSE) {
            state = State.DONE;
        }
        return state == State.DONE;
    }

    boolean done() {
        return state == State.DONE;
    }

    /** The status code, or -1 before the status line. */
    int status() {
        return status;
    }

    /** The body read (at most the cap), or null when no body was asked for. */
    byte[] body() {
        return body == null ? (wantBody ? new byte[0] : null) : body.toByteArray();
    }

    private void keep(ByteBuf in, int n) {
        int room = maxBody - (body == null ? 0 : body.size());
        int take = Math.min(room, n);
        if (take > 0) {
            if (body == null) {
                body = new ByteArrayOutputStream(Math.min(maxBody, Math.max(take, 1024)));
            }
            byte[] chunk = new byte[take];
            in.readBytes(chunk);
            body.write(chunk, 0, take);
        }
        in.skipBytes(n - take);
        if (body != null && body.size() >= maxBody) {
            state = State.DONE; // the checks see at most the cap: no need to read further
        }
    }

    private String readLine(ByteBuf in) throws IOException {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        int end = lf < 0 ? in.writerIndex() : lf;
        int n = end - in.readerIndex();
        headBytes += n + 1;
        if (headBytes > MAX_HEAD_BYTES) {
            throw new IOException("response head larger than " + MAX_HEAD_BYTES + " bytes");
        }
        line.append(in.toString(in.readerIndex(), n, StandardCharsets.ISO_8859_1));
        in.readerIndex(lf < 0 ? end : lf + 1);
        if (lf < 0) {
            return null;
        }
        int len = line.length();
        String l = len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
        line.setLength(0);
        return l;
    }

    private void onLine(String l) throws IOException {
        if (state != State.STATUS && state != State.HEADERS) {
            headBytes = 0; // chunk framing lines: the limit is per line, a body may have any number of chunks
        }
        switch (state) {
            case STATUS -> {
                if (!l.startsWith("HTTP/1.") || l.length() < 12 || l.charAt(8) != ' ') {
                    throw new IOException("not an HTTP/1.x status line: " + abbreviate(l));
                }
                try {
                    status = Integer.parseInt(l.substring(9, 12));
                } catch (NumberFormatException e) {
                    throw new IOException("bad status code: " + abbreviate(l));
                }
                state = State.HEADERS;
            }
            case HEADERS -> {
                if (!l.isEmpty()) {
                    header(l);
                } else {
                    endOfHead();
                }
            }
            case CHUNK_SIZE -> {
                int semi = l.indexOf(';');
                String hex = (semi < 0 ? l : l.substring(0, semi)).trim();
                try {
                    remaining = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + abbreviate(l));
                }
                state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_END -> state = State.CHUNK_SIZE;
            case TRAILERS -> {
                if (l.isEmpty()) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void header(String l) throws IOException {
        int colon = l.indexOf(':');
        if (colon <= 0) {
            throw new IOException("bad header line: " + abbreviate(l));
        }
        String name = l.substring(0, colon).trim();
        String value = l.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("content-length")) {
            try {
                contentLength = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + abbreviate(value));
            }
        } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            chunked = true;
        }
    }

    private void endOfHead() {
        if (status >= 100 && status < 200 && status != 101) {
            // interim response (100 Continue, 103 Early Hints): the real one follows
            status = -1;
            contentLength = -1;
            chunked = false;
            state = State.STATUS;
            return;
        }
        boolean noBody = headRequest || status == 204 || status == 304 || status == 101;
        if (!wantBody || noBody || maxBody == 0) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.BODY_LENGTH;
        } else {
            state = State.BODY_TO_CLOSE;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
