package dev.upgradeassist.localstack;

import java.util.Arrays;
import java.util.Optional;

/** The infrastructure processes of the local stack, in start order (they stop in the reverse order, after the services). */
public enum Infra {
    /** A real Apache Kafka broker in KRaft mode ({@link KafkaBroker}). */
    KAFKA("kafka"),
    /** The MongoDB wire-protocol server ({@link MongoServerMain}). */
    MONGO("mongo"),
    /** GreenMail standalone: SMTP, IMAP and its REST API. */
    MAIL("mail");

    private final String id;

    Infra(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Infra> byId(String id) {
        return Arrays.stream(values()).filter(i -> i.id.equals(id)).findFirst();
    }
}
