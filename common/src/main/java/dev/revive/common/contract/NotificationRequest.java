package dev.revive.common.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something people must be told. Published on {@code revive.notifications}.
 *
 * @param notificationId unique id; with the channel, the notifier's delivery-ledger key
 * @param incidentId     the incident (null for notices not tied to one)
 * @param targetId       the target
 * @param targetName     the target's human name
 * @param kind           which event this tells of (selects the template)
 * @param severity       how urgent
 * @param step           ladder step concerned, 0 when none
 * @param action         action of that step, when there is one
 * @param summary        one-line human summary
 * @param facts          evidence: error class, status code, locations, addresses ...
 * @param links          named links: {@code hold}, {@code ack}, {@code incident}
 * @param recipients     where it goes
 * @param timeline       the incident's timeline so far
 * @param tags           the target's tags (for routing rules)
 * @param at             when the event happened
 * @param scheduledAt    for OPENED: when the first action runs unless held
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationRequest(
        String notificationId,
        String incidentId,
        String targetId,
        String targetName,
        Kind kind,
        Severity severity,
        int step,
        String action,
        String summary,
        Map<String, String> facts,
        Map<String, String> links,
        List<Recipient> recipients,
        List<TimelineEntry> timeline,
        List<String> tags,
        Instant at,
        Instant scheduledAt) {

    public NotificationRequest {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        links = links == null ? Map.of() : Map.copyOf(links);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public enum Kind {
        OPENED, STEP_STARTED, STEP_SUCCEEDED, STEP_FAILED, ESCALATED, NEEDS_HUMAN, HELD, RESOLVED,
        ORIGINAL_INSTANCE_BACK, WARNING, PROBE_NETWORK_SUSPECTED
    }

    /** One destination: a channel and an address on it. */
    public record Recipient(Channel channel, String to) {
    }

    /** One line of an incident's timeline. */
    public record TimelineEntry(Instant at, String text) {
    }
}
