package dev.upgradeassist.contracts.model;

/** Facts about the instance that switch conditional upgrade stops on (domain §c). */
public record Environment(
        Boolean multipleRailsNodes,
        Boolean usersOver30k,
        Boolean npmPackages,
        Boolean largePipelineVariables,
        Boolean largeCiPipelineMessages) {
}
