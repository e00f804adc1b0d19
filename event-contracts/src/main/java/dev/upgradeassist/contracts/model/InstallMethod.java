package dev.upgradeassist.contracts.model;

public enum InstallMethod { LINUX_PACKAGE, DOCKER, HELM, SOURCE }
