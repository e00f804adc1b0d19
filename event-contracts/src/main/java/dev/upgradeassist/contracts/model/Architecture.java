package dev.upgradeassist.contracts.model;

import java.util.List;

public record Architecture(
        InstallMethod installMethod,
        String operatingSystem,
        Topology topology,
        List<Node> nodes,
        List<String> externalServices,
        List<String> geoSites,
        String notes) {
}
