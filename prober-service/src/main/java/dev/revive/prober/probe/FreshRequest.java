package dev.revive.prober.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.netty.util.NetUtil;

/**
 * One target's fresh-connection request, worked out once: where to connect and the request bytes, already encoded
 * (HTTP/1.1, {@code Connection: close}). An IP literal is resolved here, so such a probe never touches a resolver.
 *
 * @param https      TLS or not
 * @param host       host name (or IP literal, without brackets) for the TCP connection, SNI and host verification
 * @param port       server port
 * @param address    where to connect: resolved for an IP literal, unresolved (left to the event loop's resolver) else
 * @param configured {@code host:port} as configured, reported when no connection was made
 * @param request    the encoded request head
 * @param head       a HEAD request (no body in the response whatever its headers say)
 */
record FreshRequest(boolean https, String host, int port, InetSocketAddress address, String configured, byte[] request,
        boolean head) {

    static FreshRequest of(URI uri, String method, String userAgent, Map<String, String> headers) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String rawHost = uri.getHost();
        if (rawHost == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        String host = rawHost.startsWith("[") && rawHost.endsWith("]") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        InetSocketAddress address;
        if (ip != null) {
            try {
                address = new InetSocketAddress(InetAddress.getByAddress(host, ip), port);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("bad address " + host, e);
            }
        } else {
            address = InetSocketAddress.createUnresolved(host, port);
        }
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        boolean defaultPort = port == (https ? 443 : 80);
        // Header names are case-insensitive: a configured header replaces a default one of the same name.
        Map<String, String> all = new LinkedHashMap<>();
        all.put("host", "Host: " + (defaultPort ? rawHost : rawHost + ":" + port));
        all.put("user-agent", "User-Agent: " + userAgent);
        String m = method.toUpperCase(Locale.ROOT);
        if (m.equals("POST") || m.equals("PUT") || m.equals("PATCH")) {
            all.put("content-length", "Content-Length: 0");
        }
        headers.forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), k + ": " + v));
        all.put("connection", "Connection: close"); // one request per connection, whatever was configured
        StringBuilder sb = new StringBuilder(256).append(m).append(' ').append(path).append(" HTTP/1.1\r\n");
        for (String line : all.values()) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("line break in header: " + line);
            }
            sb.append(line).append("\r\n");
        }
        sb.append("\r\n");
        return new FreshRequest(https, host, port, address, rawHost + ":" + port, sb.toString().getBytes(StandardCharsets.UTF_8),
                m.equals("HEAD"));
    }
}
