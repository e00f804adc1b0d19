package dev.upgradeassist.contracts;

import java.util.List;

/** Every topic of the system, one per producing service. Keys are request ids. */
public final class Topics {

    public static final String INTAKE = "upgrade-assist.intake.events";
    public static final String REVIEW = "upgrade-assist.review.events";
    public static final String SCHEDULING = "upgrade-assist.scheduling.events";
    public static final String NOTIFICATION = "upgrade-assist.notification.events";

    public static final String DLT_SUFFIX = "-dlt";

    public static final List<String> ALL = List.of(INTAKE, REVIEW, SCHEDULING, NOTIFICATION);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }
}
