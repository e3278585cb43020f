package dev.revive.prober.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** Which resolved addresses a probe may reach. */
class AddressPolicyTest {

    private static final AddressPolicy ALL_ALLOWED = new AddressPolicy(true, true);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void link_local_and_metadata_addresses_are_refused_even_when_loopback_and_private_are_allowed() throws Exception {
        for (String a : new String[] {"169.254.169.254", "169.254.0.1", "fe80::1", "fd00:ec2::254", "100.100.100.200",
                "::ffff:169.254.169.254", "224.0.0.1", "255.255.255.255"}) {
            assertThat(ALL_ALLOWED.refusal(ip(a))).as(a).isNotNull().contains("never probed");
        }
    }

    @Test
    void loopback_is_refused_unless_allowed() throws Exception {
        for (String a : new String[] {"127.0.0.1", "127.1.2.3", "::1", "0.0.0.0", "::", "::ffff:127.0.0.1"}) {
            assertThat(AddressPolicy.PUBLIC_ONLY.refusal(ip(a))).as(a).contains("allow-loopback");
            assertThat(new AddressPolicy(true, false).refusal(ip(a))).as(a).isNull();
        }
    }

    @Test
    void private_ranges_are_refused_unless_allowed() throws Exception {
        for (String a : new String[] {"10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "fd12::1",
                "fc00::1"}) {
            assertThat(new AddressPolicy(true, false).refusal(ip(a))).as(a).contains("allow-private");
            assertThat(ALL_ALLOWED.refusal(ip(a))).as(a).isNull();
        }
    }

    @Test
    void public_addresses_are_allowed() throws Exception {
        for (String a : new String[] {"93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "8.8.8.8"}) {
            assertThat(AddressPolicy.PUBLIC_ONLY.refusal(ip(a))).as(a).isNull();
        }
    }
}
