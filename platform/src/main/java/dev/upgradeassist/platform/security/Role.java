package dev.upgradeassist.platform.security;

/** Who calls the API. Controllers check these with {@code @PreAuthorize("hasRole('PORTAL')")}. */
public enum Role { PORTAL, ENGINEER, OPERATOR }
