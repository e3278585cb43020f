package dev.revive.notifier.dispatch;

import java.time.Duration;

import dev.revive.notifier.config.NotifierConfig;

/** Exponential backoff: initial × multiplier^(attempts − 1), capped at a maximum delay. */
public record Backoff(Duration initial, double multiplier, Duration max, int maxAttempts) {

    public static Backoff of(NotifierConfig.Retry r) {
        return new Backoff(r.initialDelay(), r.multiplier(), r.maxDelay(), r.maxAttempts());
    }

    /** Delay before the next try after {@code attempts} failed tries (attempts ≥ 1). */
    public Duration delayAfter(int attempts) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }

    /** Whether another try is allowed after {@code attempts} tries. */
    public boolean mayRetry(int attempts) {
        return attempts < maxAttempts;
    }
}
