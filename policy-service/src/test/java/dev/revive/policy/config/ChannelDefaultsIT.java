package dev.revive.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.revive.common.topic.Topics;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * The consumer settings every incoming channel must have (STYLE: group, earliest, manual commit, a dead-letter topic)
 * are set once at connector level in application.properties: each channel's real consumer shows them, and an
 * unreadable record on each single-record channel reaches that channel's own dead-letter topic.
 */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class ChannelDefaultsIT {

    @Inject
    KafkaClientService clients;

    @ParameterizedTest
    @ValueSource(strings = { "health", "metrics", "command-results", "notification-receipts" })
    void every_incoming_channel_has_the_connector_defaults(String channel) {
        var config = clients.getConsumer(channel).configuration();
        assertThat(config.get(ConsumerConfig.GROUP_ID_CONFIG)).hasToString("revive-policy");
        assertThat(config.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).hasToString("earliest");
        assertThat(config.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).hasToString("false");
        assertThat(config.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).hasToString("10000");
        assertThat(config.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG).toString()).contains("ByteArrayDeserializer");
    }

    @ParameterizedTest
    @ValueSource(strings = { Topics.METRICS, Topics.COMMAND_RESULTS, Topics.NOTIFICATION_RECEIPTS })
    void an_unreadable_record_goes_to_the_channels_own_dead_letter_topic(String topic) throws Exception {
        String key = "unreadable-" + UUID.randomUUID();
        try (var topics = new TestTopics()) {
            topics.companion().produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>(topic, key, "{not json".getBytes(StandardCharsets.UTF_8)))
                    .awaitCompletion();
        }
        var dead = TestTopics.awaitRecord(topic + Topics.DLQ_SUFFIX, key, r -> true);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }
}
