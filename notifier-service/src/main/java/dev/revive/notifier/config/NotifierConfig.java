package dev.revive.notifier.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.revive.common.contract.Channel;
import dev.revive.common.contract.NotificationRequest;
import dev.revive.common.contract.Severity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The notifier's own settings ({@code revive.notifier.*}); SMTP is configured through {@code quarkus.mailer.*}. */
@ConfigMapping(prefix = "revive.notifier")
public interface NotifierConfig {

    /** Time zone of the times written in messages. */
    @WithDefault("UTC")
    ZoneId timeZone();

    Retry retry();

    Storm storm();

    Dispatch dispatch();

    Webhook webhook();

    Aws aws();

    Ses ses();

    Sns sns();

    /** Routing rules by name: matching requests also go to the rule's channel and address. */
    Map<String, Route> routes();

    /** Exponential backoff of failed attempts, up to a cap of attempts. */
    interface Retry {
        @WithDefault("8")
        int maxAttempts();

        @WithDefault("PT2S")
        Duration initialDelay();

        @WithDefault("2.0")
        double multiplier();

        @WithDefault("PT5M")
        Duration maxDelay();
    }

    /** Storm control: beyond these many individual notifications within the window, requests join a digest. */
    interface Storm {
        @WithDefault("PT1M")
        Duration window();

        @WithDefault("5")
        int perTarget();

        @WithDefault("60")
        int global();
    }

    /** The dispatcher that works the ledger. */
    interface Dispatch {
        @WithDefault("PT1S")
        Duration interval();

        @WithDefault("50")
        int batchSize();

        @WithDefault("4")
        int workers();

        /** How long a claimed delivery stays ours; a crashed sender's claim is taken over after it. */
        @WithDefault("PT2M")
        Duration lease();
    }

    interface Webhook {
        /** HMAC-SHA256 key of the {@code X-Revive-Signature} header; generic webhooks fail without it. */
        Optional<String> secret();

        @WithDefault("PT10S")
        Duration timeout();
    }

    interface Aws {
        @WithDefault("us-east-1")
        String region();
    }

    interface Ses {
        /** Sender address of SES email. */
        Optional<String> from();

        Optional<String> configurationSet();

        /** For tests and local emulators; the regional endpoint otherwise. */
        Optional<URI> endpointOverride();
    }

    interface Sns {
        Optional<URI> endpointOverride();
    }

    /** A routing rule; every condition set must hold (see {@code RouteRule}). */
    interface Route {
        /** Tags the request must all carry. */
        Optional<Set<String>> matchTags();

        /** Target ids, one of which the request must be about. */
        Optional<Set<String>> matchTargets();

        /** Kinds, one of which the request must be. */
        Optional<Set<NotificationRequest.Kind>> matchKinds();

        Optional<Severity> minSeverity();

        Channel channel();

        String to();
    }
}
