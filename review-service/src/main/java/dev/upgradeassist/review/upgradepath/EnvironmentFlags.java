package dev.upgradeassist.review.upgradepath;

/** The facts about an instance that switch conditional stops on (domain §c R4). */
public record EnvironmentFlags(
        boolean multipleRailsNodes,
        boolean usersOver30k,
        boolean npmPackages,
        boolean largePipelineVariables,
        boolean largeCiPipelineMessages) {

    public static final EnvironmentFlags NONE = new EnvironmentFlags(false, false, false, false, false);

    public EnvironmentFlags withMultipleRailsNodes(boolean value) {
        return new EnvironmentFlags(value, usersOver30k, npmPackages, largePipelineVariables, largeCiPipelineMessages);
    }
}
