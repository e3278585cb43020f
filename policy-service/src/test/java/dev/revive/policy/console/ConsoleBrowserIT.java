package dev.revive.policy.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.revive.common.contract.IncidentEvent;
import dev.revive.common.contract.TargetSpec;
import dev.revive.common.envelope.Json;
import dev.revive.common.topic.Topics;
import dev.revive.policy.it.Fixtures;
import dev.revive.policy.it.PolicyTestProfile;
import dev.revive.testkit.TestTopics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The console and the status page in a real browser (headless Chromium), on the real broker and database: probe
 * results go onto {@code revive.health} as a prober sends them, and the pages must follow without a reload.
 * Screenshots of every page land in {@code target/screenshots}.
 */
@QuarkusTest
@TestProfile(PolicyTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    static final String OPERATOR_KEY = "test-operator-key";
    static final String VIEWER_KEY = "test-viewer-key";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final TestTopics topics = TestTopics.shared();
    static Browser browser;

    @TestHTTPResource("/")
    URL base;
    @jakarta.inject.Inject
    dev.revive.policy.history.HealthHistory history;

    @BeforeAll
    static void open() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    void signIn(String key) {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(url("/ui/login"));
        browser.driver.findElement(By.id("apiKey")).sendKeys(key);
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser.driver, WAIT).until(ExpectedConditions.urlContains("/ui/targets"));
    }

    WebDriverWait waiting() {
        WebDriverWait w = new WebDriverWait(browser.driver, WAIT);
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // live updates replace elements
        return w;
    }

    /** Evaluated in the page at once: no element reference to go stale while the stream swaps rows. */
    Object js(String script) {
        return ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(script);
    }

    Object rowState(String id) {
        return js("const r = document.getElementById('row-" + id + "'); return r ? r.dataset.state : null;");
    }

    /** Registers the target (threshold 1), sends one failed result, and returns the incident it opened. */
    static IncidentEvent.IncidentOpened broken(TargetSpec t) throws Exception {
        register(t);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        return topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id()), 1, WAIT).get(0).data();
    }

    static void register(TargetSpec t) throws Exception {
        given().header("Authorization", Fixtures.OPERATOR).contentType(ContentType.JSON).body(Json.MAPPER.writeValueAsString(t))
                .when().put("/targets/" + t.id()).then().statusCode(200);
    }

    @Test
    @Order(1)
    void an_anonymous_visitor_gets_the_login_page_not_the_console() throws Exception {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(url("/ui/targets"));
        waiting().until(ExpectedConditions.urlContains("/ui/login"));
        assertThat(browser.driver.findElements(By.id("apiKey"))).hasSize(1);
        assertThat(browser.driver.getPageSource()).doesNotContain("Targets <small>");
        browser.screenshot("login");
        assertThat(browser.seriousA11yViolations()).isEmpty();

        browser.driver.findElement(By.id("apiKey")).sendKeys("not-a-key");
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement err = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("apiKey-error")));
        assertThat(err.getText()).contains("not known");
    }

    @Test
    @Order(2)
    void a_broken_target_turns_red_and_then_green_without_a_reload() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("ui-red"), 600, 2);
        register(t);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        signIn(OPERATOR_KEY);
        browser.driver.get(url("/ui/targets?q=" + t.id()));
        waiting().until(d -> "up".equals(rowState(t.id())));
        browser.screenshot("targets-up");
        assertThat(browser.seriousA11yViolations()).isEmpty();
        // A marker on the page: a reload would lose it.
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("window.reviveMarker = 42");

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        waiting().until(d -> "down".equals(rowState(t.id())));
        waiting().until(d -> ((Number) js("return document.querySelectorAll('#row-" + t.id() + " .beats i.down').length")).intValue() >= 2);
        waiting().until(d -> ((Number) js("return document.querySelectorAll('#row-" + t.id() + " a.incident-link').length")).intValue() == 1);
        browser.screenshot("targets-down");

        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        waiting().until(d -> "up".equals(rowState(t.id())));
        Object marker = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("return window.reviveMarker");
        assertThat(marker).as("the page was not reloaded").isEqualTo(42L);

        // The target's own page: the response-time chart drawn from the flushed minute rollups, its ladder, its incident.
        history.flushAll();
        browser.driver.get(url("/ui/targets/" + t.id()));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart canvas")));
        assertThat(browser.driver.findElement(By.id("chart-empty")).isDisplayed()).isFalse();
        assertThat(browser.driver.findElement(By.cssSelector("ol.ladder")).getText()).contains("exec").contains("restart-apache");
        assertThat(browser.driver.findElements(By.cssSelector("table.incidents tbody tr"))).hasSizeGreaterThanOrEqualTo(1);
        browser.screenshot("target-page");
        assertThat(browser.seriousA11yViolations()).isEmpty();
    }

    @Test
    @Order(8)
    void a_yaml_file_applied_in_the_console_shows_its_diff_before_it_changes_anything() throws Exception {
        String id = Fixtures.uniqueId("ui-apply");
        signIn(OPERATOR_KEY);
        browser.driver.get(url("/ui/apply"));
        String yaml = "targets:\n  - id: " + id + "\n    name: Applied\n    tags: [ui-apply]\n    probe: {kind: HTTP, url: \"https://" + id
                + ".example.com/\"}\n";
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("document.getElementById('yaml').value = arguments[0]", yaml);
        browser.driver.findElement(By.id("preview")).click();
        WebElement diff = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("diff")));
        assertThat(diff.getText()).contains("Would change").contains("+ " + id);
        given().header("Authorization", Fixtures.OPERATOR).when().get("/targets/" + id).then().statusCode(404);
        browser.screenshot("apply-diff");
        assertThat(browser.seriousA11yViolations()).isEmpty();
        browser.driver.findElement(By.id("confirm")).click();
        waiting().until(d -> d.findElement(By.id("diff")).getText().contains("Applied"));
        given().header("Authorization", Fixtures.OPERATOR).when().get("/targets/" + id).then().statusCode(200);
    }

    @Test
    @Order(9)
    void a_silence_is_created_listed_and_ended_from_the_console() throws Exception {
        String tag = Fixtures.uniqueId("ui-quiet");
        signIn(OPERATOR_KEY);
        browser.driver.get(url("/ui/silences"));
        browser.driver.findElement(By.id("s-minutes")).clear();
        browser.driver.findElement(By.id("s-minutes")).sendKeys("many");
        browser.driver.findElement(By.id("s-tag")).sendKeys(tag);
        browser.driver.findElement(By.cssSelector("form[hx-post='/ui/silences'] button[type=submit]")).click();
        waiting().until(d -> d.findElement(By.id("silence-errors")).getText().contains("minutes"));
        browser.driver.findElement(By.id("s-minutes")).clear();
        browser.driver.findElement(By.id("s-minutes")).sendKeys("30");
        browser.driver.findElement(By.id("s-reason")).sendKeys("maintenance");
        browser.driver.findElement(By.cssSelector("form[hx-post='/ui/silences'] button[type=submit]")).click();
        waiting().until(d -> d.getPageSource().contains(tag));
        browser.screenshot("silences");
        assertThat(browser.seriousA11yViolations()).isEmpty();
        browser.driver.findElement(By.xpath("//tr[td[text()='" + tag + "']]//button")).click();
        waiting().until(d -> !d.getPageSource().contains(tag));
        browser.driver.get(url("/ui/drills"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("drill-list")));
        browser.screenshot("drills");
        assertThat(browser.seriousA11yViolations()).isEmpty();
    }

    @Test
    @Order(3)
    void an_operator_holds_an_incident_from_its_page_and_sees_the_hold_in_the_timeline() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("ui-hold"), 600, 1);
        var opened = broken(t);
        signIn(OPERATOR_KEY);
        browser.driver.get(url("/ui/incidents/" + opened.incidentId()));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("hold")));
        browser.driver.findElement(By.id("reason")).sendKeys("looking at it");
        browser.driver.findElement(By.id("hold")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#events li.HoldPlaced")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#events li.HoldPlaced")).getText()).contains("looking at it");
        assertThat(browser.driver.findElements(By.id("held"))).hasSize(1);
        browser.screenshot("incident-held");
        assertThat(browser.seriousA11yViolations()).isEmpty();
    }

    @Test
    @Order(4)
    void a_target_with_a_bad_url_shows_the_error_at_the_field() throws Exception {
        signIn(OPERATOR_KEY);
        browser.driver.get(url("/ui/edit"));
        browser.driver.findElement(By.id("f-id")).sendKeys(Fixtures.uniqueId("ui-bad"));
        browser.driver.findElement(By.id("f-name")).sendKeys("Bad URL");
        browser.driver.findElement(By.id("f-probe-url")).sendKeys("htp:/nowhere");
        browser.driver.findElement(By.cssSelector("#editor button[type=submit]")).click();
        WebElement err = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("err-probe-url")));
        assertThat(err.getText()).startsWith("probe.url");
        assertThat(browser.driver.findElement(By.id("f-probe-url")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver.findElement(By.id("f-probe-url")).getAttribute("value")).isEqualTo("htp:/nowhere");
        browser.screenshot("editor-error");
        assertThat(browser.seriousA11yViolations()).isEmpty();
    }

    @Test
    @Order(5)
    void a_public_incident_and_its_note_appear_on_the_status_page_without_secrets() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("ui-pub"), 600, 1).withStatusPage(new TargetSpec.StatusPage(true, "Web shop", "Shop front"));
        var opened = broken(t);
        signIn(OPERATOR_KEY);
        browser.driver.get(url("/ui/incidents/" + opened.incidentId()));
        browser.driver.findElement(By.id("note-body")).sendKeys("We are restarting the shop's web server.");
        browser.driver.findElement(By.id("publish-note")).click();
        waiting().until(d -> d.findElement(By.cssSelector("ul.notes")).getText().contains("restarting the shop"));

        browser.driver.manage().deleteAllCookies();
        browser.driver.get(url("/status"));
        WebElement incident = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-" + opened.incidentId())));
        assertThat(incident.getText()).contains("Shop front").contains("restarting the shop");
        assertThat(browser.driver.findElement(By.id("overall")).getText()).contains("down");
        String page = browser.driver.getPageSource();
        assertThat(page).contains("Web shop").doesNotContain(t.id() + ".example.com").doesNotContain("restart-apache")
                .doesNotContain("10.0.0.7");
        browser.screenshot("status-page");
        assertThat(browser.seriousA11yViolations()).isEmpty();
    }

    @Test
    @Order(6)
    void a_viewer_sees_no_operator_buttons_and_cannot_act() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("ui-view"), 600, 1);
        var opened = broken(t);
        signIn(VIEWER_KEY);
        browser.driver.get(url("/ui/incidents/" + opened.incidentId()));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("events")));
        assertThat(browser.driver.findElements(By.id("hold"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("note-body"))).isEmpty();
        browser.driver.get(url("/ui/targets"));
        assertThat(browser.driver.findElements(By.linkText("New target"))).isEmpty();
        browser.screenshot("viewer-targets");
        // Even a hand-made request with the viewer's session and token is refused.
        Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token'];"
                        + "fetch('/ui/incidents/" + opened.incidentId() + "/hold', {method: 'POST', headers: {'X-CSRF-Token': token,"
                        + " 'Content-Type': 'application/x-www-form-urlencoded'}, body: 'reason=x'}).then(r => done(r.status));");
        assertThat(status).isEqualTo(403L);
    }

    @Test
    @Order(7)
    void a_form_post_without_the_csrf_token_is_refused() {
        String cookie = given().contentType("application/x-www-form-urlencoded").formParam("apiKey", OPERATOR_KEY)
                .redirects().follow(false).when().post("/ui/login").then().statusCode(303).extract().cookie(ConsoleSessions.COOKIE);
        assertThat(cookie).isNotBlank();
        given().cookie(ConsoleSessions.COOKIE, cookie).contentType("application/x-www-form-urlencoded").formParam("minutes", "5")
                .formParam("tag", "test").when().post("/ui/silences").then().statusCode(403);
        given().cookie(ConsoleSessions.COOKIE, cookie + "x").when().redirects().follow(false).get("/ui/targets").then().statusCode(303);
        given().cookie(ConsoleSessions.COOKIE, cookie).when().get("/ui/targets").then().statusCode(200);
        // The API keys' own door is unchanged: /targets without a key is refused for writes.
        given().contentType(ContentType.JSON).body("{}").when().post("/targets").then().statusCode(401);
    }

    @Test
    @Order(10)
    void what_if_replays_the_recorded_results_through_an_edited_spec_beside_what_happened() throws Exception {
        TargetSpec t = Fixtures.target(Fixtures.uniqueId("ui-whatif"), 0, 1);
        register(t);
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), false));
        var opened = topics.await(Topics.INCIDENTS, IncidentEvent.IncidentOpened.class, e -> e.targetId().equals(t.id()), 1, WAIT)
                .get(0).data();
        topics.publish(Topics.HEALTH, Fixtures.probe(t.id(), true));
        signIn(OPERATOR_KEY);
        browser.driver.get(url("/ui/targets/" + t.id()));
        browser.driver.findElement(By.id("whatif-run")).click();
        WebElement summary = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("whatif-summary")));
        assertThat(summary.getText()).contains("1 incident(s) would have opened").contains("1 did");
        assertThat(browser.driver.findElement(By.id("whatif-did")).getText()).isNotBlank();
        assertThat(browser.driver.findElements(By.cssSelector("#whatif-did a[href='/ui/incidents/" + opened.incidentId() + "']"))).hasSize(1);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("document.getElementById('whatif-h').scrollIntoView()");
        browser.screenshot("what-if");
        assertThat(browser.seriousA11yViolations()).isEmpty();

        String yaml = browser.driver.findElement(By.id("wi-spec")).getAttribute("value");
        assertThat(yaml).contains("failureThreshold: 1");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("document.getElementById('wi-spec').value = arguments[0]",
                yaml.replace("failureThreshold: 1", "failureThreshold: 5"));
        browser.driver.findElement(By.id("whatif-run")).click();
        waiting().until(d -> d.findElement(By.id("whatif-summary")).getText().contains("0 incident(s) would have opened"));
        assertThat(browser.driver.findElement(By.id("whatif-summary")).getText()).contains("1 did");

        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("document.getElementById('wi-spec').value = arguments[0]",
                yaml.replace("failureThreshold: 1", "failureThreshold: 0"));
        browser.driver.findElement(By.id("whatif-run")).click();
        waiting().until(d -> d.findElement(By.id("whatif-result")).getText().contains("detection.failureThreshold"));
    }
}
