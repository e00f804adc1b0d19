package dev.upgradeassist.systemtests.report;

/** The report's closing section: how the harness measures and what it counts. */
final class MethodNotes {

    private MethodNotes() {
    }

    static final String TEXT = """
            ## Method

            - Driven only from the outside: `POST /api/v1/upgrade-requests` (dev-portal-token, a fresh `Idempotency-Key` per \
            request; a refused connection, a timeout or a 5xx is retried with the same key and counts from the first attempt), \
            `GET /api/v1/upgrade-requests/{id}` for the status, GreenMail's REST API for the mail \
            (`GET /api/user/{email}/messages/INBOX`), `GET /api/v1/notifications?requestId=` (ENGINEER) for the ledger, \
            `POST /api/v1/operations/replay` (OPERATOR), Kafka's AdminClient for lag and a plain consumer to read topics and DLTs.
            - Open-loop load: submissions are scheduled at the rate whatever the responses do. Each request in the tracker's \
            mailbox sample has a mailbox of its own (`r-<run>-<n>@load.example`, also the contact address); the others \
            share `systemtests.sharedMailboxes` (500) addresses, `r-<run>-s<n mod 500>@load.example` (GreenMail's cost per \
            email grows with its number of mailboxes), and a poll of a shared one looks for a subject that starts with the \
            request's ticket id. A mailbox is polled every 100 ms at first and then every 5 % of \
            the request's age (at most 5 s), its status every 200 ms and then 5 % of its age, with at most 300 mail and 200 \
            status polls per second in all (so a backlog does not turn the harness into the load): a figure is late by at \
            most one interval plus how late the poll ran (reported under "Where the time goes"). The ledger's `sentAt` (SMTP accepted) row has no polling error. \
            Latencies are HdrHistogram percentiles.
            - Polls gated by the topics: a plain consumer without a group reads the review, scheduling and notification \
            topics from their end (key = request id, `ce_type` = event), and a due poll calls only once its event was read: \
            the mailbox after a `NotificationSent` for the request, the status after the event that moves intake's view to \
            the scenario's final status (`TicketOnHold`, `BookingLinkIssued`, `InfoMissing`, `RequestDeclined`). Until then it \
            waits without a call (counted as gated), and the event makes it due at once; once open, the intervals above \
            apply. Only a sample is polled over HTTP once its gate opens: 1 request in `systemtests.mailboxPollEvery` (10) \
            for its mailbox, 1 in `systemtests.statusPollEvery` (10) for its status; for the others the event read is the \
            first email (`NotificationSent`: the ledger recorded it as accepted by SMTP) or the final status, with no call. \
            The report gives each figure over all requests and over the sample alone (the moment an HTTP poll saw the email \
            or the status); every request's status and emails are still checked over HTTP once, after the load. When \
            intake's view has not applied the event yet at a sampled request's first poll, the next one is an interval \
            later, so a sampled status figure may be late by up to one interval. As a safety net for a missed event (a consumer error, the broker outage), \
            a request not polled for `systemtests.gateSafetyNetSeconds` (10 s) or half its age, whichever is longer, is \
            polled anyway (counted), unless the harness's topic reader covers it: it started before the request and \
            reached the topics' end offsets within the last `systemtests.signalsFreshSeconds` (5 s), so the event was not \
            missed but is not published yet (counted as not made). A status poll's gate also opens on another scenario's \
            final event, so a request that went elsewhere is seen at once. \
            `-Dsystemtests.pollGate=false` polls at every due time, as before the gate.
            - Final statuses: complete without a call → ON_HOLD; complete with a call → CALL_LINK_ISSUED; no rollback plan → \
            AWAITING_INFO; organization `initech` (no Priority Support) or `outOfScopeChanges: [ADD_GEO]` → DECLINED. \
            Complete requests go through the required stops review reports for 16.11.10 → 17.3.7, in a 240-minute window on \
            a Tuesday–Thursday at 10:00 America/New_York at least 14 days ahead.
            - Duplicates: a Message-ID seen twice in the requester's mailbox (GreenMail forgets its mail when stopped or purged; \
            each lifetime's last snapshot is kept and counts add up), or the ledger holding one template twice for a request \
            (a second ledger key, i.e. the event was re-derived). A duplicate whose ledger entry shows more than one attempt is \
            the documented crash window of the delivery worker (SMTP accepted, the process died before the ledger said SENT); \
            it is counted and reported, never hidden. Booking links: distinct `linkId`s of `BookingLinkIssued` per request and \
            approved revision (`approvalEventId` → `PlanApproved.revision` on the review topic), so re-approvals of a newer \
            revision are not counted.
            - Poison: records with valid CloudEvents headers (`ce_type` of the topic) and a value that is not JSON; each must \
            reach `<topic>-dlt` from every consumer group that reads its topic (header `kafka_dlt-original-consumer-group`).
            """;
}
