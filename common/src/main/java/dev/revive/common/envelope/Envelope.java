package dev.revive.common.envelope;

import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope around a wire contract: in Kafka binary mode its attributes travel as
 * {@code ce_*} headers and {@code data} is the JSON record value.
 *
 * @param id      unique event id ({@code ce_id}); consumers deduplicate on it
 * @param type    versioned type name ({@code ce_type}), see {@link EventTypes}
 * @param source  producing service ({@code ce_source}), e.g. {@code /revive/prober/eu-west-1}
 * @param time    when the event happened ({@code ce_time})
 * @param subject the target id ({@code ce_subject}), equal to the Kafka key
 * @param data    the body
 */
public record Envelope<T>(String id, String type, String source, Instant time, String subject, T data) {

    /** Wraps a body with a new random id, the current time and the body's registered type. */
    public static <T> Envelope<T> of(T data, String source, String subject) {
        return of(UUID.randomUUID().toString(), data, source, subject, Instant.now());
    }

    /** Wraps a body with a given id (so that a re-publication is recognizable as the same event). */
    public static <T> Envelope<T> of(String id, T data, String source, String subject, Instant time) {
        return new Envelope<>(id, EventTypes.typeOf(data.getClass()), source, time, subject, data);
    }
}
