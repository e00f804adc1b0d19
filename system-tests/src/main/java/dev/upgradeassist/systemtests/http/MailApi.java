package dev.upgradeassist.systemtests.http;

import dev.upgradeassist.systemtests.stack.StackConfig;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** GreenMail's REST API: {@code GET /api/user/{email}/messages/INBOX}. */
public final class MailApi {

    /** One stored message: its Message-ID and subject. */
    public record Mail(String messageId, String subject) {
    }

    private final StackConfig stack;
    private final Http http;

    public MailApi(StackConfig stack, Http http) {
        this.stack = stack;
        this.http = http;
    }

    /** The messages in a mailbox; empty when the mailbox does not exist yet (it is created by the first delivery). */
    public List<Mail> inbox(String address) throws IOException {
        List<Mail> mails = new ArrayList<>();
        stored(address).forEach(m -> mails.add(new Mail(m.path("Message-ID").asString(null), m.path("subject").asString(null))));
        return mails;
    }

    /** The messages in a mailbox as RFC 5322 text (GreenMail's {@code mimeMessage}), oldest first; empty as above. */
    public List<String> rawMessages(String address) throws IOException {
        List<String> mails = new ArrayList<>();
        stored(address).forEach(m -> mails.add(m.path("mimeMessage").asString("")));
        return mails;
    }

    /** GreenMail's JSON of the mailbox's messages; an empty list when the mailbox does not exist yet. */
    private List<JsonNode> stored(String address) throws IOException {
        Http.Response response = http.get(stack.mailApiUrl() + "/api/user/"
                + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX", null);
        if (response.status() == 400 && response.body().contains("not found")) {
            return List.of();
        }
        if (!response.ok()) {
            throw new IOException("GreenMail inbox of " + address + ": HTTP " + response.status());
        }
        List<JsonNode> messages = new ArrayList<>();
        response.json().forEach(messages::add);
        return messages;
    }

    /** Deletes every stored message (mailboxes stay). */
    public void purge() throws IOException {
        Http.Response response = http.post(stack.mailApiUrl() + "/api/mail/purge", null, "", null);
        if (!response.ok()) {
            throw new IOException("GreenMail purge: HTTP " + response.status());
        }
    }
}
