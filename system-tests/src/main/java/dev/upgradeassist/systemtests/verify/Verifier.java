package dev.upgradeassist.systemtests.verify;

import dev.upgradeassist.contracts.Topics;
import dev.upgradeassist.systemtests.http.Http;
import dev.upgradeassist.systemtests.http.Pipeline;
import dev.upgradeassist.systemtests.kafka.KafkaProbe;
import dev.upgradeassist.systemtests.load.Tracked;
import dev.upgradeassist.systemtests.stack.Service;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

/**
 * The invariants, checked from the outside after a phase: every accepted request reached its
 * expected final status (0 lost); no email was delivered twice (the same Message-ID twice in the
 * requester's mailbox, or the ledger holding the same template twice for one request); no request
 * got two booking links for one approved revision; every poison record reached its dead-letter
 * topic from every consumer group that reads its topic.
 */
public final class Verifier {

    private final Pipeline pipeline;
    private final MailArchive archive;
    private final KafkaProbe kafka;
    private final Consumer<String> log;

    public Verifier(Pipeline pipeline, MailArchive archive, KafkaProbe kafka, Consumer<String> log) {
        this.pipeline = pipeline;
        this.archive = archive;
        this.kafka = kafka;
        this.log = log;
    }

    /**
     * Checks the requests (waiting up to {@code settle} for their last emails to leave the ledger) and
     * the poison records. The mailboxes are swept into the archive first.
     */
    public Verdict verify(Collection<Tracked> requests, List<KafkaProbe.Poison> poison, Duration settle) throws Exception {
        Verdict v = new Verdict();
        List<Tracked> accepted = requests.stream().filter(Tracked::accepted).toList();
        v.requests = requests.size();
        v.notAccepted = requests.size() - accepted.size();
        requests.stream().filter(r -> !r.accepted()).limit(5).forEach(r -> v.example("not accepted: " + r));

        Map<String, JsonNode> ledgers = settledLedgers(accepted, settle);
        int unreadable = archive.sweep(accepted.stream().map(r -> r.mailbox).toList(), 8);
        if (unreadable > 0) {
            v.example(unreadable + " mailbox(es) could not be read from GreenMail");
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (Tracked r : accepted) {
            pool.execute(() -> checkRequest(r, ledgers.get(r.id), v));
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);

        checkLinks(accepted, v);
        if (poison != null && !poison.isEmpty()) {
            checkPoison(poison, v);
        }
        return v;
    }

    private void checkRequest(Tracked r, JsonNode ledger, Verdict v) {
        try {
            Optional<String> status = pipeline.status(r.id);
            synchronized (v) {
                if (status.isEmpty() || !status.get().equals(r.scenario.finalStatus())) {
                    v.lost++;
                    v.example("not in its final status " + r.scenario.finalStatus() + ": " + r + " now " + status.orElse("404"));
                }
                if (r.unexpectedStatus != null) {
                    v.unexpectedStatus++;
                    v.example("showed an unexpected status: " + r);
                }
            }
        } catch (IOException e) {
            synchronized (v) {
                v.lost++;
                v.example("status unreadable: " + r + " " + e);
            }
        }
        if (ledger == null) {
            synchronized (v) {
                v.example("ledger unreadable for " + r);
            }
            return;
        }
        Map<String, Integer> copies = archive.counts(r.mailbox);
        Map<String, Integer> sentByTemplate = new HashMap<>();
        long firstSent = Long.MAX_VALUE;
        synchronized (v) {
            for (JsonNode entry : ledger) {
                String template = entry.path("template").asString();
                String statusOfEntry = entry.path("status").asString();
                List<String> to = new ArrayList<>();
                entry.path("to").forEach(t -> to.add(t.asString().toLowerCase(java.util.Locale.ROOT)));
                boolean toRequester = to.contains(r.mailbox.toLowerCase(java.util.Locale.ROOT));
                if (!"SENT".equals(statusOfEntry)) {
                    v.ledgerNotSent++;
                    v.example("ledger entry " + template + " " + statusOfEntry + " (" + entry.path("failureReason").asString("") + ") for " + r.id);
                    continue;
                }
                v.emailsSent++;
                String sentAt = entry.path("sentAt").asString(null);
                if (sentAt != null) {
                    firstSent = Math.min(firstSent, Instant.parse(sentAt).toEpochMilli());
                }
                if (!toRequester) {
                    continue;
                }
                sentByTemplate.merge(template, 1, Integer::sum);
                v.templatesByScenario.computeIfAbsent(r.scenario.name(), k -> new java.util.TreeMap<>()).merge(template, 1, Integer::sum);
                String messageId = entry.path("messageId").asString(null);
                int n = messageId == null ? 0 : copies.getOrDefault(messageId, 0);
                if (n == 0) {
                    v.sentButNotInMailbox++;
                } else if (n > 1) {
                    v.duplicateMessageIds += n - 1;
                    v.duplicateKeys.add(r.mailbox + "|" + messageId);
                    boolean resent = entry.path("attempts").asInt(1) > 1;
                    if (resent) {
                        v.crashWindowDuplicates += n - 1;
                        v.crashWindowKeys.add(r.mailbox + "|" + messageId);
                    }
                    v.example("Message-ID " + messageId + " (" + template + ") delivered " + n + " times to " + r.mailbox
                            + (resent ? " — ledger attempts " + entry.path("attempts").asInt() + " (crash window)" : "")
                            + " — ledger key " + entry.path("key").asString("?") + ", created "
                            + entry.path("createdAt").asString("?") + ", sent " + entry.path("sentAt").asString("?"));
                }
            }
            for (Map.Entry<String, Integer> t : sentByTemplate.entrySet()) {
                if (t.getValue() > 1) {
                    v.duplicateTemplates += t.getValue() - 1;
                    v.duplicateKeys.add(r.id + "|" + t.getKey());
                    v.example("template " + t.getKey() + " sent " + t.getValue() + " times (distinct ledger keys) for " + r.id);
                }
            }
            if (firstSent != Long.MAX_VALUE && r.submitEpochMillis > 0) {
                v.ledgerFirstSentMillis.add(firstSent - r.submitEpochMillis);
            }
        }
    }

    /** Ledgers of the requests, re-read until no entry is PENDING or RETRYING (or the time is up). */
    private Map<String, JsonNode> settledLedgers(List<Tracked> requests, Duration settle) throws InterruptedException {
        Map<String, JsonNode> ledgers = new ConcurrentHashMap<>();
        Set<Tracked> open = ConcurrentHashMap.newKeySet();
        open.addAll(requests);
        long deadline = System.nanoTime() + settle.toNanos();
        int round = 0;
        while (!open.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (Tracked r : List.copyOf(open)) {
                pool.execute(() -> {
                    try {
                        JsonNode ledger = pipeline.notifications(r.id);
                        ledgers.put(r.id, ledger);
                        boolean pending = false;
                        for (JsonNode e : ledger) {
                            String s = e.path("status").asString();
                            pending |= s.equals("PENDING") || s.equals("RETRYING");
                        }
                        if (!pending) {
                            open.remove(r);
                        }
                    } catch (IOException | RuntimeException e) {
                        // retried next round
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.MINUTES);
            if (open.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            if (++round % 5 == 0) {
                log.accept("  waiting for " + open.size() + " request(s) whose emails are still pending");
            }
            Thread.sleep(2_000);
        }
        return ledgers;
    }

    private void checkLinks(List<Tracked> requests, Verdict v) throws Exception {
        Set<String> ids = new HashSet<>();
        requests.forEach(r -> ids.add(r.id));
        Map<String, String> approvalRevision = new HashMap<>();   // approval event id -> requestId:revision
        Map<String, Set<String>> approvalsByRevision = new HashMap<>();
        for (KafkaProbe.Record record : kafka.readAll(Topics.REVIEW)) {
            if (!"PlanApproved.v1".equals(record.header("ce_type")) || !ids.contains(record.key())) {
                continue;
            }
            JsonNode event = parse(record);
            if (event == null) {
                continue;
            }
            String rev = record.key() + ":" + event.path("revision").asInt();
            approvalRevision.put(event.path("eventId").asString(), rev);
            approvalsByRevision.computeIfAbsent(rev, k -> new HashSet<>()).add(event.path("eventId").asString());
        }
        approvalsByRevision.forEach((rev, events) -> {
            if (events.size() > 1) {
                v.duplicateApprovals += events.size() - 1;
                v.example("request:revision " + rev + " approved " + events.size() + " times (distinct event ids)");
            }
        });
        Map<String, Set<String>> linksByRevision = new HashMap<>();
        Set<String> allLinks = new HashSet<>();
        for (KafkaProbe.Record record : kafka.readAll(Topics.SCHEDULING)) {
            if (!"BookingLinkIssued.v1".equals(record.header("ce_type")) || !ids.contains(record.key())) {
                continue;
            }
            JsonNode event = parse(record);
            if (event == null) {
                continue;
            }
            String linkId = event.path("linkId").asString();
            allLinks.add(linkId);
            String rev = approvalRevision.getOrDefault(event.path("approvalEventId").asString(),
                    record.key() + ":approval " + event.path("approvalEventId").asString());
            linksByRevision.computeIfAbsent(rev, k -> new HashSet<>()).add(linkId);
        }
        v.linksSeen = allLinks.size();
        linksByRevision.forEach((rev, links) -> {
            if (links.size() > 1) {
                v.duplicateLinks += links.size() - 1;
                v.duplicateKeys.add(rev + "|links");
                v.example("request:revision " + rev + " got " + links.size() + " booking links");
            }
        });
    }

    private void checkPoison(List<KafkaProbe.Poison> poison, Verdict v) throws Exception {
        v.poisonInjected = poison.size();
        Map<String, List<String>> dead = kafka.deadLettered(poison);
        for (KafkaProbe.Poison p : poison) {
            List<String> groups = dead.getOrDefault(p.eventId(), List.of());
            List<String> expected = Service.groupsReading(p.topic());
            if (!groups.containsAll(expected) && !groups.contains("?")) {
                v.poisonMissingFromDlt++;
                v.example("poison " + p.eventId() + " on " + p.topic() + " dead-lettered by " + groups + ", expected " + expected);
            } else if (groups.isEmpty()) {
                v.poisonMissingFromDlt++;
                v.example("poison " + p.eventId() + " on " + p.topic() + " not in " + Topics.deadLetter(p.topic()));
            }
        }
    }

    /** Waits until every poison record is in its DLT from every group reading its topic; false on timeout. */
    public boolean awaitPoisonDeadLettered(List<KafkaProbe.Poison> poison, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, List<String>> dead = kafka.deadLettered(poison);
            boolean all = poison.stream().allMatch(p -> {
                List<String> groups = dead.getOrDefault(p.eventId(), List.of());
                return groups.contains("?") ? !groups.isEmpty() : groups.containsAll(Service.groupsReading(p.topic()));
            });
            if (all) {
                return true;
            }
            Thread.sleep(1_000);
        }
        return false;
    }

    private static JsonNode parse(KafkaProbe.Record record) {
        try {
            return Http.JSON.readTree(record.value());
        } catch (RuntimeException e) {
            return null;   // a poison record
        }
    }
}
