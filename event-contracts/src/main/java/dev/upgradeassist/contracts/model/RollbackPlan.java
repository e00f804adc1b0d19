package dev.upgradeassist.contracts.model;

public record RollbackPlan(
        Boolean backsUpData,
        Boolean backsUpSecretsAndConfig,
        String restoreSteps,
        Boolean downgradesToBackupVersion,
        Boolean tested,
        Integer estimatedMinutes,
        String document) {
}
