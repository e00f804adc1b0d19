package dev.upgradeassist.contracts.model;

/** The organization directory entry as it stood when the request was received. */
public record Organization(String id, String name, boolean prioritySupport, Person tam) {
}
