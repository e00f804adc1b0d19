package dev.upgradeassist.contracts.model;

/** A missing, incomplete or wrong item of required information, with the hint that fixes it. */
public record Deficiency(String code, String field, String message, String hint) {

    /** The code of an item an engineer asked for (request changes), next to the automatic checks' codes. */
    public static final String ENGINEER_REQUESTED = "ENGINEER_REQUESTED";
}
