package dev.revive.policy.console;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.revive.common.contract.ProbeResult;
import dev.revive.common.envelope.Envelope;
import dev.revive.common.topic.Topics;
import dev.revive.policy.history.HealthHistory;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Benchmark harness, not a behaviour test: prints figures, asserts nothing about them. 10,000 targets applied from
 * one YAML file (addresses are literal TEST-NET-2 IPs: the validation's name lookups would time out on this closed
 * network), one probe result each through {@code revive.health}, rollups flushed; then the console's first
 * page, a filtered page and a search are loaded in headless Chromium and timed by the browser's navigation timing
 * (and the server's answer alone by a plain HTTP client). Run with
 * {@code ./mvnw -B -o -pl policy-service verify -Pbench -Dtest=ConsoleLoadBenchmark}.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(ConsoleLoadBenchmark.Profile.class)
class ConsoleLoadBenchmark {

    /** A database of its own: the other tests' targets must not be counted. */
    public static class Profile extends PolicyTestProfile {
        @Override
        public String getConfigProfile() {
            return "test";
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(dev.revive.testkit.KafkaTestResource.class),
                    new TestResourceEntry(dev.revive.testkit.PostgresTestResource.class, Map.of("database", "consolebench")));
        }
    }

    static final int TARGETS = 10_000;

    @TestHTTPResource("/")
    URL base;
    @Inject
    HealthHistory history;

    @Inject
    dev.revive.policy.history.HistoryStore store;

    /**
     * What a minute of 100,000 targets × 1 location costs to write: 100,000 minute rows upserted (and added to their
     * hours) in statements of 1,000 rows, five minutes in a row (the later ones add to hour rows that exist).
     */
    @Test
    void one_minute_of_rollups_for_a_hundred_thousand_targets() {
        long minute0 = System.currentTimeMillis() / 60_000 * 60_000 - 3_600_000;
        for (int m = 0; m < 5; m++) {
            List<dev.revive.policy.history.MinuteRollups.Row> rows = dev.revive.policy.history.HistoryStoreRows.minute(100_000, minute0 + m * 60_000L);
            long cpu0 = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            long t0 = System.nanoTime();
            store.write(rows).await().atMost(Duration.ofMinutes(5));
            long wall = System.nanoTime() - t0;
            long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() - cpu0;
            System.out.printf("[bench] rollup flush of 100,000 minute rows (minute %d of 5): %.1f s wall, %.1f CPU-s in this JVM "
                    + "(PostgreSQL's own CPU not counted)%n", m + 1, wall / 1e9, cpu / 1e9);
        }
    }

    @Test
    void the_console_with_ten_thousand_targets() throws Exception {
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int i = 0; i < TARGETS; i++) {
            yaml.append("  - id: bench-").append(i).append("\n    name: Bench site ").append(i).append("\n    tags: [group-")
                    .append(i % 20).append("]\n    probe: {kind: HTTP, url: \"http://198.51.100.").append(1 + i % 250).append("/site-").append(i).append("\"}\n");
        }
        long t0 = System.nanoTime();
        given().header("Authorization", Fixtures.OPERATOR).contentType("application/yaml").body(yaml.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/targets/apply").then().statusCode(200);
        System.out.printf("[bench] apply of %d new targets from one YAML file: %d ms%n", TARGETS, (System.nanoTime() - t0) / 1_000_000);
        TestTopics topics = TestTopics.shared();
        List<Envelope<ProbeResult>> results = new ArrayList<>();
        for (int i = 0; i < TARGETS; i++) {
            results.add(Fixtures.probe("bench-" + i, i % 50 != 0));
        }
        topics.publishAll(Topics.HEALTH, results);
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> history.recent().of("bench-" + (TARGETS - 1)).size() == 1);
        history.flushAll();

        String cookie = given().contentType("application/x-www-form-urlencoded").formParam("apiKey", "test-operator-key")
                .redirects().follow(false).when().post("/ui/login").then().statusCode(303).extract().cookie(ConsoleSessions.COOKIE);
        for (String path : List.of("/ui/targets", "/ui/targets?filter=failing", "/ui/targets?q=bench-99", "/ui/targets?page=100")) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long s = System.nanoTime();
                given().cookie(ConsoleSessions.COOKIE, cookie).when().get(path).then().statusCode(200);
                best = Math.min(best, System.nanoTime() - s);
            }
            System.out.printf("[bench] server answer for %s with %d targets: best of 5 %.1f ms%n", path, TARGETS, best / 1e6);
        }
        try (Browser browser = Browser.start()) {
            browser.driver.get(base.toString() + "ui/login");
            browser.driver.findElement(By.id("apiKey")).sendKeys("test-operator-key");
            browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/ui/targets"));
            for (String path : List.of("ui/targets", "ui/targets?filter=failing", "ui/targets?q=bench-99", "ui/targets?page=100")) {
                List<Long> loads = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    browser.driver.get(base.toString() + path);
                    new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                            .until(d -> ((JavascriptExecutor) d).executeScript("return performance.getEntriesByType('navigation')[0].loadEventEnd > 0"));
                    loads.add(((Number) ((JavascriptExecutor) browser.driver).executeScript(
                            "const n = performance.getEntriesByType('navigation')[0]; return Math.round(n.loadEventEnd - n.startTime);")).longValue());
                }
                int rows = browser.driver.findElements(By.cssSelector("tr.target")).size();
                System.out.printf("[bench] browser load of /%s (%d rows shown, %d targets): %s ms (navigation start to load end, 3 loads)%n",
                        path, rows, TARGETS, loads);
            }
            browser.driver.get(base.toString() + "ui/targets");
            browser.screenshot("targets-10k");
        }
    }
}
