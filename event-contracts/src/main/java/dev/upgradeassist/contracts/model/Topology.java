package dev.upgradeassist.contracts.model;

public enum Topology { SINGLE_NODE, MULTI_NODE }
