package dev.revive.policy.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The policy service's own settings ({@code revive.*}). */
@ConfigMapping(prefix = "revive")
public interface PolicyConfig {

    Signing signing();

    Commands commands();

    @WithName("notify")
    Notify notifications();

    /** Base URL of this service as admins reach it, for links in notifications. */
    @WithName("public-url")
    @WithDefault("http://localhost:8082")
    String publicUrl();

    Links links();

    Auth auth();

    /** {@code <sha256hex>:<role>} entries; roles: viewer (reads), operator (reads and writes), admin (also /admin, secrets). */
    @WithName("api-keys")
    Optional<List<String>> apiKeys();

    Outbox outbox();

    Timers timers();

    Guard guard();

    Silences silences();

    Drills drills();

    Detection detection();

    Targets targets();

    History history();

    Signals signals();

    /** Alerts of other tools taken in as evidence ({@code /signals/alertmanager}). */
    interface Signals {
        /** The alert label that names the Revive target. */
        @WithName("target-label")
        @WithDefault("revive_target")
        String targetLabel();
    }

    Console console();

    /** {@code revive.what-if}: bounds of a what-if replay ({@code POST /targets/{id}/what-if}). */
    WhatIf whatIf();

    interface WhatIf {
        /** Most results of the target one replay reads; then it answers truncated. */
        @WithDefault("200000")
        int maxResults();

        /** Longest one replay reads {@code revive.health}; then it answers truncated. */
        @WithDefault("PT30S")
        Duration timeLimit();

        /** Replays at a time (each reads a whole partition); more are refused with 429. */
        @WithDefault("2")
        int concurrency();
    }

    /** Health history for the console and the status page: minute rollups written in batches, with retention. */
    interface History {
        /** Off: no rollups are kept (the console then shows only the live heartbeat bars). */
        @WithDefault("true")
        boolean enabled();

        /** How often finished minutes are written (one batch per flush). */
        @WithName("flush-interval")
        @WithDefault("PT10S")
        Duration flushInterval();

        /** How long minute rows are kept. */
        @WithName("minute-retention")
        @WithDefault("P2D")
        Duration minuteRetention();

        /** How long hour rows are kept (the status page's 90-day bars read them). */
        @WithName("hour-retention")
        @WithDefault("P90D")
        Duration hourRetention();
    }

    /** The operator console ({@code /ui}) and the public status page ({@code /status}). */
    interface Console {
        /**
         * Signs session cookies (HMAC-SHA256; at least 32 characters). Replicas behind one address must share it; unset,
         * each process makes its own at start, and sessions end when it restarts.
         */
        @WithName("session-secret")
        Optional<String> sessionSecret();

        /** How long a console session lasts. */
        @WithName("session-ttl")
        @WithDefault("PT12H")
        Duration sessionTtl();

        /** Send the session cookie only over HTTPS (turn off for plain-HTTP local use). */
        @WithName("secure-cookie")
        @WithDefault("true")
        boolean secureCookie();

        /** The public status page's title. */
        @WithName("status-title")
        @WithDefault("Service status")
        String statusTitle();

        /** URL of a logo the status page shows (optional). */
        @WithName("status-logo-url")
        Optional<String> statusLogoUrl();

        /** Targets per page in the console's list. */
        @WithName("page-size")
        @WithDefault("50")
        int pageSize();
    }

    /** Which addresses a target may point at (link-local and cloud metadata addresses never). */
    interface Targets {
        /** Whether probe URLs, TCP hosts and webhook URLs may be loopback (127.0.0.0/8, ::1, 0.0.0.0, localhost). */
        @WithName("allow-loopback")
        @WithDefault("false")
        boolean allowLoopback();

        /** Whether they may be private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). */
        @WithName("allow-private")
        @WithDefault("false")
        boolean allowPrivate();
    }

    Watchdog watchdog();

    /** The watchdog of missing probe results (WARNING incident {@code probe-results-missing}). */
    interface Watchdog {
        @WithDefault("true")
        boolean enabled();

        /** Probe intervals without a result from a location before it counts as silent for a target. */
        @WithName("missed-intervals")
        @WithDefault("3")
        int missedIntervals();

