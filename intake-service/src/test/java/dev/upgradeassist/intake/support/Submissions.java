package dev.upgradeassist.intake.support;

import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Request bodies for the portal form. */
public final class Submissions {

    private Submissions() {
    }

    /** The complete Acme example from the contract, tagged with a unique marker in additionalInfo. */
    public static ObjectNode complete(String marker) {
        return (ObjectNode) IntakeClient.JSON.readTree("""
                {
                  "form": "STANDARD",
                  "organizationId": "acme",
                  "requester": { "name": "Dana Ops", "email": "dana@acme.example" },
                  "contactEmail": "gitlab-admins@acme.example",
                  "region": "AMER",
                  "currentVersion": "15.11.13",
                  "targetVersion": "17.3.7",
                  "edition": "EE",
                  "architecture": {
                    "installMethod": "LINUX_PACKAGE",
                    "operatingSystem": "Ubuntu 22.04",
                    "topology": "MULTI_NODE",
                    "nodes": [ { "name": "rails-1", "roles": ["RAILS"] }, { "name": "rails-2", "roles": ["RAILS"] } ],
                    "externalServices": ["GITALY", "POSTGRESQL", "REDIS"],
                    "geoSites": [],
                    "notes": "Two Rails nodes behind HAProxy.\\nGitaly cluster managed by the platform team."
                  },
                  "environment": {
                    "multipleRailsNodes": true, "usersOver30k": false, "npmPackages": false,
                    "largePipelineVariables": false, "largeCiPipelineMessages": false
                  },
                  "upgradePlan": {
                    "hops": ["16.3.9", "16.7.10", "16.11.10", "17.1.8", "17.3.7"],
                    "zeroDowntime": false,
                    "waitsForBackgroundMigrations": true,
                    "preUpgradeChecks": ["gitlab-rake gitlab:check"],
                    "postUpgradeChecks": ["gitlab-rake gitlab:check", "sign in, clone, push"],
                    "usesCustomScripts": false,
                    "document": "https://wiki.acme.example/gitlab/upgrade"
                  },
                  "rollbackPlan": {
                    "backsUpData": true, "backsUpSecretsAndConfig": true,
                    "restoreSteps": "reinstall 15.11.13, restore /etc/gitlab and the backup",
                    "downgradesToBackupVersion": true,
                    "tested": true, "estimatedMinutes": 90,
                    "document": "https://wiki.acme.example/gitlab/rollback"
                  },
                  "maintenanceWindow": { "start": "2026-12-12T22:00:00", "timeZone": "America/New_York",
                                         "durationMinutes": 240 },
                  "testedInStaging": true,
                  "outOfScopeChanges": [],
                  "wantsReviewCall": true,
                  "additionalInfo": "MARKER"
                }
                """.replace("MARKER", marker));
    }

    public static ObjectNode complete() {
        return complete(UUID.randomUUID().toString());
    }

    /** Only what the contract requires. */
    public static ObjectNode minimal(String organizationId) {
        return (ObjectNode) IntakeClient.JSON.readTree("""
                { "form": "US_FEDERAL", "organizationId": "%s",
                  "requester": { "name": "Sam Admin", "email": "sam@example.gov" } }
                """.formatted(organizationId));
    }
}
