package dev.upgradeassist.scheduling.booking;

import dev.upgradeassist.contracts.BookingLinkIssued;
import dev.upgradeassist.contracts.ReviewCallBooked;
import dev.upgradeassist.scheduling.SchedulingITSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The customer's path in a real browser (Debian's headless Chromium through Selenium): open the emailed link, pick a
 * slot, book it, see the confirmation; a second visit shows the link as used; then move the call and cancel it from
 * the confirmation's manage link. Skipped only when no Chromium is
 * installed (scripts/install-chromium.sh installs it).
 */
class BookingPageBrowserIT extends SchedulingITSupport {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No Chromium installed (/usr/bin/chromium, /usr/bin/chromedriver): "
                        + "run scheduling-service/scripts/install-chromium.sh to run the browser test");
        profile = Files.createTempDirectory("booking-browser-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void the_customer_opens_the_emailed_link_books_a_slot_and_a_second_visit_shows_the_link_used() {
        String requestId = newRequestId();
        BookingLinkIssued issued = issueLink(requestId);
        // the emailed URL carries the configured public base; this test's server listens on a random port
        String link = issued.url().replace("http://localhost:8083", "http://localhost:" + port);

        browser.get(link);

        assertThat(browser.findElement(By.id("ticket")).getText()).isEqualTo(contact(requestId).ticketId());
        assertThat(browser.findElement(By.id("engineer")).getText()).isEqualTo("alice");
        assertThat(browser.findElement(By.id("call-length")).getText()).isEqualTo("30 minutes");
        List<WebElement> slots = browser.findElements(By.cssSelector("input.slot"));
        assertThat(slots).isNotEmpty();
        WebElement picked = slots.get(1);
        String slotStart = picked.getAttribute("value");
        assertThat(slotStart).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        picked.click();
        browser.findElement(By.id("book")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(() -> "no confirmation; page was:\n"
                        + browser.getPageSource())
                .until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));

        assertThat(browser.findElement(By.id("confirmation")).getText()).isEqualTo("Your review call is booked");
        assertThat(browser.findElement(By.id("start")).getText()).isEqualTo(slotStart);
        assertThat(browser.findElement(By.id("engineer")).getText()).isEqualTo("alice");
        ReviewCallBooked booked = awaitOne(requestId, "ReviewCallBooked").as(ReviewCallBooked.class);
        assertThat(booked.start()).isEqualTo(Instant.parse(slotStart));

        browser.get(link);

        assertThat(browser.findElement(By.id("used")).getText()).contains("already used");
        assertThat(browser.findElements(By.cssSelector("input.slot"))).isEmpty();
    }

    @Test
    void submitting_without_picking_a_slot_keeps_the_customer_on_the_page() {
        String link = issueLink(newRequestId()).url().replace("http://localhost:8083", "http://localhost:" + port);
        browser.get(link);

        // the browser's own validation (required radio) keeps the form from being sent
        browser.findElement(By.id("book")).click();

        assertThat(browser.findElements(By.id("confirmation"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("input.slot"))).isNotEmpty();
    }

    @Test
    void the_customer_books_from_the_link_then_reschedules_and_cancels_from_the_confirmations_manage_link() {
        String requestId = newRequestId();
        String link = issueLink(requestId).url().replace("http://localhost:8083", "http://localhost:" + port);
        browser.get(link);
        browser.findElements(By.cssSelector("input.slot")).get(0).click();
        browser.findElement(By.id("book")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation")));
        ReviewCallBooked booked = awaitOne(requestId, "ReviewCallBooked").as(ReviewCallBooked.class);
        // the manage link the customer's confirmation email carries
        String manage = booked.manageUrl().replace("http://localhost:8083", "http://localhost:" + port);

        browser.get(manage);
        screenshot("manage-call");

        assertThat(browser.findElement(By.id("start")).getText()).isEqualTo(booked.start().toString());
        assertThat(browser.findElement(By.id("local-start")).getText()).contains("America/New_York");
        List<WebElement> moves = browser.findElements(By.cssSelector("button.move"));
        assertThat(moves).isNotEmpty();
        WebElement move = moves.get(2);
        String target = move.findElement(By.tagName("code")).getText();
        move.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(() -> "not moved; page was:\n"
                        + browser.getPageSource())
                .until(ExpectedConditions.presenceOfElementLocated(By.id("moved")));
        assertThat(browser.findElement(By.id("start")).getText()).isEqualTo(target);
        screenshot("manage-call-moved");
        var rescheduled = awaitOne(requestId, "ReviewCallRescheduled")
                .as(dev.upgradeassist.contracts.ReviewCallRescheduled.class);
        assertThat(rescheduled.start()).isEqualTo(Instant.parse(target));
        assertThat(rescheduled.sequence()).isEqualTo(1);

        browser.findElement(By.id("cancel")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("cancelled")));
        assertThat(browser.findElement(By.id("cancelled")).getText()).isEqualTo("Your review call was cancelled");
        screenshot("manage-call-cancelled");
        var cancelled = awaitOne(requestId, "ReviewCallCancelled")
                .as(dev.upgradeassist.contracts.ReviewCallCancelled.class);
        assertThat(cancelled.sequence()).isEqualTo(2);

        browser.get(manage);
        assertThat(browser.findElement(By.id("cancelled")).getText()).contains("cancelled");
        assertThat(browser.findElements(By.cssSelector("button.move"))).isEmpty();
    }

    /** The page as the customer sees it, for a person to look at: target/screenshots/<name>.png. */
    private void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(dir);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            java.nio.file.Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
