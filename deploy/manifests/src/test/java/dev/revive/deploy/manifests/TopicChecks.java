package dev.revive.deploy.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.revive.common.topic.Topics;

/** Topic definitions outside Java (Strimzi KafkaTopics, the compose topic list) against {@link Topics}. */
final class TopicChecks {

    static final String STRIMZI_API = "kafka.strimzi.io/v1beta2";

    private TopicChecks() {
    }

    /** A topic as some manifest defines it. */
    record Defined(String name, int partitions, Map<String, String> config) {
    }

    /**
     * Names must be exactly those of {@link Topics#allWithDeadLetters()}; partitions equal; every config entry of
     * Topics present with the same value. Extra entries (min.insync.replicas, say) are allowed, except ones that
     * change cleanup or retention.
     */
    static List<String> compare(String where, List<Defined> defined) {
        List<String> out = new ArrayList<>();
        Map<String, Topics.Spec> expected = new LinkedHashMap<>();
        Topics.allWithDeadLetters().forEach(s -> expected.put(s.name(), s));
        Map<String, Defined> actual = new LinkedHashMap<>();
        for (Defined d : defined) {
            if (actual.put(d.name(), d) != null) {
                out.add(where + ": topic " + d.name() + " defined twice");
            }
        }
        var missing = new TreeSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        var extra = new TreeSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        if (!missing.isEmpty()) {
            out.add(where + ": topics missing (in Topics.allWithDeadLetters()): " + missing);
        }
        if (!extra.isEmpty()) {
            out.add(where + ": topics not in Topics.allWithDeadLetters(): " + extra);
        }
        for (Topics.Spec spec : expected.values()) {
            Defined d = actual.get(spec.name());
            if (d == null) {
                continue;
            }
            if (d.partitions() != spec.partitions()) {
                out.add(where + ": " + spec.name() + " has " + d.partitions() + " partitions, Topics says " + spec.partitions());
            }
            spec.config().forEach((k, v) -> {
                if (!v.equals(d.config().get(k))) {
                    out.add(where + ": " + spec.name() + " " + k + "=" + d.config().get(k) + ", Topics says " + v);
                }
            });
            for (String k : List.of("cleanup.policy", "retention.ms", "retention.bytes")) {
                if (d.config().containsKey(k) && !spec.config().containsKey(k)) {
                    out.add(where + ": " + spec.name() + " sets " + k + "=" + d.config().get(k) + ", Topics does not");
                }
            }
        }
        return out;
    }

    /** The KafkaTopic resources among {@code docs}; shape problems go to {@code out}. */
    static List<Defined> kafkaTopics(String where, List<JsonNode> docs, List<String> out) {
        List<Defined> topics = new ArrayList<>();
        for (JsonNode d : docs) {
            if (!d.path("kind").asText().equals("KafkaTopic")) {
                continue;
            }
            String name = d.path("spec").path("topicName").asText(d.path("metadata").path("name").asText());
            if (!d.path("apiVersion").asText().equals(STRIMZI_API)) {
                out.add(where + ": KafkaTopic " + name + " apiVersion " + d.path("apiVersion").asText() + ", expected " + STRIMZI_API);
            }
            if (d.path("metadata").path("labels").path("strimzi.io/cluster").asText("").isEmpty()) {
                out.add(where + ": KafkaTopic " + name + " has no strimzi.io/cluster label");
            }
            if (d.path("spec").path("replicas").asInt(0) < 1) {
                out.add(where + ": KafkaTopic " + name + " has no replicas");
            }
            Map<String, String> config = new LinkedHashMap<>();
            d.path("spec").path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            topics.add(new Defined(name, d.path("spec").path("partitions").asInt(-1), config));
        }
        return topics;
    }

    /** Lines {@code name partitions k=v[,k=v...]} of deploy/compose/kafka/topics.txt. */
    static List<Defined> topicList(List<String> lines) {
        List<Defined> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+");
            Map<String, String> config = new LinkedHashMap<>();
            if (parts.length > 2) {
                for (String kv : parts[2].split(",")) {
                    String[] p = kv.split("=", 2);
                    config.put(p[0], p.length > 1 ? p[1] : "");
                }
            }
            out.add(new Defined(parts[0], Integer.parseInt(parts[1]), config));
        }
        return out;
    }
}
