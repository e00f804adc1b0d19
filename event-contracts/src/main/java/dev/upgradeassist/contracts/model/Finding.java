package dev.upgradeassist.contracts.model;

/** Something the reviewer wants the customer to know that does not block approval. */
public record Finding(String code, Severity severity, String message) {

    public enum Severity { INFO, ADVISORY, WARNING }
}
