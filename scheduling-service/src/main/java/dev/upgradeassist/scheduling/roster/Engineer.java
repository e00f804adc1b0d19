package dev.upgradeassist.scheduling.roster;

import dev.upgradeassist.contracts.model.Region;

import java.time.LocalTime;
import java.time.ZoneId;

/** A support engineer who may hold review calls, with their working hours in their own time zone. */
public record Engineer(String name, String email, Region region, ZoneId timeZone, LocalTime workStart,
                       LocalTime workEnd, boolean upgradeFocus) {
}
