package dev.upgradeassist.platform.messaging;

/**
 * An event that can never be processed, whatever the number of attempts (it breaks an invariant
 * or fails validation). The error handler sends it straight to the dead-letter topic.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}
