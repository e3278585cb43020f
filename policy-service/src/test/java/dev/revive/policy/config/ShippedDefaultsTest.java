package dev.revive.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** What a deployment gets when it sets nothing (application.properties as shipped, no environment). */
class ShippedDefaultsTest {

    static SmallRyeConfig shipped() throws Exception {
        return new SmallRyeConfigBuilder().withProfile("prod")
                .withSources(new PropertiesConfigSource(ShippedDefaultsTest.class.getResource("/application.properties"))).build();
    }

    @Test
    void anonymous_reads_loopback_and_private_targets_are_off() throws Exception {
        SmallRyeConfig c = shipped();
        assertThat(c.getValue("revive.auth.anonymous-reads", Boolean.class)).isFalse();
        assertThat(c.getValue("revive.targets.allow-loopback", Boolean.class)).isFalse();
        assertThat(c.getValue("revive.targets.allow-private", Boolean.class)).isFalse();
        assertThat(c.getValue("quarkus.http.limits.max-body-size", String.class)).isEqualTo("4M");
    }
}
