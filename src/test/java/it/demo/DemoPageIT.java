package it.demo;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo page in headless Chromium, on the test server, in sandbox mode: requesting a link shows
 * it as pending with its events, the sandbox's consent page completes it, and cancelling drops it.
 *
 * <p>The built demo war is deployed as it is, plus an {@code aisa-demo.properties} that forces
 * sandbox mode (whatever {@code AISA_API_KEY} holds) and names the test server's port, so every
 * request stays on 127.0.0.1. Without Chromium the test is skipped, or fails when {@code CI=true}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class DemoPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * Returns the demo war with sandbox mode forced.
     *
     * @return the deployment
     */
    @Deployment(testable = false)
    public static WebArchive demo() {
        File war = new File("target/aisa-x-link-demo.war");
        if (!war.isFile()) {
            throw new IllegalStateException(
                    "The demo war " + war + " is missing: run the tests through mvn verify");
        }
        String forceSandbox =
                "aisa.demo.sandbox=true\naisa.demo.port="
                        + System.getProperty("liberty.http.port", "9080")
                        + "\n";
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addAsResource(new StringAsset(forceSandbox), "aisa-demo.properties");
    }

    @ArquillianResource private URL deployed;

    private Path profile;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String missing =
                    "Chromium and chromedriver are needed at "
                            + CHROMIUM
                            + " and "
                            + CHROMEDRIVER
                            + " (Debian packages chromium, chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(missing);
            }
            Assumptions.assumeTrue(false, missing + "; skipping the browser test");
        }

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("demo-page-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--user-data-dir=" + profile);
        // An explicit driver executable keeps Selenium Manager, which would look drivers up online,
        // out.
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    void requestedLinkIsPendingAndObservedSyncAndAsync() {
        String subject = newSubject();

        openPage();
        requestLink(subject);

        String authUrl = browser.findElement(By.id("auth-url")).getAttribute("href");
        assertThat(authUrl)
                .as("auth URL shown on the page")
                .startsWith(page().resolve("/sandbox/consent?state=").toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(pendingRow(subject)));
        awaitEvent("XLinkRequested", "sync", subject);
        awaitEvent("XLinkRequested", "async", subject);
        String countdown =
                browser.findElement(pendingRow(subject))
                        .findElement(By.className("countdown"))
                        .getText();
        assertThat(countdown).as("countdown of a fresh 45-second sandbox link").matches("\\d+ s");
    }

    @Test
    void approvingOnConsentPageCompletesTheLink() {
        String subject = newSubject();
        openPage();
        requestLink(subject);
        wait.until(ExpectedConditions.presenceOfElementLocated(pendingRow(subject)));

        browser.get(browser.findElement(By.id("auth-url")).getAttribute("href"));
        List<String> scopes =
                browser.findElements(By.cssSelector("#consent-scopes li")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(scopes)
                .as("scopes on the sandbox consent page")
                .containsExactly(
                        "follows.write",
                        "tweet.read",
                        "users.read",
                        "tweet.write",
                        "like.write",
                        "dm.read",
                        "dm.write");
        browser.findElement(By.id("approve")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("outcome"), "data-outcome", "linked"));
        awaitEvent("XLinkCompleted", "sync", subject);
        awaitEvent("XLinkCompleted", "async", subject);
        wait.until(ExpectedConditions.numberOfElementsToBe(pendingRow(subject), 0));
    }

    @Test
    void cancellingDropsTheLinkWithoutEvent() {
        String subject = newSubject();
        openPage();
        requestLink(subject);
        wait.until(ExpectedConditions.presenceOfElementLocated(pendingRow(subject)));
        awaitEvent("XLinkRequested", "async", subject);

        browser.findElement(pendingRow(subject)).findElement(By.className("cancel")).click();

        wait.until(ExpectedConditions.numberOfElementsToBe(pendingRow(subject), 0));
        assertThat(browser.findElements(eventRow("XLinkCompleted", "sync", subject)))
                .as("XLinkCompleted events for a cancelled link")
                .isEmpty();
    }

    private void openPage() {
        browser.get(page().toString());
        wait.until(ExpectedConditions.attributeToBe(By.id("mode"), "data-mode", "sandbox"));
        wait.until(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("input[name=scope][value='tweet.read']")));
    }

    private void requestLink(String subject) {
        assertThat(
                        browser.findElement(By.cssSelector("input[name=scope][value='tweet.read']"))
                                .isSelected())
                .as("tweet.read, one of AIsa's defaults, is pre-checked")
                .isTrue();
        browser.findElement(By.id("subject")).sendKeys(subject);
        browser.findElement(By.id("request-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-url")));
    }

    private void awaitEvent(String kind, String delivery, String subject) {
        wait.withMessage(kind + " (" + delivery + ") for " + subject + " in the event list")
                .until(
                        ExpectedConditions.presenceOfElementLocated(
                                eventRow(kind, delivery, subject)));
    }

    /**
     * The demo's root on 127.0.0.1 and the test server's port, whatever host name Arquillian uses.
     */
    private URI page() {
        return URI.create("http://127.0.0.1:" + deployed.getPort() + "/");
    }

    private static By pendingRow(String subject) {
        return By.xpath(
                "//table[@id='pending']/tbody/tr[td[@class='subject' and text()='"
                        + subject
                        + "']]");
    }

    private static By eventRow(String kind, String delivery, String subject) {
        return By.cssSelector(
                "#events tbody tr[data-kind='"
                        + kind
                        + "'][data-delivery='"
                        + delivery
                        + "'][data-subject='"
                        + subject
                        + "']");
    }

    private static String newSubject() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
