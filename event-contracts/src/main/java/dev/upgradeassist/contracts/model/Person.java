package dev.upgradeassist.contracts.model;

public record Person(String name, String email) {
}
