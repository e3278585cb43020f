package dev.revive.policy.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.revive.common.envelope.EnvelopeCodec;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Dead letters of {@code revive.health}, routed by the batch consumer itself: nacking a whole batch would send its
 * readable records to the DLQ too. Same headers as SmallRye's own dead-letter strategy ({@code dead-letter-reason},
 * topic, partition, offset); the returned Uni completes once the broker acked the dead letter (acks=all), so the
 * batch is acked only after it is durable.
 */
@ApplicationScoped
public class HealthDeadLetters {

    @Inject
    @Channel("health-dlq")
    MutinyEmitter<byte[]> emitter;

    public Uni<Void> send(KafkaRecord<String, byte[]> rec, Throwable reason) {
        var md = rec.getMetadata(IncomingKafkaRecordMetadata.class);
        int partition = md.map(IncomingKafkaRecordMetadata::getPartition).orElse(-1);
        long offset = md.map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        String why = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        var headers = EnvelopeCodec.deadLetterHeaders(rec.getHeaders(), why, rec.getTopic(), partition, offset);
        return emitter.sendMessage(Message.of(rec.getPayload()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(rec.getKey()).withHeaders(headers).build()));
    }
}
