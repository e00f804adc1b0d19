package dev.upgradeassist.systemtests.stack;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Waiting for the harness's processes: a port that accepts connections, a join that rethrows the cause. */
final class Readiness {

    private Readiness() {
    }

    static void awaitPort(ManagedProcess process, int port, Duration timeout) {
        long deadline = process.startedNanos() + timeout.toNanos();
        while (!Ports.open(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited before port " + port
                        + " accepted connections:\n" + process.logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + ": port " + port + " closed after " + timeout
                        + ":\n" + process.logTail(40));
            }
            sleep(100);
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
