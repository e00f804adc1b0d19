package dev.upgradeassist.contracts.model;

public enum Region { AMER, EMEA, APAC }
