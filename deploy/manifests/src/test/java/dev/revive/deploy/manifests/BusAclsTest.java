package dev.revive.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.revive.common.bus.BusAcls;

/** Every place outside Java that grants rights on the bus says what {@link BusAcls} says, so they cannot drift. */
class BusAclsTest {

    @TestFactory
    Stream<DynamicTest> strimzi_kafka_users_have_the_acls_of_the_table() {
        List<String> dirs = new ArrayList<>(List.of("base"));
            dirs.addAll(KubernetesManifestsTest.OVERLAYS);
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir, () -> {
            Kustomize.Rendered r = Kustomize.load(dir);
            List<String> problems = new ArrayList<>(BusAclChecks.kafkaUsers(dir, r.docs()));
            for (BusAcls.Grant g : BusAcls.SERVICES) {
                problems.addAll(BusAclChecks.deploymentCredentials(dir, r.docs(), g.user()));
            }
            assertThat(problems).as("%s (%s)", dir, r.how()).isEmpty();
        }));
    }

    @Test
    void compose_acl_list_matches_the_table() throws IOException {
        List<String> lines = Files.readAllLines(ComposeChecks.COMPOSE_DIR.resolve("kafka/acls.txt"));
        List<String> problems = new ArrayList<>();
        for (BusAcls.Grant g : BusAcls.ALL) {
            problems.addAll(BusAclChecks.compare("deploy/compose/kafka/acls.txt " + g.user(), BusAclChecks.expected(g),
                    BusAclChecks.fromAclList(lines, g.user())));
        }
        assertThat(problems).isEmpty();
        assertThat(BusAclChecks.usersOfAclList(lines))
                .isEqualTo(BusAcls.ALL.stream().map(BusAcls.Grant::user).collect(Collectors.toCollection(java.util.TreeSet::new)));
    }

    @Test
    void each_compose_service_gets_only_its_own_kafka_password() {
        JsonNode services = Yamls.composeDocument(ComposeChecks.COMPOSE_FILE).path("services");
        for (BusAcls.Grant g : BusAcls.SERVICES) {
            JsonNode env = services.path(g.user()).path("environment");
            assertThat(env.path("REVIVE_KAFKA_USERNAME").asText()).as(g.user()).isEqualTo(g.user());
            assertThat(env.path("REVIVE_KAFKA_PASSWORD").asText()).as(g.user())
                    .isEqualTo("${KAFKA_" + g.user().toUpperCase(java.util.Locale.ROOT) + "_PASSWORD}");
            assertThat(env.path("KAFKA_SECURITY_PROTOCOL").asText()).as(g.user()).isEqualTo("SASL_PLAINTEXT");
            String own = "KAFKA_" + g.user().toUpperCase(java.util.Locale.ROOT) + "_PASSWORD";
            env.fieldNames().forEachRemaining(name -> {
                var m = java.util.regex.Pattern.compile("KAFKA_[A-Z]+_PASSWORD").matcher(env.path(name).asText());
                while (m.find()) {
                    assertThat(m.group()).as("%s's %s", g.user(), name).isEqualTo(own);
                }
            });
        }
    }

    @Test
    void a_kafka_user_with_one_acl_too_many_or_too_few_fails() {
        List<JsonNode> docs = Kustomize.readDirectly("base").docs().stream().<JsonNode>map(JsonNode::deepCopy).toList();
        ObjectNode prober = (ObjectNode) docs.stream().filter(d -> d.path("kind").asText().equals("KafkaUser"))
                .filter(d -> d.path("metadata").path("name").asText().equals("prober")).findFirst().orElseThrow();
        var acls = (com.fasterxml.jackson.databind.node.ArrayNode) prober.path("spec").path("authorization").path("acls");
        acls.remove(0);
        ObjectNode forged = acls.addObject();
        forged.putObject("resource").put("type", "topic").put("name", "revive.commands").put("patternType", "literal");
        forged.putArray("operations").add("Write");
        assertThat(BusAclChecks.kafkaUsers("base", docs))
                .anyMatch(p -> p.contains("missing ACL prober WRITE TOPIC LITERAL revive.health"))
                .anyMatch(p -> p.contains("ACL prober WRITE TOPIC LITERAL revive.commands is not in BusAcls"));
    }
}