        /** Added to the missed intervals (consumer lag, a slow probe, a rebalance moving the target). */
        @WithDefault("PT30S")
        java.time.Duration slack();

        /** How often the last-heard map is swept. */
        @WithName("sweep-interval")
        @WithDefault("PT5S")
        java.time.Duration sweepInterval();
    }

    interface Detection {
        /**
         * Verdict changes (DOWN to UP or back) within the window that make a target flapping; 0 turns damping off. A
         * target's {@code detection.flapChanges} overrides it.
         */
        @WithName("flap-changes")
        @WithDefault("4")
        int flapChanges();

        /** How far back, in probe start times, verdict changes count. */
        @WithName("flap-window")
        @WithDefault("PT15M")
        Duration flapWindow();

        /**
         * How long a flapping target's passing quorum must hold before it is UP. Well below a step's verification
         * window (120 s by default): with 30 s probes and 2 successes to reach the quorum, the UP of a step that did fix
         * a flapping target comes up to 60 s + this after the fix, and must still fall inside the window.
         */
        @WithName("flap-hold-down")
        @WithDefault("PT30S")
        Duration flapHoldDown();

        /**
         * The locations whose probe results count for a target that names none in its {@code locations} (a target
         * that names some trusts those). A result from any other location is refused: counted, logged and
         * dead-lettered. Unset: only the spec-named locations count.
         */
        Optional<List<String>> locations();

        /** How far ahead of the policy's clock a result's {@code startedAt} may be and still count. */
        @WithName("max-clock-skew")
        @WithDefault("PT30S")
        Duration maxClockSkew();
    }

    interface Drills {
        /** How often running drills are judged (their incident found, their end recorded, faults refreshed). */
        @WithDefault("PT1S")
        Duration pollInterval();
    }

    interface Silences {
        /** How often silences that started or ended are turned into holds and releases. */
        @WithName("poll-interval")
        @WithDefault("PT5S")
        Duration pollInterval();
    }

    interface Signing {
        /** {@code keyId:secret[,keyId:secret...]}. */
        String keys();

        @WithName("active-key-id")
        Optional<String> activeKeyId();
    }

    interface Commands {
        /** How long a recovery command stays valid. */
        @WithDefault("PT10M")
        Duration ttl();
    }

    interface Notify {
        /** {@code CHANNEL:address} entries used when a target names no routes. */
        @WithName("default-recipients")
        @WithDefault("EMAIL:ops@example.com")
        List<String> defaultRecipients();
    }

    interface Links {
        /** HMAC secret of hold/ack link tokens (at least 32 bytes). */
        String secret();

        @WithDefault("PT24H")
        Duration ttl();
    }

    interface Auth {
        /** Whether GET endpoints answer without an API key (as a viewer: secrets redacted). */
        @WithName("anonymous-reads")
        @WithDefault("false")
        boolean anonymousReads();
    }

    interface Outbox {
        /** Safety-net poll of the relay (LISTEN/NOTIFY wakes it at once). */
        @WithName("poll-interval")
        @WithDefault("PT1S")
        Duration pollInterval();

        @WithName("batch-size")
        @WithDefault("500")
        int batchSize();

        /** The relay producer's brokers when they differ from {@code kafka.bootstrap.servers} (tests use a dead port). */
        @WithName("bootstrap-servers")
        Optional<String> bootstrapServers();

        /** The relay producer's {@code max.block.ms}: how long a send may wait for metadata (on its own thread). */
        @WithName("max-block")
        @WithDefault("PT10S")
        Duration maxBlock();
    }

    interface Timers {
        @WithName("poll-interval")
        @WithDefault("PT0.5S")
        Duration pollInterval();
    }

    interface Guard {
        /** Share of known targets going DOWN within the window that trips the blast-radius guard. */
        @WithName("blast-radius-share")
        @WithDefault("0.3")
        double blastRadiusShare();

        /** The guard needs at least this many known targets to mean anything. */
        @WithName("blast-radius-min-targets")
        @WithDefault("4")
        int blastRadiusMinTargets();

        @WithName("blast-radius-window")
        @WithDefault("PT1M")
        Duration blastRadiusWindow();
    }
}
