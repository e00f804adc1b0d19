package dev.upgradeassist.contracts.model;

import java.util.List;

public record Node(String name, List<String> roles) {
}
