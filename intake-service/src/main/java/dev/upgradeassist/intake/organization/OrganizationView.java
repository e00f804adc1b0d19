package dev.upgradeassist.intake.organization;

/** A directory entry as the API shows it. */
record OrganizationView(String id, String name, boolean prioritySupport, TamView tam) {

    record TamView(String name, String email) {
    }

    static OrganizationView of(OrganizationEntry entry) {
        return new OrganizationView(entry.id(), entry.name(), entry.prioritySupport(),
                entry.tam() == null ? null : new TamView(entry.tam().name(), entry.tam().email()));
    }
}
