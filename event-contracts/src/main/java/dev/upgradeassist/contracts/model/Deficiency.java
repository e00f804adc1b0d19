package dev.upgradeassist.contracts.model;

/** A missing, incomplete or wrong item of required information, with the hint that fixes it. */
public record Deficiency(String code, String field, String message, String hint) {
}
