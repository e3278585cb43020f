package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.revive.common.topic.Topics;

/** Every place outside Java that defines Revive's topics says what {@link Topics#allWithDeadLetters()} says. */
class KafkaTopicsTest {

    @TestFactory
    Stream<DynamicTest> strimzi_kafka_topics_match_topics_java() {
        List<String> dirs = new ArrayList<>(List.of("base"));
            dirs.addAll(KubernetesManifestsTest.OVERLAYS);
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir, () -> {
            Kustomize.Rendered r = Kustomize.load(dir);
            List<String> problems = new ArrayList<>();
            List<TopicChecks.Defined> topics = TopicChecks.kafkaTopics(dir, r.docs(), problems);
            problems.addAll(TopicChecks.compare(dir, topics));
            assertThat(topics).hasSize(Topics.allWithDeadLetters().size());
            assertThat(problems).as("%s (%s)", dir, r.how()).isEmpty();
        }));
    }

    @Test
    void compose_topic_list_matches_topics_java() throws IOException {
        List<String> lines = Files.readAllLines(ComposeChecks.COMPOSE_DIR.resolve("kafka/topics.txt"));
        List<TopicChecks.Defined> topics = TopicChecks.topicList(lines);
        assertThat(TopicChecks.compare("deploy/compose/kafka/topics.txt", topics)).isEmpty();
        assertThat(topics).hasSize(Topics.allWithDeadLetters().size());
    }
}
