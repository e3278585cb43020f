package dev.revive.policy.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * A real, headless Debian Chromium driven through chromedriver (both from Debian's packages). Absent, the browser
 * tests skip, unless {@code REVIVE_REQUIRE_BROWSER=1} (CI installs them and sets it): then they fail.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "1".equals(System.getenv("REVIVE_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("REVIVE_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + DRIVER
                    + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "no Chromium here (apt-get install chromium chromium-driver): browser tests skipped");
        Path profile = Files.createTempDirectory("revive-chromium-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toString());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(d, profile);
    }

    /** Saves a PNG of the page under target/screenshots; returns its path. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        Path p = SHOTS.resolve(name + ".png");
        Files.write(p, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return p;
    }

    /** The page's serious and critical accessibility violations found by axe-core (rule id → the first node's HTML). */
    Map<String, String> seriousA11yViolations() {
        Results r = new AxeBuilder().analyze(driver);
        List<Rule> bad = r.getViolations().stream().filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        return bad.stream().collect(java.util.stream.Collectors.toMap(Rule::getId,
                v -> v.getNodes().size() + " nodes, e.g. " + (v.getNodes().isEmpty() ? "" : v.getNodes().get(0).getHtml()), (a, b) -> a));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var s = Files.walk(profile)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
