package dev.revive.policy.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class OutboxSenderTest {

    @Test
    void errors_of_the_record_park_it() {
        assertThat(OutboxSender.poisonReason(new RecordTooLargeException("5 MB"))).startsWith("RecordTooLargeException: 5 MB");
        assertThat(OutboxSender.poisonReason(new CompletionException(new InvalidTopicException("bad")))).startsWith("InvalidTopicException");
        assertThat(OutboxSender.poisonReason(new TopicAuthorizationException("no"))).startsWith("TopicAuthorizationException");
        assertThat(OutboxSender.poisonReason(new SerializationException("no"))).startsWith("SerializationException");
        assertThat(OutboxSender.poisonReason(new OutboxSender.Unbuildable("null ce_time", null))).startsWith("Unbuildable");
    }

    @Test
    void retriable_errors_and_errors_of_the_whole_producer_keep_the_row() {
        assertThat(OutboxSender.poisonReason(new TimeoutException("metadata"))).isNull();
        assertThat(OutboxSender.poisonReason(new NotLeaderOrFollowerException("moving"))).isNull();
        assertThat(OutboxSender.poisonReason(new SaslAuthenticationException("bad password"))).isNull();
        assertThat(OutboxSender.poisonReason(new KafkaException("Producer closed while send in progress"))).isNull();
    }
}
