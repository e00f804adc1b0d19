package dev.upgradeassist.intake;

import dev.upgradeassist.contracts.RequestReceived;
import dev.upgradeassist.intake.organization.OrganizationDirectory;
import dev.upgradeassist.intake.support.IntakeApiSupport;
import dev.upgradeassist.intake.support.IntakeClient;
import dev.upgradeassist.intake.support.Submissions;
import dev.upgradeassist.testsupport.IntegrationTest;
import dev.upgradeassist.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OrganizationDirectoryIT extends IntakeApiSupport {

    private static final String ORGS = "/api/v1/organizations/";

    @Autowired
    OrganizationDirectory directory;

    @Test
    void the_directory_starts_with_acme_globex_and_initech() {
        JsonNode acme = client().get(ORGS + "acme", TestTokens.OPERATOR).json();
        JsonNode globex = client().get(ORGS + "globex", TestTokens.OPERATOR).json();
        JsonNode initech = client().get(ORGS + "initech", TestTokens.OPERATOR).json();

        assertThat(acme.get("prioritySupport").asBoolean()).isTrue();
        assertThat(acme.get("tam").get("email").asString()).isEqualTo("tam@gitlab.example");
        assertThat(globex.get("prioritySupport").asBoolean()).isTrue();
        assertThat(globex.get("tam").isNull()).isTrue();
        assertThat(initech.get("prioritySupport").asBoolean()).isFalse();
    }

    @Test
    void an_operator_puts_an_organization_and_new_requests_carry_its_snapshot() {
        String id = "org-" + UUID.randomUUID();
        IntakeClient.Response put = put(id, "{\"name\":\"Hooli\",\"prioritySupport\":true,"
                + "\"tam\":{\"name\":\"Gavin\",\"email\":\"gavin@gitlab.example\"}}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("tam").get("email").asString()).isEqualTo("gavin@gitlab.example");

        String requestId = submitted(Submissions.complete().put("organizationId", id));
        RequestReceived received = awaitIntakeEvents(requestId, "RequestReceived.v1", 1).get(0).as(RequestReceived.class);
        assertThat(received.organization().name()).isEqualTo("Hooli");
        assertThat(received.contact().tamEmail()).isEqualTo("gavin@gitlab.example");
        assertThat(awaitTimeline(requestId, 1).get("ccs").get(0).asString()).isEqualTo("gavin@gitlab.example");

        assertThat(put(id, "{\"name\":\"Hooli\",\"prioritySupport\":false}").status()).isEqualTo(200);
        String second = submitted(Submissions.complete().put("organizationId", id));
        RequestReceived later = awaitIntakeEvents(second, "RequestReceived.v1", 1).get(0).as(RequestReceived.class);
        assertThat(later.organization().prioritySupport()).isFalse();
        assertThat(later.organization().tam()).isNull();
    }

    @Test
    void seeding_again_keeps_what_an_operator_changed() {
        assertThat(put("initech", "{\"name\":\"Initech\",\"prioritySupport\":false,"
                + "\"tam\":{\"name\":\"Bill\",\"email\":\"bill@gitlab.example\"}}").status()).isEqualTo(200);

        directory.run(null);

        JsonNode initech = client().get(ORGS + "initech", TestTokens.OPERATOR).json();
        assertThat(initech.get("tam").get("email").asString()).isEqualTo("bill@gitlab.example");
        assertThat(put("initech", "{\"name\":\"Initech\",\"prioritySupport\":false}").status()).isEqualTo(200);
    }

    @Test
    void a_broken_entry_is_a_400() {
        assertThat(put("x1", "{\"prioritySupport\":true}").status()).isEqualTo(400);
        assertThat(put("x1", "{\"name\":\"X\"}").status()).isEqualTo(400);
        assertThat(put("x1", "{\"name\":\"X\\r\\nBcc: a@b.example\",\"prioritySupport\":true}").status()).isEqualTo(400);
        assertThat(put("x1", "{\"name\":\"X\",\"prioritySupport\":true,\"tam\":{\"name\":\"T\",\"email\":\"nope\"}}")
                .status()).isEqualTo(400);
        assertThat(put("x1", "{\"name\":\"X\",\"prioritySupport\":\"yes\"}").status()).isEqualTo(400);
        assertThat(put("bad%20id", "{\"name\":\"X\",\"prioritySupport\":true}").status()).isEqualTo(400);
    }

    @Test
    void an_unknown_organization_is_a_404() {
        assertThat(client().get(ORGS + "nobody-" + UUID.randomUUID(), TestTokens.OPERATOR).status()).isEqualTo(404);
    }

    private IntakeClient.Response put(String id, String body) {
        return client().put(ORGS + id, TestTokens.OPERATOR, body);
    }
}
