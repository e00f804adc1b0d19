package dev.upgradeassist.contracts.model;

/** The support portal form the request came from. Both are created at HIGH priority. */
public enum Form { STANDARD, US_FEDERAL }
