package dev.revive.policy.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.policy.history.HealthHistory;
import dev.revive.policy.history.HistoryStore;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Health history, the public status page, its badges and feed, and config as code, on the real broker and database:
 * results go through {@code revive.health}, rollups are flushed into PostgreSQL and read back by the pages.
 */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
class StatusAndHistoryIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();

    @Inject
    HealthHistory history;
    @Inject
    HistoryStore store;

    static void register(TargetSpec t) throws Exception {
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + t.id()).then().statusCode(200);
    }

    @Test
    void results_become_minute_rollups_that_the_badges_and_the_status_page_read() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("hist"), 600, 3).withStatusPage(new TargetSpec.StatusPage(true, "Hist group", "History shop"));
        TargetSpec hidden = Fixtures.target(Fixtures.uniqueId("hidden"), 600, 3);
        register(t);
        register(hidden);
        for (int i = 0; i < 3; i++) {
            topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        }
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        topics.publish(Topics.HEALTH, Fixtures.probe(hidden.id(), true));
        await().atMost(WAIT).until(() -> history.recent().of(t.id()).size() == 4 && history.recent().of(hidden.id()).size() == 1);
        history.flushAll();

        Instant since = Instant.now().minus(Duration.ofHours(1));
        var chart = store.chart(t.id(), since, false).await().atMost(WAIT);
        assertThat(chart).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("eu-west-1");
            assertThat(p.probes()).isEqualTo(4);
            assertThat(p.failures()).isEqualTo(1);
            assertThat(p.meanMs()).isEqualTo(12); // Fixtures' results take 12 ms
        });
        var uptime = store.uptime(List.of(t.id(), hidden.id()), since.minus(Duration.ofHours(1))).await().atMost(WAIT);
        assertThat(uptime.get(t.id()).percent()).isEqualTo(75.0);
        assertThat(uptime.get(hidden.id()).percent()).isEqualTo(100.0);

        given().when().get("/status/badge/" + t.id() + "/uptime.svg").then().statusCode(200).contentType("image/svg+xml")
                .body(containsString("75.00%"));
        given().when().get("/status/badge/" + t.id() + "/response.svg").then().statusCode(200).body(containsString("12 ms"));
        given().when().get("/status/badge/" + t.id() + "/status.svg").then().statusCode(200).body(containsString("status"));
        given().when().get("/status/badge/" + hidden.id() + "/status.svg").then().statusCode(404);
        given().when().get("/status/badge/group/Hist group.svg").then().statusCode(200);
        String page = given().when().get("/status").then().statusCode(200).extract().asString();
        assertThat(page).contains("History shop").contains("Hist group").contains("75.00% over 90 days")
                .doesNotContain(hidden.id()).doesNotContain(t.id() + ".example.com").doesNotContain("Site " + t.id());
        String today = Instant.now().toString().substring(0, 10);
        assertThat(page).as("today's bar: below 95%% is a red day").contains("<i class=\"down\" title=\"" + today + ": 75.00% up\">");
        // A result late for a minute already written adds to it.
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        await().atMost(WAIT).until(() -> history.recent().of(t.id()).size() == 5);
        history.flushAll();
        assertThat(store.uptime(List.of(t.id()), since.minus(Duration.ofHours(1))).await().atMost(WAIT).get(t.id()).probes()).isEqualTo(5);
    }

    @Test
    void the_atom_feed_lists_public_incidents_with_their_public_notes() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("feed"), 600, 1).withStatusPage(new TargetSpec.StatusPage(true, "Feed", "Feed site"));
        register(t);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        var opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        String cookie = given().contentType("application/x-www-form-urlencoded").formParam("apiKey", "test-operator-key")
                .redirects().follow(false).when().post("/ui/login").then().statusCode(303).extract().cookie(ConsoleSessions.COOKIE);
        String page = given().cookie(ConsoleSessions.COOKIE, cookie).when().get("/ui/incidents/" + opened.incidentId()).then()
                .statusCode(200).extract().asString();
        String token = page.replaceAll("(?s).*\"X-CSRF-Token\": \"([^\"]+)\".*", "$1");
        given().cookie(ConsoleSessions.COOKIE, cookie).header(ConsoleFilter.CSRF_HEADER, token).contentType("application/x-www-form-urlencoded")
                .formParam("body", "Investigating <b>slow</b> pages").when().post("/ui/incidents/" + opened.incidentId() + "/note")
                .then().statusCode(200).body(containsString("Investigating &lt;b&gt;slow&lt;/b&gt; pages"));
        given().when().get("/status/feed.atom").then().statusCode(200).contentType(containsString("application/atom+xml"))
                .body(containsString("urn:revive:incident:" + opened.incidentId())).body(containsString("Feed site: investigating"))
                .body(containsString("Investigating &lt;b&gt;slow&lt;/b&gt; pages")).body(not(containsString(t.id() + ".example.com")));
        // An empty note is refused, naming the field.
        given().cookie(ConsoleSessions.COOKIE, cookie).header(ConsoleFilter.CSRF_HEADER, token).contentType("application/x-www-form-urlencoded")
                .formParam("body", " ").when().post("/ui/incidents/" + opened.incidentId() + "/note").then().statusCode(400)
                .body(containsString("body"));
    }

    @Test
    void applying_a_file_shows_the_diff_first_then_creates_updates_and_prunes() {
        String p = Fixtures.uniqueId("gitops");
        String tag = p;
        String file = """
                targets:
                  - id: %1$s-a
                    name: A
                    tags: [%2$s]
                    probe: {kind: HTTP, url: "https://a.%1$s.example.com/"}
                  - id: %1$s-b
                    name: B
                    tags: [%2$s]
                    probe: {kind: HTTP, url: "https://b.%1$s.example.com/"}
                """.formatted(p, tag);
        Map<String, Object> dry = given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml").body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/targets/apply?dryRun=true").then().statusCode(200).extract().as(Map.class);
        assertThat(dry).containsEntry("dryRun", true).containsEntry("created", List.of(p + "-a", p + "-b"));
        given().header("Authorization", Fixtures.OPERATOR).when().get("/targets/" + p + "-a").then().statusCode(404);
        given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml").body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/targets/apply").then().statusCode(200);
        given().header("Authorization", Fixtures.OPERATOR).when().get("/targets/" + p + "-a").then().statusCode(200);

        String next = file.replace("https://b." + p, "https://b2." + p).replaceAll("(?s)  - id: " + p + "-a.*?(?=  - id: )", "");
        Map<String, Object> diff = given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml").body(next.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/targets/apply?dryRun=true&prune=true").then().statusCode(200).extract().as(Map.class);
        assertThat(diff).containsEntry("updated", List.of(p + "-b"));
        assertThat((List<String>) diff.get("deleted")).contains(p + "-a");
        // Prune within the file's own tag: the other tests' targets stay.
        Map<String, Object> applied = given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml")
                .body(next.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/targets/apply?prune=true&pruneTag=" + tag)
                .then().statusCode(200).extract().as(Map.class);
        assertThat(applied).containsEntry("dryRun", false).containsEntry("deleted", List.of(p + "-a")).containsEntry("updated", List.of(p + "-b"));
        given().header("Authorization", Fixtures.OPERATOR).when().get("/targets/" + p + "-a").then().statusCode(404);
        given().header("Authorization", Fixtures.OPERATOR).when().get("/targets/" + p + "-b").then().statusCode(200)
                .body(containsString("b2." + p));
        // The pruned target's tombstone is on revive.targets, so probers stop probing it.
        assertThat(TestTopics.awaitRecord(Topics.TARGETS, p + "-a", r -> r.value() == null).value()).isNull();
        given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml").body("targets:\n  - id: Bad Id\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/targets/apply?dryRun=true").then().statusCode(400).body(containsString("targets[0].id"));
        given().contentType("application/yaml").body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/targets/apply").then().statusCode(401);
    }
}
