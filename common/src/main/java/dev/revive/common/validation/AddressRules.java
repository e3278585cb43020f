package dev.revive.common.validation;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which addresses a target may point at (against SSRF: a probe, a drift delta or a webhook that reads back an instance's
 * metadata credentials or an internal service). Link-local and cloud metadata addresses are refused always; loopback
 * and private ranges only where the operator allows them.
 *
 * <p>A check at registration is advice, not a guarantee: a name may resolve differently at connect time (DNS rebinding),
 * so whoever connects checks the address it connects to as well.
 *
 * @param allowLoopback whether 127.0.0.0/8, ::1, 0.0.0.0/8 and :: are allowed
 * @param allowPrivate  whether 10/8, 172.16/12, 192.168/16, 100.64/10 and fc00::/7 are allowed
 * @param resolver      how a name is resolved; null: names are judged by their text only (no lookup)
 */
public record AddressRules(boolean allowLoopback, boolean allowPrivate, Resolver resolver) {

    /** Resolves a host name to its addresses; may block. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        /** The JVM's resolver. */
        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
    }

    /** What an address is, from the point of view of a target. */
    public enum Kind { PUBLIC, LOOPBACK, PRIVATE, FORBIDDEN }

    /** Literal addresses only, loopback and private allowed: the checks that hold whatever the operator allows. */
    public static final AddressRules LITERALS_ONLY = new AddressRules(true, true, null);

    /** Names of metadata services, refused whatever they resolve to here (they resolve only inside the cloud). */
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal", "metadata.azure.internal", "metadata.tencentyun.com",
            "metadata.platformequinix.com");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\\.?");

    /**
     * Why {@code host} may not be a target's address, or null when it may. {@code host} is a name, a dotted IPv4
     * address or an IPv6 address (with or without brackets). A name that does not resolve is allowed: it may exist
     * later, and the connecting side checks again.
     */
    public String refusal(String host) {
        if (host == null || host.isBlank()) {
            return "is required";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0) {
            return "must not name an IPv6 zone (link-local)";
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            InetAddress a = literal6(h);
            return a == null ? "is not a valid IPv6 address" : judge(a, h);
        }
        if (numeric(h)) {
            if (!DOTTED_QUAD.matcher(h).matches()) {
                // 2852039166, 0251.0376.0251.0376 or 0xa9fea9fe: each resolver reads them its own way.
                return "must be a dotted-decimal IPv4 address (a.b.c.d) or a host name";
            }
            return judge(literal4(h), h);
        }
        if (!HOST_NAME.matcher(h).matches()) {
            return "is not a valid host name";
        }
        if (METADATA_NAMES.contains(h)) {
            return "must not be a cloud metadata service (" + h + ")";
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            if (!allowLoopback) {
                return "must not be a loopback address (" + h + "); allowed only where revive.targets.allow-loopback is true";
            }
        }
        if (resolver == null) {
            return null;
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(h);
        } catch (UnknownHostException e) {
            return null;
        }
        for (InetAddress a : addresses) {
            String why = judge(a, h + " resolves to " + a.getHostAddress());
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** Read as an IPv4 literal by some resolver: its last label is a number (no top-level domain is). */
    private static boolean numeric(String h) {
        String last = h.substring(h.lastIndexOf('.') + 1);
        return !last.isEmpty() && (last.chars().allMatch(Character::isDigit) || last.startsWith("0x"));
    }

    private String judge(InetAddress a, String shown) {
        return switch (kind(a)) {
            case PUBLIC -> null;
            case FORBIDDEN -> "must not be a link-local, metadata, multicast or broadcast address (" + shown + ")";
            case LOOPBACK -> allowLoopback ? null
                    : "must not be a loopback address (" + shown + "); allowed only where revive.targets.allow-loopback is true";
            case PRIVATE -> allowPrivate ? null
                    : "must not be a private address (" + shown + "); allowed only where revive.targets.allow-private is true";
        };
    }

    /** The kind of an address; IPv4 inside IPv6 (mapped, compatible, NAT64, 6to4) is judged as the IPv4 address. */
    public static Kind kind(InetAddress a) {
        if (a instanceof Inet6Address six) {
            byte[] b = six.getAddress();
            Inet4Address embedded = embedded4(b);
            if (embedded != null) {
                return kind(embedded);
            }
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (a.isAnyLocalAddress() || a.isLoopbackAddress()) {
                return Kind.LOOPBACK;
            }
            if (first == 0xfe && (second & 0xc0) == 0x80 || first == 0xff) {
                return Kind.FORBIDDEN; // fe80::/10 link-local, ff00::/8 multicast
            }
            if (first == 0xfd && second == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2) {
                return Kind.FORBIDDEN; // fd00:ec2::/32, the EC2 metadata service and DNS over IPv6
            }
            if ((first & 0xfe) == 0xfc) {
                return Kind.PRIVATE; // fc00::/7 unique local
            }
            if (first == 0xfe && (second & 0xc0) == 0xc0) {
                return Kind.PRIVATE; // fec0::/10 deprecated site-local
            }
            return Kind.PUBLIC;
        }
        byte[] b = a.getAddress();
        int o1 = b[0] & 0xff;
        int o2 = b[1] & 0xff;
        if (o1 == 169 && o2 == 254 || o1 >= 224) {
            return Kind.FORBIDDEN; // link-local (metadata of EC2, GCP, Azure, OpenStack), multicast, reserved, broadcast
        }
        if (o1 == 100 && o2 == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200) {
            return Kind.FORBIDDEN; // Alibaba Cloud metadata
        }
        if (o1 == 127 || o1 == 0) {
            return Kind.LOOPBACK;
        }
        if (o1 == 10 || o1 == 172 && (o2 & 0xf0) == 16 || o1 == 192 && o2 == 168 || o1 == 100 && (o2 & 0xc0) == 64
                || o1 == 198 && (o2 & 0xfe) == 18) {
            return Kind.PRIVATE; // RFC 1918, carrier-grade NAT 100.64/10, benchmarking 198.18/15
        }
        return Kind.PUBLIC;
    }

    private static Inet4Address embedded4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        int at;
        if (zeros80 && (b[10] == 0 && b[11] == 0 || (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff)) {
            // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped); :: and ::1 themselves stay IPv6
            boolean low = b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1);
            if (b[10] == 0 && low) {
                return null;
            }
            at = 12;
        } else if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            at = 12; // 64:ff9b::/96 NAT64
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            at = 2; // 2002::/16 6to4
        } else {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] { b[at], b[at + 1], b[at + 2], b[at + 3] });
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress literal4(String h) {
        String[] parts = h.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress literal6(String h) {
        if (!h.matches("[0-9a-f:.]+")) {
            return null;
        }
        try {
            // A literal: InetAddress does not look anything up for text with a colon.
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
