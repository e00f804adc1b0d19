package dev.upgradeassist.scheduling.roster;

import org.springframework.stereotype.Component;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An engineer's open review-call slots: {@code length}-long, back to back inside their working hours on weekdays
 * (their time zone) that are not one of their days off, starting no earlier than their next working day and ending no
 * later than {@code until}; not within their buffer of a call already booked with them (before or after it), and none
 * on a day (their zone) that already has their daily maximum of calls.
 */
@Component
public class Availability {

    /** A link never offers slots further ahead than this many working days. */
    static final int MAX_DAYS = 370;

    public List<Instant> openSlots(Engineer engineer, Instant now, Instant until, Duration length,
                                   Collection<Instant> bookedStarts) {
        Map<LocalDate, Integer> callsPerDay = new HashMap<>();
        for (Instant booked : bookedStarts) {
            callsPerDay.merge(booked.atZone(engineer.timeZone()).toLocalDate(), 1, Integer::sum);
        }
        List<Instant> slots = new ArrayList<>();
        LocalDate day = nextWorkingDay(now.atZone(engineer.timeZone()).toLocalDate());
        for (int days = 0; days < MAX_DAYS; days++) {
            ZonedDateTime start = day.atTime(engineer.workStart()).atZone(engineer.timeZone());
            if (start.toInstant().plus(length).isAfter(until)) {
                break;
            }
            boolean full = engineer.dailyMaximum() != null
                    && callsPerDay.getOrDefault(day, 0) >= engineer.dailyMaximum();
            if (!engineer.daysOff().contains(day) && !full) {
                ZonedDateTime dayEnd = day.atTime(engineer.workEnd()).atZone(engineer.timeZone());
                for (ZonedDateTime slot = start; !slot.plus(length).isAfter(dayEnd); slot = slot.plus(length)) {
                    Instant slotStart = slot.toInstant();
                    Instant slotEnd = slotStart.plus(length);
                    if (slotEnd.isAfter(until)) {
                        break;
                    }
                    if (!slotStart.isBefore(now)
                            && !overlapsBooked(slotStart, slotEnd, length, engineer.buffer(), bookedStarts)) {
                        slots.add(slotStart);
                    }
                }
            }
            day = nextWorkingDay(day);
        }
        return slots;
    }

    public boolean isOpen(Engineer engineer, Instant slotStart, Instant now, Instant until, Duration length,
                          Collection<Instant> bookedStarts) {
        return openSlots(engineer, now, until, length, bookedStarts).contains(slotStart);
    }

    static LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** A slot is taken when it overlaps a booked call widened by the buffer on both sides. */
    private static boolean overlapsBooked(Instant start, Instant end, Duration length, Duration buffer,
                                          Collection<Instant> booked) {
        for (Instant other : booked) {
            if (other.minus(buffer).isBefore(end) && other.plus(length).plus(buffer).isAfter(start)) {
                return true;
            }
        }
        return false;
    }
}
