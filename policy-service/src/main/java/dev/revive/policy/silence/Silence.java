package dev.revive.policy.silence;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A silence (maintenance window): while it is active and covers a target, the target's incidents are recorded but
 * no notification leaves and the ladder is held (by {@code silence}). It names exactly one of a target id or a tag.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Silence(String id, String targetId, String tag, Instant startsAt, Instant endsAt, String reason,
        String createdBy) {

    public boolean activeAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }

    public boolean covers(String target, List<String> tags) {
        return targetId != null ? targetId.equals(target) : tags != null && tags.contains(tag);
    }
}
