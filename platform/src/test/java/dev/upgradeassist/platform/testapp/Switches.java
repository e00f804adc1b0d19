package dev.upgradeassist.platform.testapp;

import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicBoolean;

/** Faults the tests switch on and off: a cause that an operator later fixes. */
@Component
public class Switches {

    final AtomicBoolean rejectFixable = new AtomicBoolean(true);
    final AtomicBoolean throwError = new AtomicBoolean(true);
    /** How many more times a record of ticket "outage" meets an unreachable MongoDB. */
    final java.util.concurrent.atomic.AtomicInteger outageFailures = new java.util.concurrent.atomic.AtomicInteger();
}
