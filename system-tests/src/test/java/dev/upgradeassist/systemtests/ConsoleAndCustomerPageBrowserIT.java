package dev.upgradeassist.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.upgradeassist.systemtests.http.Http;
import dev.upgradeassist.systemtests.http.Pipeline;
import dev.upgradeassist.systemtests.load.Scenario;
import dev.upgradeassist.systemtests.load.Submissions;
import dev.upgradeassist.systemtests.stack.Service;
import dev.upgradeassist.systemtests.stack.StackConfig;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Both sides of the web module in a real browser (Debian's headless Chromium through Selenium) against a real stack:
 * the four services (review in {@code ENGINEER} approval mode), Kafka, the MongoDB-protocol server, GreenMail and the
 * web module, each its own process on ports of its own. Alice signs in, finds a new request in the queue, assigns it
 * to herself and requests changes with one item; the customer opens the emailed {@code /r/} link, sees the item and
 * its hint and replies (then amends through the portal's API, as the portal does); Alice sees the reply, writes an
 * internal note, approves with feedback and sees the status change; the customer's page shows the new status and
 * never the internal note. The screenshots of the queue, the request page and the customer page land in
 * {@code docs/screenshots/}. Skipped only when no Chromium is installed ({@code ./run-tests.sh} installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAndCustomerPageBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern PAGE_LINK = Pattern.compile("(https?://[^\\s\"<>]+/r/[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Consumer<String> log = SystemUnderTest.consoleLog();
    private SystemUnderTest sut;
    private Path repo;
    private WebDriver browser;
    private Path profile;

    @BeforeAll
    void start_the_stack_and_the_browser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No Chromium installed (/usr/bin/chromium, /usr/bin/chromedriver): "
                        + "run scheduling-service/scripts/install-chromium.sh to run the browser test");
        repo = Path.of(System.getProperty("systemtests.repo", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("systemtests.work", "target"))
                .resolve("browser-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        StackConfig config = new StackConfig(repo, work);
        config.withWeb = true;
        sut = new SystemUnderTest(config, "browser", log);
        sut.startInfrastructure(Duration.ofMinutes(3));
        log.accept("Starting the four services, then review in ENGINEER approval mode, then the web module");
        sut.stack.startServicesTogether(Duration.ofMinutes(5));
        sut.stack.restartServiceWith(Service.REVIEW, Map.of("UPGRADE_ASSIST_REVIEW_APPROVAL_MODE", "ENGINEER"),
                Duration.ofMinutes(4));
        sut.stack.startWeb(Duration.ofMinutes(4));

        profile = Files.createTempDirectory("console-browser-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,1400");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().window().setSize(new Dimension(1280, 1400));
    }

    @AfterAll
    void stop_everything() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (sut != null) {
            sut.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void alice_asks_for_a_change_the_customer_answers_on_the_request_page_and_alice_approves() throws Exception {
        // given a complete request, submitted through the portal API, waiting in review for an engineer
        String mailbox = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        List<String> stops = sut.pipeline.requiredStops(Submissions.FROM, Submissions.TO);
        Submissions submissions = new Submissions(stops, Submissions.today(), 21, "customer.example");
        ObjectNode body = (ObjectNode) Http.JSON.readTree(submissions.body(Scenario.APPROVED, mailbox, 1));
        Http.Response submitted = sut.pipeline.submit(body.toString(), UUID.randomUUID().toString());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String requestId = submitted.json().path("id").asString();
        String ticketId = awaitView(requestId, v -> "IN_REVIEW".equals(v.path("status").asString()))
                .path("ticketId").asString();
        log.accept("request " + requestId + " (" + ticketId + ") is IN_REVIEW");

        // when Alice signs in and finds it in the queue
        String web = sut.config.webUrl();
        browser.get(web + "/console");
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("dev-alice");
        browser.findElement(By.cssSelector("form[action$='/login'] button[type=submit]")).click();
        await(() -> browser.getCurrentUrl().contains("/console"));
        WebElement row = browser.findElement(By.linkText(ticketId));
        screenshot("console-queue.png");
        row.click();
        await(() -> browser.getCurrentUrl().contains("/console/requests/" + requestId));

        // and assigns it to herself, then requests changes with one item
        submit(By.cssSelector("form[action$='/assign']"), Map.of());
        awaitView(requestId, v -> "alice".equals(v.path("assignee").asString()));
        browser.navigate().refresh();
        submit(By.cssSelector("form[action$='/request-changes']"), Map.of(
                "field", "rollbackPlan",
                "message", "The restore has never been rehearsed.",
                "hint", "Restore last night's backup on the staging server and note how long it takes."));
        assertThat(pageText()).doesNotContainIgnoringCase("problem").doesNotContain("Whitelabel");
        awaitView(requestId, v -> "AWAITING_INFO".equals(v.path("status").asString()));

        // then the customer's email carries the request page's link
        String link = awaitCustomerLink(mailbox);
        assertThat(link).startsWith(web + "/r/");
        log.accept("the customer's link: " + link.replaceAll("/r/.*", "/r/<token>"));

        // when the customer opens it (no sign-in)
        browser.manage().deleteAllCookies();
        browser.get(link);
        String customerPage = pageText();
        assertThat(customerPage).contains(ticketId)
                .contains("The restore has never been rehearsed.")
                .contains("Restore last night's backup on the staging server and note how long it takes.")
                .doesNotContain("alice@gitlab.example");
        screenshot("customer-request-page.png");

        // and replies on the page
        submit(By.cssSelector("form[action$='/reply']"), Map.of(
                "body", "We rehearsed the restore on staging today: 47 minutes. Updated the rollback plan."));
        assertThat(pageText()).contains("Your reply was sent.").contains("We rehearsed the restore on staging today");
        awaitView(requestId, v -> v.path("comments").size() == 1);
        // and amends the plan through the portal, as the portal does
        ((ObjectNode) body.get("rollbackPlan")).put("restoreSteps", "Rehearsed on staging: 47 minutes. Stop all nodes, reinstall,"
                + " restore /etc/gitlab and the backup.");
        Http.Response amended = sut.http.put(sut.config.serviceUrl(Service.INTAKE) + "/api/v1/upgrade-requests/"
                + requestId, Pipeline.PORTAL, body.toString(), "application/json");
        assertThat(amended.status()).as(amended.body()).isEqualTo(202);
        awaitView(requestId, v -> "IN_REVIEW".equals(v.path("status").asString()));

        // then Alice sees the reply; she writes an internal note and approves with feedback
        signInAgain(web, requestId);
        assertThat(pageText()).contains("We rehearsed the restore on staging today");
        submit(By.cssSelector("form[action$='/comments']"), Map.of(
                "body", "Internal: customer was quick, keep an eye on the Geo secondary.",
                "visibility", "INTERNAL"));
        awaitView(requestId, v -> v.path("comments").size() == 2);
        browser.navigate().refresh();
        submit(By.cssSelector("form[action$='/approve']"), Map.of(
                "feedback", "Thanks for rehearsing the restore. Keep the backup at hand during the window."));
        // approved by Alice; no call was wanted, so scheduling puts the ticket on hold until the outcome. ON_HOLD comes
        // from the scheduling topic and the decision from the review topic, unordered: the view is awaited with both
        JsonNode approved = awaitView(requestId, v -> "ON_HOLD".equals(v.path("status").asString())
                && "APPROVED".equals(v.at("/reviewDecision/decision").asString()));
        assertThat(approved.at("/reviewDecision/decision").asString()).isEqualTo("APPROVED");
        assertThat(approved.at("/reviewDecision/by").asString()).isEqualTo("alice");
        await(() -> {
            browser.navigate().refresh();
            return pageText().contains("ON_HOLD") || pageText().contains("On hold");
        });
        screenshot("console-request-page.png");

        // and the customer's page shows the new status, the feedback, and never the internal note
        browser.manage().deleteAllCookies();
        browser.get(link);
        String after = pageText();
        assertThat(after).contains("Thanks for rehearsing the restore.");
        assertThat(browser.findElements(By.cssSelector("form[action$='/outcome']")))
                .as("on hold: the customer can report the outcome").isNotEmpty();
        assertThat(after).contains("We rehearsed the restore on staging today")
                .doesNotContain("Internal: customer was quick")
                .doesNotContain("keep an eye on the Geo secondary")
                .doesNotContain("@gitlab.example");
        assertThat(browser.getPageSource()).doesNotContain("keep an eye on the Geo secondary");
        screenshot("customer-request-page-approved.png");
    }

    // ------------------------------------------------------------------ helpers

    private void signInAgain(String web, String requestId) {
        browser.manage().deleteAllCookies();
        browser.get(web + "/console/requests/" + requestId);
        if (browser.getCurrentUrl().contains("/login")) {
            browser.findElement(By.id("username")).sendKeys("alice");
            browser.findElement(By.id("password")).sendKeys("dev-alice");
            browser.findElement(By.cssSelector("form[action$='/login'] button[type=submit]")).click();
        }
        await(() -> browser.getCurrentUrl().contains("/console/requests/" + requestId));
    }

    /** Fills the named fields of the form (text, textarea, radio, select) and presses its submit button. */
    private void submit(By formLocator, Map<String, String> fields) {
        WebElement form = browser.findElement(formLocator);
        fields.forEach((name, value) -> {
            List<WebElement> inputs = form.findElements(By.name(name));
            assertThat(inputs).as("form field " + name).isNotEmpty();
            WebElement first = inputs.get(0);
            if ("radio".equals(first.getAttribute("type"))) {
                inputs.stream().filter(i -> value.equals(i.getAttribute("value"))).findFirst().orElseThrow().click();
            } else if ("select".equals(first.getTagName())) {
                new org.openqa.selenium.support.ui.Select(first).selectByValue(value);
            } else {
                first.clear();
                first.sendKeys(value);
            }
        });
        WebElement button = form.findElement(By.cssSelector("button[type=submit], button:not([type])"));
        button.click();
        // a plain form: the browser loads the answer (post, redirect, get), so the old page's form goes stale
        new WebDriverWait(browser, WAIT).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(form));
        await(() -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.readyState")));
    }

    private String pageText() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void await(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT).until(d -> condition.getAsBoolean());
    }

    /** The request as the engineers' API shows it, once it satisfies the condition. */
    private JsonNode awaitView(String requestId, java.util.function.Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Http.Response response = sut.http.get(sut.config.serviceUrl(Service.INTAKE) + "/api/v1/upgrade-requests/"
                    + requestId, Pipeline.ENGINEER);
            if (response.ok()) {
                last = response.json();
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("request " + requestId + " did not reach the expected state within " + WAIT
                + "; last view: " + last);
    }

    /** The newest {@code /r/} link in the customer's mailbox, from the mails' decoded text. */
    private String awaitCustomerLink(String mailbox) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> raw = sut.mail.rawMessages(mailbox);
            for (int i = raw.size() - 1; i >= 0; i--) {
                Optional<String> link = pageLink(raw.get(i));
                if (link.isPresent()) {
                    return link.get();
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no email with a request page link reached " + mailbox + " within " + WAIT);
    }

    static Optional<String> pageLink(String rfc822) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(rfc822.getBytes(StandardCharsets.UTF_8)));
        Matcher matcher = PAGE_LINK.matcher(text(message));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                all.append(text(child)).append('\n');
            }
            return all.toString();
        }
        return "";
    }

    /** A PNG of the current page under docs/screenshots/ (the docs show what the browser test saw). */
    private void screenshot(String name) throws IOException {
        // from the top of the page (an action's answer scrolls to its form)
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Path target = repo.resolve("docs/screenshots").resolve(name);
        Files.createDirectories(target.getParent());
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
        log.accept("screenshot " + target);
    }
}
