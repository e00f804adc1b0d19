package dev.upgradeassist.platform.messaging;

/**
 * Writes that a service's handlers defer while a listener thread works through the records of one poll, made together
 * at the end of the poll (issue 22: one bulk write instead of one write per record). A service that declares a bean of
 * this type has its listener containers run by {@link PolledBatchWrites}: a handler may defer a write only while
 * {@link PolledBatchWrites#deferring()} says so, and no record's offset is committed before the writes it deferred
 * are made.
 */
public interface PollWrites {

    /** True when this thread holds deferred writes. */
    boolean holding();

    /**
     * Makes what this thread deferred, in the order it was deferred where order matters. Throws when the store refused
     * any of it; what was not made stays deferred, for the next call.
     */
    void flush();
}
