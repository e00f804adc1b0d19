package dev.upgradeassist.review.upgradepath;

import java.util.function.Predicate;

/** The environment conditions under which a conditional stop is required (domain §c R4). */
public enum StopCondition {
    MULTIPLE_RAILS_NODES(EnvironmentFlags::multipleRailsNodes, "multipleRailsNodes", "multiple web (Rails) nodes"),
    USERS_OVER_30K(EnvironmentFlags::usersOver30k, "usersOver30k", "about 30k users or more"),
    NPM_PACKAGES(EnvironmentFlags::npmPackages, "npmPackages", "NPM packages in the package registry"),
    LARGE_PIPELINE_VARIABLES(EnvironmentFlags::largePipelineVariables, "largePipelineVariables",
            "a large pipeline variables history"),
    LARGE_CI_PIPELINE_MESSAGES(EnvironmentFlags::largeCiPipelineMessages, "largeCiPipelineMessages",
            "large ci_pipeline_messages tables");

    private final Predicate<EnvironmentFlags> test;
    private final String field;
    private final String description;

    StopCondition(Predicate<EnvironmentFlags> test, String field, String description) {
        this.test = test;
        this.field = field;
        this.description = description;
    }

    /** The name of the flag in the request's {@code environment} (and the query parameter). */
    public String field() {
        return field;
    }

    public boolean holds(EnvironmentFlags flags) {
        return test.test(flags);
    }

    public String description() {
        return description;
    }
}
