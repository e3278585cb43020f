package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import dev.revive.common.topic.Topics;

class RealInfrastructureIT {

    @Test
    void the_broker_has_every_revive_topic_and_its_dead_letter_topic() throws Exception {
        try (Admin admin = Admin.create(RealKafka.adminProperties())) {
            var names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(names).containsAll(Topics.allWithDeadLetters().stream().map(Topics.Spec::name).toList());
            TopicDescription health = admin.describeTopics(java.util.List.of(Topics.HEALTH)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.HEALTH);
            assertThat(health.partitions()).hasSize(Topics.DEFAULT_PARTITIONS);
        }
    }

    @Test
    void an_envelope_published_on_a_topic_is_read_back_with_its_headers() {
        var spec = dev.revive.common.envelope.Samples.target();
        var sent = dev.revive.common.envelope.Envelope.of(spec, "/revive/test", spec.id());
        try (var topics = new TestTopics()) {
            topics.publish(Topics.TARGETS, sent);
            var read = topics.await(Topics.TARGETS, dev.revive.common.contract.TargetSpec.class,
                    t -> t.id().equals("web-1"), 1, java.time.Duration.ofSeconds(30));
            assertThat(read).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(sent.id());
                assertThat(e.subject()).isEqualTo("web-1");
                assertThat(e.data()).usingRecursiveComparison().isEqualTo(spec);
            });
        }
    }

    @Test
    void each_caller_gets_its_own_database_on_a_real_postgresql() throws Exception {
        var a = RealPostgres.newDatabase("kit");
        var b = RealPostgres.newDatabase("kit");
        assertThat(a.name()).isNotEqualTo(b.name());
        try (var c = DriverManager.getConnection(a.jdbcUrl(), a.user(), a.password());
                var r = c.createStatement().executeQuery("select current_database(), version()")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo(a.name());
            assertThat(r.getString(2)).startsWith("PostgreSQL");
        }
    }
}
