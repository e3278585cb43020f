package dev.revive.prober.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses a probe may connect to, checked on the address actually connected to (after DNS, so a name that
 * resolves to a forbidden address, or starts to later, is refused too; and on every redirect). Link-local and cloud
 * metadata addresses are never reached: a target pointed at 169.254.169.254 would read instance credentials back
 * through the drift delta. Loopback and private ranges only where an operator allows them.
 *
 * @param allowLoopback 127.0.0.0/8, ::1, 0.0.0.0/8 and :: (which reach this host)
 * @param allowPrivate  10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7 (unique local)
 */
public record AddressPolicy(boolean allowLoopback, boolean allowPrivate) {

    /** Public addresses only: the default. */
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false, false);

    /** The connection to this address was refused by the prober itself. */
    public static final class Refused extends java.io.IOException {
        public Refused(String message) {
            super(message);
        }
    }

    /** Null when the address may be reached, else why not. */
    public String refusal(InetAddress a) {
        if (a == null) {
            return null;
        }
        InetAddress v = unmapped(a);
        String ip = v.getHostAddress();
        if (v.isLinkLocalAddress() || metadata(v)) {
            return "address " + ip + " is link-local or a cloud metadata address: never probed";
        }
        if (v.isMulticastAddress() || isBroadcast(v)) {
            return "address " + ip + " is multicast or broadcast: never probed";
        }
        if (v.isLoopbackAddress() || v.isAnyLocalAddress() || thisNetwork(v)) {
            return allowLoopback ? null : "address " + ip + " is loopback: not probed unless revive.prober.allow-loopback";
        }
        if (v.isSiteLocalAddress() || uniqueLocal(v) || carrierGradeNat(v)) {
            return allowPrivate ? null : "address " + ip + " is private: not probed unless revive.prober.allow-private";
        }
        return null;
    }

    /** Throws {@link Refused} when the address may not be reached. */
    public void check(InetAddress a) throws Refused {
        String why = refusal(a);
        if (why != null) {
            throw new Refused(why);
        }
    }

    /** An IPv4 address written as IPv6 (::ffff:a.b.c.d, ::a.b.c.d) is checked as the IPv4 address it reaches. */
    private static InetAddress unmapped(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean zeros = true;
            for (int i = 0; i < 10; i++) {
                zeros &= b[i] == 0;
            }
            boolean mapped = zeros && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            boolean compatible = zeros && b[10] == 0 && b[11] == 0 && (b[12] | b[13] | b[14]) != 0;
            if (mapped || compatible) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    return a;
                }
            }
        }
        return a;
    }

    private static boolean metadata(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200; // Alibaba
        }
        // fd00:ec2::254, the EC2 instance metadata service over IPv6
        byte[] ec2 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
        return java.util.Arrays.equals(b, ec2);
    }

    private static boolean isBroadcast(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && (b[0] & b[1] & b[2] & b[3]) == (byte) 0xff;
    }

    private static boolean thisNetwork(InetAddress a) {
        return a instanceof Inet4Address && a.getAddress()[0] == 0;
    }

    private static boolean uniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static boolean carrierGradeNat(InetAddress a) {
        byte[] b = a.getAddress();
        return a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
}
