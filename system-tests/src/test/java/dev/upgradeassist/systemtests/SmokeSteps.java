package dev.upgradeassist.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.upgradeassist.systemtests.http.Http;
import dev.upgradeassist.systemtests.load.Scenario;
import dev.upgradeassist.systemtests.verify.Verdict;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The steps {@link PipelineSmokeIT} is written in: submit, post, wait for a status or an email,
 * read the mail, and assert a verdict (a duplicate from the notification crash window fails only
 * with {@code -Dsystemtests.strict=true}).
 */
abstract class SmokeSteps {

    static final boolean STRICT = Boolean.getBoolean("systemtests.strict");

    final Consumer<String> log = SystemUnderTest.consoleLog();
    SystemUnderTest sut;

    static final String ALICE = "dev-engineer-alice";

    String submit(Scenario scenario, String mailbox, long n) throws Exception {
        Http.Response response = sut.pipeline.submit(sut.submissions.body(scenario, mailbox, n), "conversation-" + mailbox);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().path("id").asString();
    }

    Http.Response post(String url, String token, String json) throws Exception {
        Http.Response response = sut.http.post(url, token, json, null);
        log.accept("POST " + url.replaceFirst("^http://[^/]+", "") + " → " + response.status());
        return response;
    }

    static String comment(String body, String visibility) {
        return "{\"body\":\"" + body + "\",\"visibility\":\"" + visibility + "\"}";
    }

    String pipelineStatus(String requestId) throws Exception {
        return sut.pipeline.status(requestId).orElse("");
    }

    void awaitStatus(String requestId, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = pipelineStatus(requestId);
            if (last.equals(status)) {
                return;
            }
            Thread.sleep(250);
        }
        assertThat(last).as("status of " + requestId + " after 2 minutes").isEqualTo(status);
    }

    void awaitMail(String mailbox, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (mailText(mailbox).contains(text)) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(mailText(mailbox)).as("the mail of " + mailbox + " after 2 minutes").contains(text);
    }

    /** Every message of the mailbox as its raw MIME text, quoted-printable soft line breaks removed. */
    String mailText(String mailbox) throws Exception {
        Http.Response response = sut.http.get(sut.config.mailApiUrl() + "/api/user/"
                + java.net.URLEncoder.encode(mailbox, java.nio.charset.StandardCharsets.UTF_8) + "/messages/INBOX", null);
        if (!response.ok()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        response.json().forEach(m -> text.append(m.path("mimeMessage").asString("")).append('\n'));
        return text.toString().replace("=\r\n", "").replace("=\n", "");
    }

    /** Mailbox → all its mail, for every mailbox GreenMail holds. */
    Map<String, String> allMail() throws Exception {
        Map<String, String> all = new java.util.TreeMap<>();
        for (var user : sut.http.get(sut.config.mailApiUrl() + "/api/user", null).json()) {
            String mailbox = user.path("email").asString();
            all.put(mailbox, mailText(mailbox));
        }
        assertThat(all).as("GreenMail's mailboxes").isNotEmpty();
        return all;
    }

    static double listenerCalls(String prometheus) {
        return prometheus.lines().filter(line -> line.startsWith("spring_kafka_listener_seconds_count{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    void assertCorrect(Verdict v) {
        assertThat(v.notAccepted).as("submissions never accepted").isZero();
        assertThat(v.lost).as("requests not in their expected final status (lost)").isZero();
        assertThat(v.unexpectedStatus).as("requests that showed a status outside their path").isZero();
        assertThat(v.duplicateTemplates).as("the same email (template) recorded twice for a request").isZero();
        assertThat(v.duplicateLinks).as("second booking links for one approved revision").isZero();
        assertThat(v.poisonMissingFromDlt).as("poison records missing from a DLT").isZero();
        if (v.crashWindowDuplicates > 0) {
            log.accept("WARNING: " + v.crashWindowDuplicates + " duplicate email(s) from the notification crash window "
                    + "(SMTP accepted, process killed before the ledger recorded SENT): " + v.examples);
        }
        assertThat(v.duplicateMessageIds - (STRICT ? 0 : v.crashWindowDuplicates))
                .as("emails delivered twice (same Message-ID)" + (STRICT ? "" : ", apart from the crash window")).isZero();
    }

    static void sleepUntil(long startNanos, long seconds) throws InterruptedException {
        long wait = startNanos + seconds * 1_000_000_000L - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }
}
