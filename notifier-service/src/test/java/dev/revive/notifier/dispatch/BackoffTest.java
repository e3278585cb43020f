package dev.revive.notifier.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30), 5);

    @Test
    void delay_doubles_from_the_initial_delay() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void delay_never_exceeds_the_maximum() {
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(500)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retries_stop_at_the_cap_of_attempts() {
        assertThat(backoff.mayRetry(4)).isTrue();
        assertThat(backoff.mayRetry(5)).isFalse();
    }
}
