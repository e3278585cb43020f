package dev.revive.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressRulesTest {

    static final AddressRules STRICT = new AddressRules(false, false, null);
    static final AddressRules OPEN = new AddressRules(true, true, null);

    static AddressRules resolvingTo(String address, boolean loopback, boolean priv) {
        return new AddressRules(loopback, priv, host -> List.of(InetAddress.getByName(address)));
    }

    @Test
    void link_local_and_metadata_addresses_are_refused_even_when_everything_else_is_allowed() {
        for (String h : List.of("169.254.169.254", "169.254.0.1", "[fe80::1]", "fe80::abcd", "fd00:ec2::254", "100.100.100.200",
                "::ffff:169.254.169.254", "[::ffff:a9fe:a9fe]", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "224.0.0.1",
                "255.255.255.255", "ff02::1", "metadata.google.internal", "METADATA.GOOGLE.INTERNAL.", "metadata", "fe80::1%eth0")) {
            assertThat(OPEN.refusal(h)).as(h).isNotNull();
        }
    }

    @Test
    void loopback_is_allowed_only_when_the_operator_says_so() {
        for (String h : List.of("127.0.0.1", "127.1.2.3", "[::1]", "::1", "0.0.0.0", "::", "localhost", "LOCALHOST", "a.localhost",
                "::ffff:127.0.0.1")) {
            assertThat(STRICT.refusal(h)).as(h).contains("loopback");
            assertThat(new AddressRules(true, false, null).refusal(h)).as(h).isNull();
        }
    }

    @Test
    void private_ranges_are_allowed_only_when_the_operator_says_so() {
        for (String h : List.of("10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "fc00::1", "fd12:3456::1")) {
            assertThat(STRICT.refusal(h)).as(h).contains("private");
            assertThat(new AddressRules(false, true, null).refusal(h)).as(h).isNull();
        }
        assertThat(STRICT.refusal("172.32.0.1")).isNull();
    }

    @Test
    void ipv4_written_any_other_way_than_dotted_decimal_is_refused() {
        for (String h : List.of("2852039166", "0251.0376.0251.0376", "0xa9fea9fe", "0xa9.0xfe.0xa9.0xfe", "169.254.43518", "010.0.0.1")) {
            assertThat(OPEN.refusal(h)).as(h).contains("dotted-decimal");
        }
    }

    @Test
    void a_name_is_judged_by_what_it_resolves_to() {
        assertThat(resolvingTo("169.254.169.254", true, true).refusal("evil.example.com")).contains("resolves to 169.254.169.254");
        assertThat(resolvingTo("127.0.0.1", false, false).refusal("sneaky.example.com")).contains("loopback");
        assertThat(resolvingTo("127.0.0.1", true, false).refusal("sneaky.example.com")).isNull();
        assertThat(resolvingTo("10.0.0.5", false, false).refusal("intranet.example.com")).contains("private");
        assertThat(resolvingTo("93.184.216.34", false, false).refusal("www.example.com")).isNull();
    }

    @Test
    void a_name_that_does_not_resolve_is_left_to_the_connecting_side() {
        AddressRules nx = new AddressRules(false, false, host -> {
            throw new UnknownHostException(host);
        });
        assertThat(nx.refusal("not-yet.example.com")).isNull();
        assertThat(STRICT.refusal("www.example.com")).isNull();
        assertThat(STRICT.refusal("8.8.8.8")).isNull();
        assertThat(STRICT.refusal("[2001:db8::1]")).isNull();
    }

    @Test
    void garbage_is_not_a_host() {
        assertThat(OPEN.refusal("exa mple.com")).isNotNull();
        assertThat(OPEN.refusal("")).isNotNull();
        assertThat(OPEN.refusal("[zz::1]")).isNotNull();
    }
}
