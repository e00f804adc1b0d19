package dev.upgradeassist.contracts.model;

public enum Edition { CE, EE }
