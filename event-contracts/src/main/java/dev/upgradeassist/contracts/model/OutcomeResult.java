package dev.upgradeassist.contracts.model;

public enum OutcomeResult { SUCCEEDED, PROBLEMS }
