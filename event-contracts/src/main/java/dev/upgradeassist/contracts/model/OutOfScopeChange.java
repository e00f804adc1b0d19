package dev.upgradeassist.contracts.model;

/** Changes that are not an upgrade and so are outside Upgrade Assistance (domain §0, D1). */
public enum OutOfScopeChange { EDITION_CHANGE, INSTALL_METHOD_CHANGE, SCALING, DATA_MIGRATION, ADD_GEO }
