package dev.revive.common.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.revive.common.envelope.Envelope;
import dev.revive.common.envelope.EnvelopeCodec;
import dev.revive.common.envelope.EnvelopeException;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Envelopes to and from Kafka records and SmallRye messages: the key is the envelope's subject (the target id),
 * the {@code ce_*} attributes are headers, the value is the JSON body (channels use byte-array (de)serializers).
 *
 * <p>A consumer that cannot read a record nacks it with the {@link EnvelopeException}; with
 * {@code failure-strategy=dead-letter-queue} SmallRye moves it to {@code <topic>.dlq} with the reason in the
 * {@code dead-letter-reason} header, and the channel goes on.
 */
public final class EnvelopeMessages {

    private EnvelopeMessages() {
    }

    /** An outgoing SmallRye message for an envelope. */
    public static Message<byte[]> toMessage(Envelope<?> e) {
        return Message.of(EnvelopeCodec.body(e.data())).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(e.subject())
                .withHeaders(EnvelopeCodec.headers(e))
                .build());
    }

    /** A plain producer record for an envelope (for code that owns a KafkaProducer, e.g. an outbox relay). */
    public static ProducerRecord<String, byte[]> toRecord(String topic, Envelope<?> e) {
        return new ProducerRecord<>(topic, null, e.subject(), EnvelopeCodec.body(e.data()), EnvelopeCodec.headers(e));
    }

    /** Reads the envelope of an incoming SmallRye Kafka message; throws {@link EnvelopeException} if unreadable. */
    public static <T> Envelope<T> fromMessage(Message<byte[]> m, Class<T> type) {
        Headers headers = m.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getHeaders)
                .orElseThrow(() -> new EnvelopeException("not a Kafka record"));
        return EnvelopeCodec.decode(headers, m.getPayload(), type);
    }

    /** Reads the envelope of a consumer record; throws {@link EnvelopeException} if unreadable. */
    public static <T> Envelope<T> fromRecord(ConsumerRecord<?, byte[]> r, Class<T> type) {
        return EnvelopeCodec.decode(r.headers(), r.value(), type);
    }

    /** The Kafka key of an incoming message, or null. */
    public static String key(Message<?> m) {
        return m.getMetadata(IncomingKafkaRecordMetadata.class).map(md -> md.getKey() == null ? null : md.getKey().toString())
                .orElse(null);
    }
}
